"""Two students of one province and the instructor on the platform, in real browsers:
Alice on a 360 px phone in English, Bob on a laptop in Chinese. They chat in the
province channel and privately; the unread badges follow; the instructor reads the
private channel, hides a message (it leaves both screens), writes as the province
government and announces (a banner on both screens and on the projector); a flood is
refused with a clear message; markup typed in a message stays text; a reload shows the
history again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.screens import create_session, join, log_in, open_projector, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAIR = "pair:taiyuan|xinzhou"


def phone(browser, base_url, locale="en-US"):
    context = browser.new_context(base_url=base_url, locale=locale, viewport={"width": 360, "height": 740},
                                  has_touch=True)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def shot(page, tmp_path: Path, name: str) -> None:
    """Screenshots to look at: in the test's folder, and in $PC_SCREENSHOTS when set."""
    for folder in filter(None, (tmp_path, os.environ.get("PC_SCREENSHOTS"))):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def test_a_province_chats_and_the_instructor_moderates(stack, browser, instructor, tmp_path):
    errors: list[str] = []
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Chat class", rounds=2, seconds=600, schedule="growth_tournament",
                             auto_close=False)
    alice = phone(browser, stack.base_url)
    bob = person(browser, stack.base_url, locale="zh-CN")
    for page in (panel, alice, bob):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    join(alice, session.code, "Alice")
    join(bob, session.code, "鲍勃")

    # Bob (laptop, Chinese) sees the chat in his side column and writes to the province
    expect(bob.locator("#chat")).to_be_visible()
    expect(bob.locator("#chat-title")).to_have_text("聊天")
    expect(bob.locator(".chat-toggle")).to_be_hidden()
    bob.locator("#chat-input").fill("大家好，我们一起建走廊吧")
    bob.locator(".chat-send").click()
    expect(bob.locator(".chat-msg.is-mine .chat-text")).to_have_text("大家好，我们一起建走廊吧")

    # Alice (phone) gets an unread badge on the top bar's Chat button; the chat opens over the page
    expect(alice.locator("#chat")).to_be_hidden()
    expect(alice.locator(".chat-toggle .chat-total")).to_have_text("1")
    alice.locator(".chat-toggle").click()
    expect(alice.locator("#chat")).to_be_visible()
    expect(alice.locator(".chat-msg bdi.chat-name")).to_have_text("鲍勃")
    expect(alice.locator(".chat-toggle .chat-total")).to_be_hidden()  # read once shown
    shot(alice, tmp_path, "alice-360-province-channel")

    # privately: Alice writes to Xinzhou; Bob's tab for Taiyuan gets a badge
    alice.locator(f".chat-tab[data-channel='{PAIR}']").click()
    expect(alice.locator(".chat-privacy")).to_contain_text("Xinzhou")
    alice.locator("#chat-input").fill("Half each on the corridor? <b>deal</b> <img src=x onerror=window.__xss=1>")
    alice.locator("#chat-input").press("Enter")
    expect(alice.locator(".chat-msg.is-mine .chat-text")).to_have_text(
        "Half each on the corridor? <b>deal</b> <img src=x onerror=window.__xss=1>")
    bob_tab = bob.locator(f".chat-tab[data-channel='{PAIR}']")
    expect(bob_tab.locator(".chat-unread")).to_have_text("1")
    expect(bob_tab).to_contain_text("太原")
    bob_tab.click()
    expect(bob.locator(".chat-msg .chat-text")).to_contain_text("Half each on the corridor?")
    expect(bob_tab.locator(".chat-unread")).to_have_count(0)
    assert bob.evaluate("window.__xss") is None and bob.locator(".chat-msg img").count() == 0
    shot(bob, tmp_path, "bob-desktop-zh-private")

    # the instructor reads the private channel and hides Alice's message: it leaves both screens
    panel.reload()
    expect(panel.locator(f".pchat-channel[data-channel='{PAIR}']")).to_be_visible()
    panel.locator(f".pchat-channel[data-channel='{PAIR}']").click()
    expect(panel.locator(".pchat-msg .pchat-text")).to_contain_text("Half each on the corridor?")
    panel.locator(".pchat-msg .pchat-hide").first.click()
    expect(alice.locator(".chat-msg")).to_have_count(0)
    expect(bob.locator(".chat-msg")).to_have_count(0)
    expect(panel.locator(".pchat-msg.is-hidden")).to_have_count(1)  # kept in the record, marked
    panel.locator("#chat-section").scroll_into_view_if_needed()
    shot(panel, tmp_path, "panel-chat-hidden")

    # the province government writes into the province channel and announces to all
    panel.locator(".pchat-channel[data-channel='province']").click()
    panel.locator("#pchat-text").fill("Remember: pledges are cheap talk this round.")
    panel.locator("#pchat-send").click()
    bob.locator(".chat-tab[data-channel='province']").click()
    expect(bob.locator(".chat-msg.is-province").last).to_contain_text("省政府")
    projector = person(browser, stack.base_url)
    log_in(projector)
    open_projector(projector, session)
    panel.locator("#ann-text").fill("Round 1 opens in one minute.")
    panel.locator("#ann-send").click()
    for page in (alice, bob):
        expect(page.locator(".announcement .announcement-text")).to_have_text("Round 1 opens in one minute.")
    expect(bob.locator(".announcement .alert-title")).to_contain_text("省政府公告")
    expect(projector.locator(".proj-announcement-text")).to_have_text("Round 1 opens in one minute.")
    alice.locator(".chat-close").click()
    shot(alice, tmp_path, "alice-360-banner")
    alice.locator(".chat-toggle").click()
    alice.locator(".chat-tab[data-channel='province']").click()
    expect(alice.locator(".chat-msg.is-province")).to_have_count(2)

    # a flood: past 5 messages within 10 seconds (her private one may still count) the next is refused
    accepted = 0
    for i in range(7):
        alice.locator("#chat-input").fill(f"spam {i}")
        alice.locator(".chat-send").click()
        expect(alice.locator(".chat-send")).to_be_enabled()  # answered: posted or refused
        if alice.locator("#chat-error").inner_text():
            break
        expect(alice.locator(".chat-msg.is-mine .chat-text").last).to_have_text(f"spam {i}")
        accepted += 1
    assert 4 <= accepted <= 5, (accepted, alice.locator("#chat-error").inner_text(),
                                alice.locator(".chat-msg .chat-text").all_inner_texts())
    expect(alice.locator("#chat-error")).to_contain_text("too fast")
    expect(alice.locator("#chat-input")).to_have_value(f"spam {accepted}")  # kept, to send again later
    shot(alice, tmp_path, "alice-360-flood")

    # another device of Alice's seat (a rejoin) sees the history and the same badges
    alice.reload()
    expect(alice.locator(".announcement")).to_have_count(1)
    alice.locator(".chat-toggle").click()
    expect(alice.locator(".chat-msg .chat-text").last).to_have_text(f"spam {accepted - 1}")
    texts = alice.locator(".chat-msg .chat-text").all_inner_texts()
    assert texts[-accepted:] == [f"spam {i}" for i in range(accepted)], texts
    assert not errors, errors
