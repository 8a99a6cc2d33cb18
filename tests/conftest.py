"""Shared personas and game set-ups for the service, live and browser tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def instructor(django_user_model):
    return django_user_model.objects.create_user(username="instructor", password="pw-instructor-1")


@pytest.fixture
def other_instructor(django_user_model):
    return django_user_model.objects.create_user(username="other", password="pw-other-1")


@pytest.fixture
def make_session(instructor):
    from game.services.sessions import session_create

    def make(**overrides):
        options = dict(
            instructor=instructor, title="Class A", scenario_id="central-cluster", total_rounds=3,
            round_seconds=120, schedule="growth_tournament:1,collaborative_contest:2", fill_with_bots=True,
            bot_strategy="fair_share", auto_close=False,
        )
        options.update(overrides)
        return session_create(**options)

    return make


@pytest.fixture
def join():
    from game.services.sessions import participant_join

    def _join(session, name):
        return participant_join(code=session.code, display_name=name)

    return _join


TEST_REDIS_DB = 9


def test_redis_url() -> str:
    """Tests use their own Redis database, so flushing it never touches a running game."""
    import os

    base = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    return base.rsplit("/", 1)[0] + f"/{TEST_REDIS_DB}" if base.count("/") >= 3 else base + f"/{TEST_REDIS_DB}"


@pytest.fixture(scope="session", autouse=True)
def _isolated_redis():
    import redis
    from channels import layers
    from django.conf import settings

    from config.celery import app

    url = test_redis_url()
    redis.Redis.from_url(url).flushdb()  # stale tasks or group members from an earlier run
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer",
                                           "CONFIG": {"hosts": [url]}}}
    layers.channel_layers.backends = {}
    app.conf.broker_url = url
    app.conf.result_backend = url
    yield url


@pytest.fixture
async def channel_layer():
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    yield layer
    await layer.flush()
