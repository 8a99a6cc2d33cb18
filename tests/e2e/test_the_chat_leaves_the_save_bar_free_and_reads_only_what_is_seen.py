"""The chat beside the sheet, in real browsers: on a 360 px phone the open chat ends
above the sheet's save bar, so a student saves without closing it (English and Chinese);
on a laptop a channel counts as read only once its newest message is on screen, not
while the student reads older messages scrolled up in the log."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from tests.e2e.screens import create_session, join, log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The centre of the Save button is the Save button (or inside it), not the chat over it.
SAVE_ON_TOP = """() => {
  const b = document.getElementById('save-btn').getBoundingClientRect();
  const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
  return !!hit && !!hit.closest('#save-btn');
}"""


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_on_a_phone_the_open_chat_leaves_the_save_button_usable(stack, browser, instructor, tmp_path, locale):
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Phone chat", rounds=2, seconds=600, schedule="growth_tournament",
                             auto_close=False)
    student = person(browser, stack.base_url, locale=locale)
    student.set_viewport_size({"width": 360, "height": 740})
    join(student, session.code, "Alice")
    panel.locator("#open-round").click()
    expect(student.locator("#sheet-form")).to_be_visible()
    student.locator("#joint-cards input[data-field^='contributions.']").first.fill("7")

    student.locator(".chat-toggle").click()
    expect(student.locator("#chat")).to_be_visible()
    expect(student.locator("#save-btn")).to_be_visible()
    assert student.evaluate(SAVE_ON_TOP)
    chat_bottom = student.locator("#chat").bounding_box()
    bar_top = student.locator("#budget-bar").bounding_box()
    assert chat_bottom["y"] + chat_bottom["height"] <= bar_top["y"] + 1  # the chat ends above the bar
    assert student.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    student.screenshot(path=str(tmp_path / f"chat-open-{locale}-360.png"))
    student.locator("#save-btn").click()
    expect(student.locator("#save-status .saved")).to_have_count(1)
    expect(student.locator("#chat")).to_be_visible()  # saved without leaving the chat

    student.locator(".chat-close").click()
    expect(student.locator("#chat")).to_be_hidden()
    expect(student.locator("#save-btn")).to_be_visible()
    student.screenshot(path=str(tmp_path / f"chat-closed-{locale}-360.png"))
    student.set_viewport_size({"width": 1920, "height": 1080})
    expect(student.locator("#chat")).to_be_visible()  # the side column on a wide screen
    student.screenshot(path=str(tmp_path / f"chat-side-{locale}-1920.png"))
    for shot in tmp_path.glob("chat-*.png"):
        shutil.copy(shot, f"/tmp/polish-{shot.name}")


def test_a_channel_stays_unread_while_its_newest_message_is_scrolled_out_of_view(stack, browser, instructor):
    panel = person(browser, stack.base_url)
    log_in(panel)
    created = create_session(panel, title="Laptop chat", rounds=2, seconds=600, schedule="growth_tournament",
                             auto_close=False)
    bob = person(browser, stack.base_url)  # 1280 px: the chat sits in the side column
    join(bob, created.code, "Bob")
    expect(bob.locator("#chat")).to_be_visible()
    panel.reload()
    panel.locator(".pchat-channel[data-channel='province']").click()
    sent = panel.locator(".pchat-msg")

    def post(text: str) -> None:  # as the province government, which no flood limit slows
        before = sent.count()
        panel.locator("#pchat-text").fill(text)
        panel.locator("#pchat-send").click()
        expect(sent).to_have_count(before + 1)

    for n in range(12):  # more than the log shows at once
        post(f"Older message {n}\nwith a second line")
    tab = bob.locator(".chat-tab[data-channel='province']")
    expect(bob.locator(".chat-msg")).to_have_count(12)
    # At 1280 × 900 the chat sits below the fold of the side column: not seen, not read.
    assert bob.locator("#chat-log").bounding_box()["y"] > bob.viewport_size["height"]
    bob.wait_for_timeout(1200)  # past the page's 400 ms reading delay: no read may have gone out
    expect(tab.locator(".chat-unread")).to_have_text("12")
    bob.locator("#chat").scroll_into_view_if_needed()
    expect(tab.locator(".chat-unread")).to_have_count(0)  # scrolled to: the newest is seen, read

    bob.locator("#chat-log").evaluate("log => { log.scrollTop = 0; }")  # reading older messages
    post("The newest, below the fold")
    expect(bob.locator(".chat-msg")).to_have_count(13)
    bob.wait_for_timeout(1200)  # past the page's 400 ms reading delay: no read may have gone out
    expect(tab.locator(".chat-unread")).to_have_text("1")

    bob.locator("#chat-log").evaluate("log => { log.scrollTop = log.scrollHeight; }")
    expect(tab.locator(".chat-unread")).to_have_count(0)
