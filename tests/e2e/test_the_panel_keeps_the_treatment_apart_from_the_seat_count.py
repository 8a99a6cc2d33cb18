"""The panel's province head showed "Treatment A5 of 5 here": the badge and the count ran
together. They stay apart (a gap on the same line, or separate lines)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.screens import create_session, join, log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_the_treatment_badge_and_the_here_count_do_not_touch(stack, browser, instructor, locale):
    from tests.e2e.fit import ARTEFACTS

    panel = person(browser, stack.base_url, locale=locale)
    log_in(panel)
    session = create_session(panel, title="Badge", rounds=2, seconds=300, schedule="growth_tournament:2",
                             auto_close=False, treatments="A=growth_tournament:2;B=collaborative_contest:2")
    alice = person(browser, stack.base_url)
    join(alice, session.code, "Alice")
    panel.locator("#open-round").click()
    head = panel.locator(".province-head").filter(has=panel.locator(".here-count")).first
    badge, count = head.locator(".badge-treatment"), head.locator(".here-count")
    expect(badge).to_be_visible()
    expect(count).to_be_visible()
    b, c = badge.bounding_box(), count.bounding_box()
    same_line = abs(b["y"] - c["y"]) < b["height"] / 2
    if same_line:
        assert c["x"] - (b["x"] + b["width"]) >= 6, (b, c)
    else:
        assert c["y"] >= b["y"] + b["height"] - 1, (b, c)
    panel.screenshot(path=str(ARTEFACTS / f"panel-province-head-{locale}.png"))
