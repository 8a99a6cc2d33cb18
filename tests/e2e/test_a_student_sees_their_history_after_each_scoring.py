"""The student's history charts in Chromium: drawn from the page data at load, and
refreshed after the next scoring (the instructor opens and closes a round from the panel,
the worker scores it). Screenshot kept in .run/artefacts/ (look at it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from game.models import Round, Sheet
from game.services import rounds
from game.services.bots import bots_play
from tests.e2e.screens import log_in, person, wait_online

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTEFACTS = Path(__file__).resolve().parents[2] / ".run" / "artefacts"


@pytest.fixture
def two_rounds(transactional_db, make_session, join, instructor):
    """Played before the server and worker start (SQLite takes one writer at a time)."""
    session = make_session(total_rounds=3, round_seconds=600)
    alice = join(session, "Alice")
    for number in (1, 2):
        rnd = rounds.round_open(session=session, user=instructor)
        bots_play(round_id=rnd.id)
        rounds.sheet_save(participant=alice, round_number=number, data={"bids": {}})
        rounds.round_close(round_id=rnd.id, actor="test")
        rounds.round_score(round_id=rnd.id)
    return session, alice


def test_the_history_is_drawn_and_follows_the_next_scoring(two_rounds, stack, browser):
    session, alice = two_rounds
    student = person(browser, stack.base_url)
    student.set_viewport_size({"width": 1280, "height": 1400})
    student.goto(f"/play/{session.code}/rejoin/{alice.token}/")
    wait_online(student)
    card = student.locator("#card-history")
    expect(card).to_be_visible()
    for chart in ("history-points", "history-city", "history-standings"):
        assert student.evaluate(f"!!window.PCHistory.charts['{chart}']"), chart
    assert student.evaluate("window.PCHistory.charts['history-points'].data.labels") == ["1", "2"]
    card.locator("#history-points summary").click()
    expect(card.locator("#history-points tbody tr")).to_have_count(2)
    card.scroll_into_view_if_needed()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    card.screenshot(path=str(ARTEFACTS / "student-history.png"))

    panel = person(browser, stack.base_url)
    log_in(panel)
    panel.goto(f"/instructor/s/{session.id}/")
    wait_online(panel)
    panel.locator("#open-round").click()
    expect(panel.locator("#close-now")).to_be_visible()
    bots = session.provinces.get().seats.exclude(bot_strategy="").count()
    for _ in range(150):  # the worker plays the bot seats
        if Sheet.objects.filter(round__session=session, round__number=3).count() >= bots:
            break
        student.wait_for_timeout(100)
    panel.locator("#close-now").click()
    expect(student.locator("#card-history #history-points tbody tr")).to_have_count(3)
    assert student.evaluate("window.PCHistory.charts['history-points'].data.labels") == ["1", "2", "3"]
    assert Round.objects.get(session=session, number=3).status == Round.Status.SCORED
