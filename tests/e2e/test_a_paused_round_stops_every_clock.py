"""In Chromium: the instructor pauses the open round; the student's clock stands still and
says so, a save is refused with the reason, and after resuming the save goes through and
the clock runs again from where it stopped."""

from playwright.sync_api import expect

from tests.e2e.screens import create_session, join, log_in, person


def test_pause_and_resume(stack, browser, instructor):
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Pause", rounds=2, seconds=300, schedule="growth_tournament:2",
                             auto_close=False)
    alice = person(browser, stack.base_url)
    join(alice, session.code, "Alice")
    panel.locator("#open-round").click()
    expect(alice.locator("#sheet-form")).to_be_visible()

    panel.locator("#pause").click()
    expect(panel.locator("#pause")).to_have_attribute("aria-pressed", "true")
    expect(panel.locator("#round-clock")).to_contain_text("paused")
    expect(alice.locator("#sb-clock-value")).to_contain_text("paused")
    frozen = alice.locator("#sb-clock-value").inner_text()
    alice.wait_for_timeout(2500)
    assert alice.locator("#sb-clock-value").inner_text() == frozen, "the clock must stand still"

    field = alice.locator("#sheet-form input[data-field]").first
    field.fill("5")
    alice.locator("#save-btn").click()
    expect(alice.locator("#err-sheet")).to_contain_text("paused")

    panel.locator("#pause").click()
    expect(panel.locator("#pause")).to_have_attribute("aria-pressed", "false")
    expect(alice.locator("#sb-clock-value")).not_to_contain_text("paused")
    alice.locator("#save-btn").click()
    expect(alice.locator("#save-status .saved")).to_have_count(1)
