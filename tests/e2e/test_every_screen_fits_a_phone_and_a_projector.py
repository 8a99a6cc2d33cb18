"""Every screen at 360 px (a phone) and 1920 × 1080 (a projector), in English and Chinese:
screenshots kept in test-artifacts/screens/, and none may scroll sideways."""

import threading

from playwright.sync_api import Page, expect

from game.models import GameSession
from game.services.sessions import province_add
from tests.e2e.fit import PHONE, PROJECTOR, shoot
from tests.e2e.screens import create_session, fill_and_save_sheet, join, log_in, open_projector, person


def both(page: Page, name: str, ready=None) -> None:
    for label, size in (("360", PHONE), ("1920", PROJECTOR)):
        page.set_viewport_size(size)
        if ready is not None:
            ready()
        page.wait_for_timeout(200)  # a resize redraw
        shoot(page, f"{name}-{label}")


def in_thread(fn, **kwargs) -> None:
    """Services broadcast after commit; Playwright's loop runs in this thread."""
    worker = threading.Thread(target=fn, kwargs=kwargs)
    worker.start()
    worker.join()


def test_every_screen_fits(stack, browser, instructor):
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Screens", rounds=2, seconds=120, schedule="growth_tournament:2",
                             auto_close=False)
    for _ in range(5):  # six provinces: the projector pages beyond four
        in_thread(province_add, session=GameSession.objects.get(pk=session.id), user=instructor)
    en = person(browser, stack.base_url)
    zh = person(browser, stack.base_url, locale="zh-CN")
    join_page = person(browser, stack.base_url)
    join_page.goto(f"/?code={session.code}")
    both(join_page, "join")
    join(en, session.code, "Alice Wonderland-Longname")
    join(zh, session.code, "王小明")
    projector = person(browser, stack.base_url)
    log_in(projector)
    open_projector(projector, session)
    both(projector, "projector-lobby")
    both(panel, "panel-lobby")

    panel.locator("#open-round").click()
    expect(en.locator("#sheet-form")).to_be_visible()
    both(en, "play-round-en")
    both(zh, "play-round-zh")
    both(projector, "projector-round")
    both(panel, "panel-round")
    fill_and_save_sheet(en)
    fill_and_save_sheet(zh)
    panel.locator("#close-now").click()
    expect(en.locator("#view-results")).not_to_be_empty(timeout=30_000)
    expect(projector.locator("#proj-results")).to_be_visible(timeout=30_000)
    both(en, "play-scored-en")
    both(zh, "play-scored-zh")
    both(projector, "projector-results")
    both(panel, "panel-scored")
    rules = person(browser, stack.base_url)
    rules.goto("/rules/")
    both(rules, "rules-en")
    rules_zh = person(browser, stack.base_url, locale="zh-CN")
    rules_zh.goto("/rules/")
    both(rules_zh, "rules-zh")
    height = rules.evaluate("() => document.documentElement.scrollHeight")
    assert height < 12_000, f"the rules page is {height} px tall: sections should be folded"
    panel.goto("/instructor/")
    both(panel, "dashboard")
