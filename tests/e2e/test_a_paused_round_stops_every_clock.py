"""In Chromium: the instructor pauses the open round; the student's clock stands still and
says so, a save is refused with the reason, and after resuming the save goes through and
the clock runs again from where it stopped. Views built by another process before the
pause and delivered after it (a coalesced join announcement from the worker) do not undo it."""

import asyncio
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.screens import create_session, in_a_thread, join, log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def send_views_built_before_the_pause(stack, session_id: int) -> None:
    """What a slow process that read the session just before the pause would send now, on
    the servers' own channel layer (the tests' process uses another one)."""
    from channels_redis.pubsub import RedisPubSubChannelLayer

    from game.models import GameSession
    from game.services import broadcast
    from game.services.selectors import instructor_snapshot, province_payloads

    game = GameSession.objects.get(pk=session_id)
    before = (timezone.now() - timedelta(seconds=5)).isoformat()

    def unpaused(view: dict) -> dict:
        return {**view, "session": {**view["session"], "paused_at": None, "server_time": before}}

    messages = [(broadcast.province_group(pid), {"type": "province", **unpaused(view)})
                for pid, view in province_payloads(game).items()]
    messages.append((broadcast.instructor_group(game.id), unpaused(instructor_snapshot(game))))

    async def send() -> None:
        layer = RedisPubSubChannelLayer(hosts=[stack.env["REDIS_URL"]], prefix=stack.env["CHANNEL_PREFIX"])
        for group, message in messages:
            await layer.group_send(group, {"type": "relay", "text": broadcast.encode(message)})
        await layer.flush()

    asyncio.run(send())


def a_paused_round(stack, browser, title: str):
    """An instructor and Alice in round 1 of a game the instructor has just paused."""
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title=title, rounds=2, seconds=300, schedule="growth_tournament:2",
                             auto_close=False)
    alice = person(browser, stack.base_url)
    join(alice, session.code, "Alice")
    panel.locator("#open-round").click()
    expect(alice.locator("#sheet-form")).to_be_visible()
    panel.locator("#pause").click()
    expect(alice.locator("#sb-clock-value")).to_contain_text("paused")
    return panel, alice, session


def test_pause_and_resume(stack, browser, instructor):
    panel, alice, session = a_paused_round(stack, browser, "Pause")
    expect(panel.locator("#pause")).to_have_attribute("aria-pressed", "true")
    expect(panel.locator("#round-clock")).to_contain_text("paused")
    in_a_thread(lambda: send_views_built_before_the_pause(stack, session.id))
    frozen = alice.locator("#sb-clock-value").inner_text()
    alice.wait_for_timeout(2500)
    assert alice.locator("#sb-clock-value").inner_text() == frozen, "the clock must stand still"
    expect(panel.locator("#round-clock")).to_contain_text("paused")
    expect(panel.locator("#pause")).to_have_attribute("aria-pressed", "true")

    field = alice.locator("#sheet-form input[data-field]").first
    field.fill("5")
    alice.locator("#save-btn").click()
    expect(alice.locator("#err-sheet")).to_contain_text("paused")

    panel.locator("#pause").click()
    expect(panel.locator("#pause")).to_have_attribute("aria-pressed", "false")
    expect(alice.locator("#sb-clock-value")).not_to_contain_text("paused")
    alice.locator("#save-btn").click()
    expect(alice.locator("#save-status .saved")).to_have_count(1)


def test_resuming_clears_the_paused_error_under_the_sheet(stack, browser, instructor):
    from tests.e2e.fit import shoot

    panel, alice, session = a_paused_round(stack, browser, "Resume")
    alice.locator("#sheet-form input[data-field]").first.fill("5")
    alice.locator("#save-btn").click()
    expect(alice.locator("#err-sheet")).to_contain_text("paused")
    # Nothing is wrong with the sheet: the status says why and when, not "fix them".
    expect(alice.locator("#save-status")).to_contain_text("when the game resumes")
    expect(alice.locator("#save-status")).not_to_contain_text("fix them")
    shoot(alice, "paused-save-refused", full_page=False)
    bo = person(browser, stack.base_url, locale="zh-CN")
    join(bo, session.code, "Bo")
    expect(bo.locator("#sheet-form")).to_be_visible()
    bo.locator("#sheet-form input[data-field]").first.fill("5")
    bo.locator("#save-btn").click()
    expect(bo.locator("#save-status")).to_contain_text("游戏继续后即可保存")
    expect(bo.locator("#save-status")).not_to_contain_text("请修改")
    shoot(bo, "paused-save-refused-zh", full_page=False)

    panel.locator("#pause").click()
    expect(alice.locator("#sb-clock-value")).not_to_contain_text("paused")
    expect(alice.locator("#err-sheet")).to_have_text("")  # without saving again
    expect(alice.locator("#save-status")).not_to_contain_text("Not saved.")
    shoot(alice, "paused-error-cleared-on-resume", full_page=False)
