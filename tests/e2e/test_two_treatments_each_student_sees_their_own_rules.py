"""Two worlds in one class, in real browsers: the instructor creates a session with two
treatments from the dashboard; provinces alternate between them; each student's page
shows their own province's rules, and the panel shows which province plays which."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from tests.e2e.screens import create_session, join, log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fill_rest_of_province_one(code: str) -> None:
    from game.services.sessions import participant_join

    for n in range(4):  # central-cluster has five cities: the next student opens province 2
        participant_join(code=code, display_name=f"Filler {n}")


def test_each_student_sees_their_own_treatments_rules(stack, browser, instructor, tmp_path):
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Two worlds", rounds=4, seconds=600, schedule="growth_tournament",
                             auto_close=False, treatments="A=growth_tournament:4;B=collaborative_contest:4")

    alice = person(browser, stack.base_url)
    join(alice, session.code, "Alice")
    fill_rest_of_province_one(session.code)
    bob = person(browser, stack.base_url)
    join(bob, session.code, "Bob")

    from game.models import Participant

    assert {p.display_name: p.seat.province.treatment for p in Participant.objects.filter(
        display_name__in=["Alice", "Bob"]).select_related("seat__province")} == {"Alice": "A", "Bob": "B"}

    expect(alice.locator("#sb-rules")).to_have_text("Growth tournament")
    expect(bob.locator("#sb-rules")).to_have_text("Collaborative contest")
    for page in (alice, bob):
        expect(page.locator("body")).not_to_contain_text("treatment")

    # The panel: a treatment choice beside each province (before round 1), and the rules
    # section acts on one treatment.
    expect(panel.locator("#open-round")).to_contain_text("Each province plays its own rules")
    expect(panel.locator("#provinces .treatment-select")).to_have_count(2)
    expect(panel.locator("#provinces .treatment-select").nth(1)).to_have_value("B")
    expect(panel.locator("#rules-treatment-row")).to_be_visible()
    panel.locator("#rules-treatment").select_option("B")
    expect(panel.locator("#rules-current-name")).to_have_text("Collaborative contest")
    panel.locator("#rules-treatment").select_option("A")
    expect(panel.locator("#rules-current-name")).to_have_text("Growth tournament")

    # "Every treatment" shows each one's rules and lights no preset; a preset clicked there
    # sets every treatment only after the instructor confirms it (it merges the worlds).
    panel.locator("#rules-treatment").select_option("")
    expect(panel.locator("#rules-current-name")).to_have_text("A: Growth tournament · B: Collaborative contest")
    expect(panel.locator("[data-preset][aria-pressed=true]")).to_have_count(0)
    asked = []
    panel.on("dialog", lambda dialog: asked.append(dialog.message))  # screens.person accepts it
    panel.locator("[data-preset=growth_tournament]").click()
    expect(panel.locator("#alerts")).to_contain_text("every treatment (A, B)")
    assert asked and "Set ALL treatments (A, B)" in asked[0]
    expect(panel.locator("#rules-current-name")).to_have_text("A: Growth tournament · B: Growth tournament")
    expect(panel.locator("[data-preset][aria-pressed=true]")).to_have_attribute("data-preset", "growth_tournament")

    for page, name in ((panel, "panel"), (alice, "alice"), (bob, "bob")):
        page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=name == "panel")
        shutil.copy(tmp_path / f"{name}.png", f"/tmp/treatments-{name}.png")
