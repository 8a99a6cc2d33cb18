"""Redis goes down during a class: the instructor opens the round, the panel says
plainly (in Chinese here) that it was saved but nobody could be told, and shows the round
open; when Redis is back, the student's page shows the open round without a reload."""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.conftest import running_stack
from tests.e2e.screens import create_session, join, log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WARNING = ("Saved. But the live updates could not be sent: the message service (Redis) is not answering. "
           "Students' screens, the projector and this panel catch up by themselves within seconds once it "
           "answers again; bots play then too.")


@pytest.fixture
def stack_on_private_redis(private_redis, transactional_db, tmp_path, browser):
    with running_stack(private_redis.url, tmp_path) as live:
        yield live


def test_the_panel_says_the_round_opened_but_live_updates_failed_and_the_class_catches_up(
        stack_on_private_redis, private_redis, browser, instructor, tmp_path):
    stack = stack_on_private_redis
    panel = person(browser, stack.base_url, locale="zh-CN")
    log_in(panel)
    session = create_session(panel, title="停电", rounds=2, seconds=600, schedule="growth_tournament",
                             auto_close=False)
    alice = person(browser, stack.base_url, locale="zh-CN")
    join(alice, session.code, "李雷")
    expect(alice.locator("#sheet-form")).to_be_hidden()

    private_redis.kill()
    panel.locator("#open-round").click()
    with translation.override("zh-hans"):
        expected = translation.gettext(WARNING)
    assert expected != WARNING, "the warning has no Chinese translation"
    expect(panel.locator("#alerts .alert-warning .alert-text")).to_have_text(expected)
    # The panel's own socket answers a snapshot from the database: it shows the round open.
    expect(panel.locator("#extend")).to_be_visible()
    expect(panel.locator("#open-round")).to_be_hidden()
    panel.screenshot(path=str(tmp_path / "panel-warning.png"))

    private_redis.start()
    expect(alice.locator("#sheet-form")).to_be_visible(timeout=45_000)  # no reload
    alice.screenshot(path=str(tmp_path / "student-after-outage.png"))
    panel.locator("#extend").click()  # goes through normally now: the warning is gone
    expect(panel.locator("#alerts .alert-warning")).to_have_count(0)
