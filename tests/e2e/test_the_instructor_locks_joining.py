"""The instructor locks joining from the panel: the button and the join card say so, the
projector's lobby shows it live, and a student who tries to join reads why."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from tests.e2e.screens import create_session, log_in, open_projector, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_instructor_locks_joining_and_a_late_student_is_told_why(stack, browser, instructor, tmp_path):
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Locked", rounds=2, seconds=600, schedule="growth_tournament",
                             auto_close=False)
    projector = person(browser, stack.base_url)
    log_in(projector)
    open_projector(projector, session)
    expect(projector.locator("#lobby-locked")).to_be_hidden()

    button = panel.locator("#lock-joining")
    expect(button).to_have_text("Lock joining")
    button.click()
    expect(button).to_have_text("Unlock joining")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(panel.locator("#joining-state")).to_contain_text("Joining is locked")
    expect(projector.locator("#lobby-locked")).to_be_visible()

    late = person(browser, stack.base_url)
    late.goto(f"/?code={session.code}")
    late.locator("#join-name").fill("Late")
    late.locator(".join-card form button[type=submit]").click()
    expect(late.locator("body")).to_contain_text("closed this game to new players")

    for page, name in ((panel, "panel"), (projector, "projector"), (late, "join")):
        page.screenshot(path=str(tmp_path / f"{name}.png"))
        shutil.copy(tmp_path / f"{name}.png", f"/tmp/lock-{name}.png")
