"""Treatments on the instructor's screens: the creation form offers one-click treatment
suggestions whose round counts follow the Rounds field, and when the server refuses to
move a province to another treatment, the panel's choice goes back to the stored one."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from tests.e2e.screens import create_session, join, log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SUGGESTIONS = "#field-treatments [data-treatments]"


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_treatment_suggestions_fill_the_field_with_the_chosen_number_of_rounds(stack, browser, instructor,
                                                                               tmp_path, locale):
    page = person(browser, stack.base_url, locale=locale)
    log_in(page)
    page.goto("/instructor/")
    field = page.locator("#id_treatments")
    page.locator("#id_total_rounds").fill("6")
    page.locator(SUGGESTIONS).nth(0).click()
    expect(field).to_have_value("A=growth_tournament:6;B=collaborative_contest:6")
    page.locator("#id_total_rounds").fill("5")
    page.locator(SUGGESTIONS).nth(1).click()
    expect(field).to_have_value("A=growth_tournament:5;B=growth_tournament:2,collaborative_contest:3")
    page.locator(SUGGESTIONS).nth(2).click()
    expect(field).to_have_value("A=implicit_coordination:5;B=collaborative_contest:5")
    page.locator(SUGGESTIONS).nth(3).click()
    expect(field).to_have_value("")
    for width, height in ((360, 800), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.locator("#field-treatments").scroll_into_view_if_needed()
        shot = tmp_path / f"dashboard-treatments-{locale}-{width}.png"
        page.screenshot(path=str(shot))
        shutil.copy(shot, f"/tmp/{shot.name}")


def test_a_refused_treatment_move_shows_the_stored_treatment_again(stack, browser, instructor):
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Refused move", rounds=4, seconds=600, schedule="growth_tournament",
                             auto_close=False, treatments="A=growth_tournament:4;B=collaborative_contest:4")
    student = person(browser, stack.base_url)
    join(student, session.code, "Alice")
    select = panel.locator("#provinces .treatment-select").first
    expect(select).to_have_value("A")
    # A label the session does not have: the server refuses it ("Unknown treatment").
    select.evaluate("s => s.appendChild(new Option('Treatment Z', 'Z'))")
    select.select_option("Z")
    expect(panel.locator("#alerts .alert-error")).to_contain_text("Z")
    expect(select).to_have_value("A")
    # An accepted move still sticks.
    select.select_option("B")
    expect(panel.locator("#alerts")).to_contain_text("now plays treatment B")
    expect(panel.locator("#alerts .alert-error")).to_have_count(0)
    expect(select).to_have_value("B")
