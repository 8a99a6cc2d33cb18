"""Shared personas and game set-ups for the service, live and browser tests."""

from __future__ import annotations

import os

import pytest


def pytest_configure(config):
    """Tests run on the engine `make run` uses: the embedded PostgreSQL, started here when
    DATABASE_URL is unset (CI, a fresh clone), whatever else runs on the machine."""
    if os.environ.get("DATABASE_URL"):
        return
    from django.conf import settings

    from config import embedded_postgres, install

    embedded_postgres.start()
    embedded_postgres.drop_stale_test_databases()
    # The settings were read before the server said where its socket is (a long path moves it).
    settings.DATABASES["default"]["HOST"] = str(install.embedded_socket_dir())


def pytest_unconfigure(config):
    """This run's test database is gone even when a thread of an async test still held a
    connection to it (Django's own DROP then fails with "being accessed by other users")."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        return
    import psycopg
    from psycopg import sql

    from tests.live.databases import url_for

    try:
        with psycopg.connect(url_for(db, "postgres"), autocommit=True, connect_timeout=5) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db["TEST"]["NAME"])))
    except psycopg.Error as exc:
        print(f"could not drop the test database {db['TEST']['NAME']}: {exc}")


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


def test_redis_url(db: int = TEST_REDIS_DB) -> str:
    """Tests use their own Redis database, never the one a running game uses."""
    import os

    base = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    return base.rsplit("/", 1)[0] + f"/{db}" if base.count("/") >= 3 else base + f"/{db}"


RUN_PREFIX = f"t{__import__('os').getpid()}"


def delete_run_keys(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    for pattern in (f"{RUN_PREFIX}*", f"asgi-{RUN_PREFIX}*"):
        for key in client.scan_iter(pattern, count=1000):
            client.delete(key)


@pytest.fixture(scope="session", autouse=True)
def _isolated_redis():
    """Channel layer and Celery keys carry this run's prefix (inherited by the servers and
    workers the tests start), so two test runs on one machine never see each other."""
    import os

    from channels import layers
    from django.conf import settings

    from config.celery import app

    url = test_redis_url()
    os.environ.update(CHANNEL_PREFIX=f"asgi-{RUN_PREFIX}", CELERY_KEY_PREFIX=f"{RUN_PREFIX}:",
                      CACHE_PREFIX=f"{RUN_PREFIX}-cache")
    # The cache (join-failure counters) on the tests' Redis database with this run's prefix.
    # Never cache.clear(): on Redis it empties the whole database other runs use.
    from asgiref.local import Local
    from django.core.cache import caches

    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": url, "KEY_PREFIX": f"{RUN_PREFIX}-cache"}}
    caches._settings = caches.settings = caches.configure_settings(None)
    caches._connections = Local()
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer",
                                           "CONFIG": {"hosts": [url], "capacity": 10000,
                                                      "prefix": f"asgi-{RUN_PREFIX}"}}}
    layers.channel_layers.backends = {}
    app.conf.broker_url = url
    app.conf.result_backend = url
    app.conf.broker_transport_options = {"global_keyprefix": f"{RUN_PREFIX}:"}
    delete_run_keys(url)
    yield url
    delete_run_keys(url)


@pytest.fixture
async def channel_layer():
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    yield layer
    await layer.flush()


@pytest.fixture
def private_redis(tmp_path):
    """A Redis of this test's own, to kill and restart (never the shared one); this
    process's Celery app and channel layer point at it while the test runs."""
    from tests.live.private_redis import PrivateRedis, pointed_at

    server = PrivateRedis(tmp_path)
    server.start()
    with pointed_at(server.url):
        yield server
    server.kill()
