"""What a person does on each screen, in browser steps: log in, create a session, join,
fill and save a sheet. Selectors are the ids and data attributes of the templates and
static/js pages, never translated text, so the same steps work in every language."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import TIMEOUT_MS

INSTRUCTOR = ("instructor", "pw-instructor-1")


@dataclass
class CreatedSession:
    id: int
    code: str


def person(browser: Browser, base_url: str, locale: str = "en-US") -> Page:
    """A new browser context (its own cookies and Accept-Language) with one page."""
    context = browser.new_context(base_url=base_url, locale=locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Close the round now?" and friends: yes
    return page


def log_in(page: Page, username: str = INSTRUCTOR[0], password: str = INSTRUCTOR[1]) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/instructor/$"))


def create_session(page: Page, *, title: str, rounds: int, seconds: int, schedule: str,
                   bot_strategy: str = "fair_share", auto_close: bool = True, treatments: str = "") -> CreatedSession:
    """Fill the dashboard's form and land on the new session's panel."""
    page.goto("/instructor/")
    page.locator("#id_treatments").fill(treatments)
    page.locator("#id_title").fill(title)
    page.locator("#id_scenario_id").select_option("central-cluster")
    page.locator("#id_total_rounds").fill(str(rounds))
    page.locator("#id_round_seconds").fill(str(seconds))
    page.locator("#id_schedule").fill(schedule)
    page.locator("#id_students_per_seat").fill("1")
    page.locator("#id_fill_with_bots").set_checked(True)
    page.locator("#id_bot_strategy").select_option(bot_strategy)
    page.locator("#id_auto_close").set_checked(auto_close)
    page.locator("form.session-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/instructor/s/\d+/$"))
    session_id = int(re.search(r"/instructor/s/(\d+)/", page.url).group(1))
    code = page.locator("#join-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4,12}", code), f"the panel shows no join code: {code!r}"
    wait_online(page)
    return CreatedSession(id=session_id, code=code)


def open_projector(page: Page, session: CreatedSession) -> None:
    page.goto(f"/instructor/s/{session.id}/projector/")
    wait_online(page)


def join(page: Page, code: str, name: str) -> None:
    """The student's way in: the join link with the code filled in, then a name."""
    page.goto(f"/?code={code}")
    expect(page.locator("#join-code")).to_have_value(code)
    page.locator("#join-name").fill(name)
    page.locator(".join-card form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/play/{code}/$"))
    wait_online(page)
    expect(page.locator("#view-loading")).to_be_hidden()


def wait_online(page: Page) -> None:
    expect(page.locator("[data-connection]").first).to_have_attribute("data-state", "online")


def connection_state(page: Page):
    return page.locator("[data-connection]").first


def fill_and_save_sheet(page: Page, amount: int = 10) -> str:
    """Put `amount` into the first joint project the city is a member of (else a bid on
    the first industrial project), save, and wait for "Saved". Returns the field."""
    form = page.locator("#sheet-form")
    expect(form).to_be_visible()
    field = form.locator("#joint-cards input[data-field^='contributions.']").first
    if field.count() == 0:
        field = form.locator("#industrial-cards input[data-field^='bids.']").first
    expect(field).to_be_visible()
    field.fill(str(amount))
    expect(page.locator("#save-status .unsaved")).to_be_visible()  # the page knows it is not saved yet
    page.locator("#save-btn").click()
    # attached, not visible: the last save can close the round ("auto close"), which hides the form
    expect(page.locator("#save-status .saved")).to_have_count(1)
    return field.get_attribute("data-field")


def chip(panel: Page, student: str):
    """The panel's seat chip of the city where `student` sits."""
    return panel.locator("#provinces button.chip").filter(has=panel.locator(".chip-who", has_text=student))


def in_a_thread(work) -> None:
    """Run a service call as another client would: off the thread where sync Playwright
    keeps its event loop (the call's broadcasts use async_to_sync), with its own database
    connection, closed afterwards."""
    from django.db import connections

    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            failure.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "the service call did not finish"
    if failure:
        raise failure[0]
