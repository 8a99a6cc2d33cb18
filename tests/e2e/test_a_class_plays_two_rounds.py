"""A whole class in real browsers: the instructor's panel, the projector and two students
play two rounds against a real server and a real Celery worker (bots fill the other
three cities). Every screen follows the game live; nothing is ever reloaded."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.screens import chip, create_session, fill_and_save_sheet, join, log_in, open_projector, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def expected_joint_completed(session_id: int, number: int) -> int:
    from game.models import ProvinceResult

    results = ProvinceResult.objects.filter(round__session_id=session_id, round__number=number)
    assert results.exists(), f"round {number} has no result in the database"
    return sum(int(r.data["totals"]["joint_completed"]) for r in results)


def rank_of(session_id: int, number: int, city_id: str) -> int:
    from game.models import SeatResult

    return SeatResult.objects.get(round__session_id=session_id, round__number=number, seat__city_id=city_id).rank


def closed_by(session_id: int, number: int) -> str:
    from game.models import Event

    return Event.objects.get(session_id=session_id, kind="round_closed", data__round=number).actor


def test_a_class_plays_two_rounds(stack, browser, instructor):
    # --- the instructor creates the session from the dashboard
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Class 3B", rounds=2, seconds=60, schedule="growth_tournament",
                             bot_strategy="fair_share", auto_close=True)
    expect(panel.locator("#session-title")).to_have_text("Class 3B")
    expect(panel.locator("#session-scenario")).to_have_text("Shanxi central city cluster")
    expect(panel.locator("#roster")).to_contain_text("Nobody has joined yet")

    # --- the projector: its own browser, the same instructor logged in
    projector = person(browser, stack.base_url)
    log_in(projector)
    open_projector(projector, session)
    expect(projector.locator("#proj-lobby")).to_be_visible()
    expect(projector.locator("#proj-lobby .proj-code")).to_have_text(session.code)
    expect(projector.locator("#lobby-count")).to_have_text("0")

    # --- two students join with the link the panel shows
    alice = person(browser, stack.base_url)
    join(alice, session.code, "Alice")
    bob = person(browser, stack.base_url)
    join(bob, session.code, "Bob")

    for student, city in ((alice, "Taiyuan"), (bob, "Xinzhou")):
        expect(student.locator("#sb-city")).to_have_text(city)
        expect(student.locator("#lobby-title")).to_have_text("Waiting for the instructor to start the game")
        expect(student.locator("#sheet-form")).to_be_hidden()
    expect(alice.locator("#card-province-body")).to_contain_text("Bob")  # Bob arrived after Alice's page loaded

    # the panel and the projector saw both arrive, live
    expect(panel.locator("#roster-count")).to_have_text("(2 students)")
    expect(panel.locator("#roster")).to_contain_text("Alice")
    expect(panel.locator("#roster")).to_contain_text("Bob")
    expect(chip(panel, "Alice")).to_contain_text("Taiyuan")
    expect(chip(panel, "Bob")).to_contain_text("Xinzhou")
    expect(panel.locator("#provinces button.chip.is-bot")).to_have_count(3)
    expect(projector.locator("#lobby-count")).to_have_text("2")
    expect(projector.locator("#lobby-count-label")).to_have_text("students joined")

    # --- round 1
    open_button = panel.locator("#open-round")
    expect(open_button).to_have_text("Open round 1 · Growth tournament")
    open_button.click()
    expect(panel.locator("#round-number")).to_have_text("Round 1 of 2")
    expect(panel.locator("#round-state")).to_have_text("open")
    expect(panel.locator("#close-now")).to_be_visible()
    expect(projector.locator("#proj-round")).to_be_visible()
    expect(projector.locator("#round-heading")).to_have_text("Round 1 of 2")
    expect(projector.locator("#round-rules")).to_have_text("Growth tournament")
    expect(projector.locator("#proj-clock")).to_have_text(re.compile(r"^[01]:\d\d$"))
    for student in (alice, bob):
        expect(student.locator("#sb-round")).to_have_text("Round 1/2")
        expect(student.locator("#sb-rules")).to_have_text("Growth tournament")
        expect(student.locator("#sb-clock")).to_be_visible()
        expect(student.locator("#sheet-form")).to_be_visible()

    # the worker's bots save first; the two students have not
    expect(panel.locator("#provinces .province-head .count")).to_have_text("3/5 saved")
    expect(chip(panel, "Alice")).to_have_class(re.compile(r"\bis-waiting\b"))
    expect(projector.locator("#proj-submitted .sub-count")).to_have_text(re.compile(r"^3/5 submitted"))

    fill_and_save_sheet(alice, 12)
    expect(alice.locator("#save-status")).to_contain_text("Saved ✓")
    expect(alice.locator("#save-status")).to_contain_text("by you")
    expect(chip(panel, "Alice")).to_have_class(re.compile(r"\bis-submitted\b"))
    expect(chip(panel, "Alice").locator(".chip-status")).to_have_text("✓ saved")
    expect(chip(panel, "Bob").locator(".chip-status")).to_have_text("○ not saved")
    expect(panel.locator("#provinces .province-head .count")).to_have_text("4/5 saved")
    expect(projector.locator("#proj-submitted .sub-count")).to_have_text(re.compile(r"^4/5 submitted"))
    expect(bob.locator("#card-province-count")).to_have_text("4/5 submitted")

    # Bob's save is the last one: "auto close" closes the round, the worker scores it
    fill_and_save_sheet(bob, 8)
    expect(bob.locator("#save-status")).to_contain_text("Saved ✓")

    # --- round 1 results reach every screen without a reload
    expect(panel.locator("#scored-line")).to_contain_text("Round 1 scored.")
    assert closed_by(session.id, 1) == "all submitted"
    joint_done = expected_joint_completed(session.id, 1)
    expect(panel.locator("#scored-line")).to_contain_text(f"Joint projects completed: {joint_done} of")
    expect(panel.locator("#rankings table.ranking tbody tr")).to_have_count(5)
    expect(open_button).to_have_text("Open round 2 · Growth tournament")

    expect(projector.locator("#proj-results")).to_be_visible()
    expect(projector.locator("#results-heading")).to_have_text("Results of round 1")
    expect(projector.locator("#headline-done")).to_have_text(str(joint_done))
    expect(projector.locator("#proj-tables .rank-table tbody tr")).to_have_count(5)
    expect(projector.locator("#proj-tables .rank-table")).to_contain_text("Taiyuan")
    expect(projector.locator("#proj-tables .rank-table")).to_contain_text("Xinzhou")

    for student, city_id in ((alice, "taiyuan"), (bob, "xinzhou")):
        expect(student.locator("#sheet-form")).to_be_hidden()
        expect(student.locator("#results-title")).to_have_text("Round 1 results: why your score changed")
        expect(student.locator("#view-results")).to_contain_text(f"You ranked {rank_of(session.id, 1, city_id)} of 5")
        expect(student.locator("#view-results table.waterfall")).to_contain_text("Points this round")
        expect(student.locator("#card-standings-body tbody tr")).to_have_count(5)
        expect(student.locator("#card-standings-body tr.is-me")).to_have_count(1)
        expect(student.locator("#view-state")).to_contain_text("Waiting for round 2")

    # --- the instructor changes the rules for round 2
    preset = panel.locator("#rules-section [data-preset='collaborative_contest']")
    preset.click()
    expect(preset).to_have_attribute("aria-pressed", "true")
    expect(panel.locator("#rules-current-name")).to_have_text("Collaborative contest")
    expect(panel.locator("#rules-diff li.muted")).to_have_count(0)  # not "No change"
    expect(panel.locator("#rules-diff li").first).to_be_visible()
    expect(open_button).to_have_text("Open round 2 · Collaborative contest")
    expect(projector.locator("#proj-next")).to_have_text("Next: round 2 · Collaborative contest")
    for student in (alice, bob):  # told before the round opens
        expect(student.locator("#rules-changed-title")).to_have_text("The rules change for round 2")

    # --- round 2: the students are told the rules changed
    open_button.click()
    expect(panel.locator("#round-number")).to_have_text("Round 2 of 2")
    expect(projector.locator("#round-heading")).to_have_text("Round 2 of 2")
    expect(projector.locator("#round-rules")).to_have_text("Collaborative contest")
    for student in (alice, bob):
        expect(student.locator("#sb-round")).to_have_text("Round 2/2")
        expect(student.locator("#sb-rules")).to_have_text("Collaborative contest")
        expect(student.locator("#rules-changed-title")).to_have_text("The rules changed for this round")
        expect(student.locator("#sheet-form")).to_be_visible()
        expect(student.locator("#save-status")).to_have_text("Not saved yet.")  # round 1's sheet is not carried over

    expect(panel.locator("#provinces .province-head .count")).to_have_text("3/5 saved")
    fill_and_save_sheet(alice, 15)
    expect(chip(panel, "Alice").locator(".chip-status")).to_have_text("✓ saved")
    expect(panel.locator("#provinces .province-head .count")).to_have_text("4/5 saved")
    # Bob does not save this time: the instructor closes the round (and confirms the dialog)
    expect(chip(panel, "Bob").locator(".chip-status")).to_have_text("○ not saved")
    panel.locator("#close-now").click()

    # --- round 2 results, live, on every screen
    expect(panel.locator("#scored-line")).to_contain_text("Round 2 scored.")
    assert closed_by(session.id, 2) == "instructor"
    joint_done = expected_joint_completed(session.id, 2)
    expect(panel.locator("#open-row")).to_be_hidden()  # no round left
    expect(panel.locator("#round-hint")).to_contain_text("Every round has been played")
    expect(projector.locator("#results-heading")).to_have_text("Results of round 2")
    expect(projector.locator("#headline-done")).to_have_text(str(joint_done))
    expect(projector.locator("#proj-tables .rank-table tbody tr")).to_have_count(5)
    for student, city_id in ((alice, "taiyuan"), (bob, "xinzhou")):
        expect(student.locator("#results-title")).to_have_text("Round 2 results: why your score changed")
        expect(student.locator("#view-results")).to_contain_text(f"You ranked {rank_of(session.id, 2, city_id)} of 5")
        expect(student.locator("#view-state")).to_contain_text("All rounds are played")
        # the history of points per round on the side card has both rounds
        expect(student.locator("#card-me-body tbody tr")).to_have_count(2)
