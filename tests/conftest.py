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
