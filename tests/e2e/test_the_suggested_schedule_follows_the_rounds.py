"""On the dashboard's form the suggested rule schedule follows the Rounds field (a 6-round
game with the 9-round default was refused); a schedule the teacher typed is left alone."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.screens import log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_six_rounds_with_the_default_schedule_creates_the_session(stack, browser, instructor, locale):
    page = person(browser, stack.base_url, locale=locale)
    log_in(page)
    page.goto("/instructor/")
    page.locator("#id_title").fill("Six")
    page.locator("#id_total_rounds").fill("6")
    expect(page.locator("#id_schedule")).to_have_value(
        "growth_tournament:2,implicit_coordination:2,collaborative_contest:2")
    page.locator("#id_total_rounds").fill("7")
    expect(page.locator("#id_schedule")).to_have_value(
        "growth_tournament:3,implicit_coordination:2,collaborative_contest:2")
    page.locator("#id_total_rounds").fill("6")
    page.locator("form.session-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/instructor/s/\d+/$"))


def test_a_typed_schedule_is_not_overwritten_when_the_rounds_change(stack, browser, instructor):
    page = person(browser, stack.base_url)
    log_in(page)
    page.goto("/instructor/")
    page.locator("#id_schedule").fill("collaborative_contest:4,growth_tournament:2")
    page.locator("#id_total_rounds").fill("5")
    expect(page.locator("#id_schedule")).to_have_value("collaborative_contest:4,growth_tournament:2")
