"""A class split in two treatments: growth tournament (GROWTH) against collaborative
contest (COOP), central-cluster, 3 rounds, four provinces of bots opened by the instructor."""

from __future__ import annotations

import pytest

from game.services import sessions

TWO_WORLDS = "GROWTH=growth_tournament:3;COOP=collaborative_contest:3"


@pytest.fixture
def two_worlds(make_session, instructor):
    session = make_session(treatments=TWO_WORLDS, bot_strategy="best_response")
    for _ in range(4):
        sessions.province_add(session=session, user=instructor)
    session.refresh_from_db()
    return session
