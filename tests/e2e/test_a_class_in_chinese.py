"""A class whose browsers ask for Chinese (Accept-Language zh-CN) gets every screen in
Simplified Chinese: the page language, the names of cities, rules and projects (from the
scenario data), and the interface itself (from locale/zh_Hans)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, expect

from tests.e2e.screens import chip, create_session, fill_and_save_sheet, join, log_in, open_projector, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ZH = "zh-CN"
HAN = re.compile(r"[\u4e00-\u9fff]")
PO_DIR = "locale/zh_Hans/LC_MESSAGES"


def expect_translated(locator: Locator, msgid: str, domain: str = "django") -> None:
    """`locator` shows the zh-hans translation of `msgid`. When the catalogue has none yet,
    fail saying exactly which message is missing where, rather than with a bare mismatch."""
    from django.utils.translation import trans_real

    catalogue = trans_real.DjangoTranslation("zh-hans", domain=domain)
    translated = catalogue.gettext(msgid)
    assert translated != msgid and HAN.search(translated), (
        f"no zh-hans translation of {msgid!r} in {PO_DIR}/{domain}.po "
        f"(or {domain}.mo is not compiled: `manage.py compilemessages`)")
    expect(locator).to_have_text(translated)


def expect_lang_zh(page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")


def test_a_class_in_chinese(stack, browser, instructor):
    panel = person(browser, stack.base_url, locale=ZH)
    panel.goto("/accounts/login/")
    expect_lang_zh(panel)
    expect_translated(panel.locator("#login-title"), "Instructor login")
    log_in(panel)
    session = create_session(panel, title="三年级二班", rounds=1, seconds=60, schedule="growth_tournament",
                             auto_close=True)
    expect_lang_zh(panel)
    expect(panel.locator("#session-title")).to_have_text("三年级二班")
    expect(panel.locator("#session-scenario")).to_have_text("山西中部城市群")
    expect(panel.locator("[data-preset='growth_tournament']")).to_have_text("增长锦标赛")
    expect(panel.locator("[data-preset='collaborative_contest']")).to_have_text("协同竞赛")

    projector = person(browser, stack.base_url, locale=ZH)
    log_in(projector)
    open_projector(projector, session)
    expect_lang_zh(projector)
    expect(projector.locator("#proj-lobby .proj-code")).to_have_text(session.code)

    student = person(browser, stack.base_url, locale=ZH)
    join(student, session.code, "李雷")
    expect_lang_zh(student)
    expect_translated(student.locator("[data-connection] .connection-text"), "Connected", domain="djangojs")
    expect(student.locator("#sb-city")).to_have_text("太原")
    expect(student.locator("#card-me-title")).to_have_text("太原")
    for neighbour in ("忻州", "阳泉", "晋中", "吕梁"):
        expect(student.locator("#card-province-body")).to_contain_text(neighbour)
    expect(chip(panel, "李雷")).to_contain_text("太原")
    expect(projector.locator("#lobby-count")).to_have_text("1")

    # one round: the student's save is the last one missing, so the round closes by itself
    panel.locator("#open-round").click()
    expect(student.locator("#sb-rules")).to_have_text("增长锦标赛")
    expect(projector.locator("#round-rules")).to_have_text("增长锦标赛")
    expect(student.locator("#sheet-form .project-name").first).to_have_text(HAN)
    expect(panel.locator("#provinces .province-head .count")).to_contain_text("4/5")
    fill_and_save_sheet(student, 10)

    expect(student.locator("#results-title")).to_have_text(HAN)
    expect(student.locator("#results-title")).to_contain_text("1")
    expect(student.locator("#card-standings-body tbody tr")).to_have_count(5)
    expect(student.locator("#card-standings-body tr.is-me")).to_contain_text("太原")
    expect(projector.locator("#proj-results")).to_be_visible()
    expect(projector.locator("#proj-tables .rank-table tbody tr")).to_have_count(5)
    for city in ("太原", "忻州", "阳泉", "晋中", "吕梁"):
        expect(projector.locator("#proj-tables .rank-table")).to_contain_text(city)
    expect(projector.locator("#results-heading")).to_have_text(HAN)
    expect(panel.locator("#rankings table.ranking tbody tr")).to_have_count(5)
    expect(panel.locator("#rankings table.ranking")).to_contain_text("太原")
