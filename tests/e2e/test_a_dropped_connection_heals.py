"""A lost connection is shown and heals by itself (DESIGN §2): the student's page goes
offline while the game moves on, comes back without a reload and shows where the game
is now. First the browser loses the network; then the server itself goes away and comes
back on the same address."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.screens import (
    connection_state,
    create_session,
    fill_and_save_sheet,
    in_a_thread,
    join,
    log_in,
    person,
    wait_online,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_student_page_heals_after_losing_the_network_and_after_a_server_restart(stack, browser, instructor):
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Flaky wifi", rounds=2, seconds=600, schedule="growth_tournament",
                             auto_close=False)
    alice = person(browser, stack.base_url)
    join(alice, session.code, "Alice")
    expect(alice.locator("#lobby-title")).to_be_visible()
    expect(alice.locator(".offline-banner")).to_be_hidden()

    # --- 1. the browser loses the network; meanwhile the instructor opens round 1.
    # (Chromium's offline mode leaves an open websocket alone; the page notices through the
    # browser's "offline" event, as a phone leaving the wifi does, long before TCP would.)
    alice.context.set_offline(True)
    expect(connection_state(alice)).to_have_attribute("data-state", "offline")
    expect(connection_state(alice)).to_contain_text("Offline: reconnecting")
    expect(alice.locator("body")).to_have_class(re.compile(r"\bis-offline\b"))
    expect(alice.locator(".offline-banner")).to_be_visible()

    panel.locator("#open-round").click()
    expect(panel.locator("#round-state")).to_have_text("open")
    # the round stays open a moment before the network comes back: the page cannot know
    # (its reconnection attempts fail while offline) and keeps saying so
    alice.wait_for_timeout(1000)
    expect(connection_state(alice)).to_have_attribute("data-state", "offline")
    expect(alice.locator("#sheet-form")).to_be_hidden()

    alice.context.set_offline(False)
    wait_online(alice)
    expect(alice.locator(".offline-banner")).to_be_hidden()
    expect(alice.locator("#sb-round")).to_have_text("Round 1/2")
    expect(alice.locator("#sheet-form")).to_be_visible()
    expect(alice.locator("#sb-clock")).to_be_visible()
    fill_and_save_sheet(alice, 10)
    expect(alice.locator("#save-status")).to_contain_text("Saved ✓")

    # --- 2. the server goes away; meanwhile the round is closed and the worker scores it
    stack.stop_server()
    expect(connection_state(alice)).to_have_attribute("data-state", "offline")
    expect(connection_state(panel)).to_have_attribute("data-state", "offline")

    from game.models import GameSession, Round
    from game.services import rounds

    game = GameSession.objects.get(pk=session.id)
    in_a_thread(lambda: rounds.round_close_now(session=game, user=instructor))
    scored = Round.objects.filter(session=game, number=1, status=Round.Status.SCORED)
    for _ in range(100):
        if scored.exists():
            break
        alice.wait_for_timeout(100)
    assert scored.exists(), "the worker did not score round 1"

    stack.start_server()
    wait_online(alice)  # by itself: no reload
    expect(alice.locator("#results-title")).to_have_text("Round 1 results: why your score changed")
    expect(alice.locator("#sheet-form")).to_be_hidden()
    expect(alice.locator("#view-state")).to_contain_text("Waiting for round 2")
    expect(alice.locator("#card-standings-body tbody tr")).to_have_count(5)
    wait_online(panel)
    expect(panel.locator("#scored-line")).to_contain_text("Round 1 scored.")
    expect(panel.locator("#open-round")).to_have_text("Open round 2 · Growth tournament")


@pytest.mark.parametrize("locale, waiting", [("en-US", "saved when the connection returns"),
                                              ("zh-CN", "网络恢复后将自动保存")])
def test_a_save_sent_offline_on_a_phone_says_it_waits_for_the_connection_and_goes_through(
        stack, browser, instructor, locale, waiting):
    from tests.e2e.fit import shoot

    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Lift", rounds=2, seconds=600, schedule="growth_tournament",
                             auto_close=False)
    alice = person(browser, stack.base_url, locale=locale)
    alice.set_viewport_size({"width": 390, "height": 740})
    join(alice, session.code, "Alice")
    panel.locator("#open-round").click()
    expect(alice.locator("#sheet-form")).to_be_visible()
    field = alice.locator("#sheet-form input[data-field]").first
    field.fill("10")
    alice.mouse.wheel(0, 5000)  # scrolled down to the save button, the top bar out of sight
    alice.context.set_offline(True)
    expect(connection_state(alice)).to_have_attribute("data-state", "offline")
    alice.locator("#save-btn").click()
    expect(alice.locator("#save-status")).to_contain_text(waiting)
    expect(alice.locator(".offline-banner")).to_be_in_viewport()
    shoot(alice, f"offline-save-waiting-{locale}", full_page=False)

    alice.context.set_offline(False)
    wait_online(alice)
    expect(alice.locator("#save-status .saved")).to_have_count(1)
