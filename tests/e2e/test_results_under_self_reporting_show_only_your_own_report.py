"""Under self-reported collaboration the ranking withholds every city's report, its scaled
value and the composite (they would give away how much a city inflated); the student's
own results still show her own reported collaboration and inflation, sent to her seat
alone, and say why the composite is not shown."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from tests.e2e.screens import create_session, fill_and_save_sheet, join, log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_student_sees_her_own_report_but_no_composite_under_self_reporting(stack, browser, instructor, tmp_path):
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Soft indicators", rounds=2, seconds=120,
                             schedule="implicit_coordination", bot_strategy="fair_share", auto_close=False)
    alice = person(browser, stack.base_url)
    join(alice, session.code, "Alice")
    panel.locator("#open-round").click()
    expect(alice.locator("#sheet-form")).to_be_visible()
    alice.locator("#inflation").fill("30")
    fill_and_save_sheet(alice, 44)  # her fair share of the corridor: the project completes

    panel.locator("#close-now").click()  # the instructor closes the round; the worker scores it
    results = alice.locator("#results-title")
    expect(results).to_be_visible(timeout=30_000)
    card = alice.locator("section.card.results")
    rows = card.locator("table tbody tr")
    collaboration = rows.filter(has_text="Collaboration").first
    cells = collaboration.locator("td")
    expect(cells.nth(0)).not_to_have_text("–")  # her own reported collaboration, from her seat's message
    expect(cells.nth(1)).to_have_text("–")  # scaled: withheld
    expect(rows.filter(has_text="Composite score").locator("td").last).to_have_text("–")
    expect(card).to_contain_text("the scaled collaboration and the composite score are not published")
    expect(card).to_contain_text("You inflated your collaboration report by 30 %")
    alice.screenshot(path=str(tmp_path / "results.png"), full_page=True)
    shutil.copy(tmp_path / "results.png", "/tmp/self-reporting-results.png")
