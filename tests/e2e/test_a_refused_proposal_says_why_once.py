"""In Chromium: a proposal the server refuses (a pledge over the city's budget) says why
once, beside the proposal form, and not a second time in the status line above it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.fit import shoot
from tests.e2e.screens import create_session, join, log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_refused_proposal_says_why_once(stack, browser, instructor):
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Refused", rounds=2, seconds=600, schedule="implicit_coordination:2",
                             auto_close=False)
    alice = person(browser, stack.base_url)
    join(alice, session.code, "Alice")  # Taiyuan
    panel.locator("#open-round").click()
    expect(alice.locator("#sheet-form")).to_be_visible()
    alice.locator("#agreements-propose details > summary").click()
    alice.locator("#ag-project").select_option("corridor-1")
    alice.locator("#ag-pledge-taiyuan").fill("10")
    alice.locator("#ag-pledge-xinzhou").fill("999999")
    alice.locator("#ag-note").fill("Xinzhou pays it all")
    alice.locator("#agreements-propose button[type=submit]").click()
    error = alice.locator("#ag-error")
    expect(error).to_contain_text("999999")
    reason = error.inner_text().strip()
    expect(alice.locator("#agreements-status")).not_to_contain_text("…")
    assert alice.locator("#agreements-status").inner_text().strip() == ""
    shown = alice.evaluate("(text) => document.body.innerText.split(text).length - 1", reason)
    assert shown == 1, f"the refusal is shown {shown} times"
    shoot(alice, "proposal-refused-once", full_page=False)
