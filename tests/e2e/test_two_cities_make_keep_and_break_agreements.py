"""Two students of one province and the instructor, in real browsers (Bob's in Chinese):
under implicit coordination Alice proposes, Bob accepts, then pays less than he pledged:
the record shows it broken for the whole province. Under the collaborative contest the
same low sheet is refused with a message naming the agreement; the instructor annuls the
agreement and assigns a task, both reach Bob's sheet live; the project completes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.screens import create_session, fill_and_save_sheet, join, log_in, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/agree-e2e"


def _shot(page: Page, name: str, selector: str | None = None) -> None:
    """A screenshot to look at (of one part of the page when `selector` is given)."""
    import os

    os.makedirs(SHOTS, exist_ok=True)
    if selector:
        page.locator(selector).first.screenshot(path=f"{SHOTS}/{name}.png")
    else:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _propose(alice: Page, project: str, pledges: dict[str, int], note: str, from_card: bool = False) -> int:
    from coordination.models import Agreement

    expect(alice.locator("#sheet-form")).to_be_visible()  # the round is open on Alice's page
    if from_card:  # where she negotiates: the project's card on her sheet
        alice.locator(f"#joint-cards .propose-here button[data-project='{project}']").click()
        expect(alice.locator("#agreements-propose details")).to_have_attribute("open", "")
        expect(alice.locator("#ag-project")).to_have_value(project)
        expect(alice.locator("#ag-pledge-taiyuan")).to_be_focused()
    else:
        alice.locator("#agreements-propose details > summary").click()
        alice.locator("#ag-project").select_option(project)
    for city, amount in pledges.items():
        alice.locator(f"#ag-pledge-{city}").fill(str(amount))
    alice.locator("#ag-note").fill(note)
    alice.locator("#agreements-propose button[type=submit]").click()
    status = alice.locator("#agreements-status")
    expect(status).not_to_be_empty()
    # A machine shared by many test runs can take long to answer: a generous wait, and
    # the page's own status line (an error would be there) in the failure message.
    expect(status).not_to_contain_text("…", timeout=45_000)
    assert "field-error" not in (status.get_attribute("class") or ""), status.inner_text()
    card = alice.locator("#agreements-list article[data-status='proposed']").last
    expect(card).to_be_visible()
    return Agreement.objects.latest("id").public_id


def _accept(bob: Page, agreement_id: int) -> None:
    card = bob.locator(f"#agreements-list article[data-agreement='{agreement_id}']")
    expect(card).to_have_attribute("data-status", "proposed")  # it arrived live
    card.locator(".btn-primary").click()
    expect(card).to_have_attribute("data-status", "signed")


def _save(page: Page, project: str, amount: int) -> None:
    field = page.locator(f"#contrib-{project}")
    field.fill(str(amount))
    page.locator("#save-btn").click()


def test_two_cities_make_keep_and_break_agreements(stack, browser, instructor):
    from game.models import ProvinceResult

    # Many steps, each waiting on a server shared with other test runs: waits get room
    # (the browser fixture sets the default back for the next test).
    expect.set_options(timeout=40_000)
    panel = person(browser, stack.base_url)
    log_in(panel)
    session = create_session(panel, title="Agreements", rounds=3, seconds=600,
                             schedule="implicit_coordination:2,collaborative_contest:1", auto_close=True)
    alice = person(browser, stack.base_url)
    join(alice, session.code, "Alice")  # Taiyuan
    bob = person(browser, stack.base_url, locale="zh-CN")
    bob.set_viewport_size({"width": 360, "height": 740})  # a phone
    join(bob, session.code, "Bob")  # Xinzhou
    expect(bob.locator("#sb-city")).to_have_text("忻州")

    # ---- round 1, implicit coordination: a promise is cheap talk
    panel.locator("#open-round").click()
    expect(alice.locator("#card-agreements")).to_be_visible()
    # On Bob's phone (Chinese) the joint project's card offers the proposal form, that project chosen
    here = bob.locator("#joint-cards .propose-here button[data-project='corridor-1']")
    expect(here).to_have_text("就这个项目提出协议")
    _shot(bob, "0-bob-card-link-zh", "#joint-cards article")
    here.click()
    expect(bob.locator("#ag-project")).to_have_value("corridor-1")
    expect(bob.locator("#ag-pledge-xinzhou")).to_be_focused()
    expect(bob.locator("#ag-pledge-xinzhou")).to_be_in_viewport()
    assert bob.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    bob.screenshot(path=f"{SHOTS}/0b-bob-form-from-card-zh.png")
    first = _propose(alice, "corridor-1", {"taiyuan": 40, "xinzhou": 30}, "Park output split 60/40", from_card=True)
    _accept(bob, first)
    expect(alice.locator(f"#agreements-list article[data-agreement='{first}']")).to_have_attribute(
        "data-status", "signed")
    reminder = bob.locator("#joint-cards .commitments")
    expect(reminder).to_contain_text(f"#{first}")
    expect(reminder).to_contain_text("没有约束力")
    _shot(bob, "1-bob-signed-zh", "#card-agreements")
    _shot(bob, "1b-bob-card-zh", "#joint-cards article")
    _save(alice, "corridor-1", 40)
    expect(alice.locator("#save-status .saved")).to_have_count(1)
    _save(bob, "corridor-1", 10)  # pledged 30: saved all the same; the last save closes the round
    record = alice.locator("#agreements-record details")
    expect(record).to_be_visible(timeout=30_000)
    record.locator("summary").click()
    expect(record.locator("tr.is-broken")).to_contain_text("Xinzhou")
    expect(record).to_contain_text("1 broken")
    bob.locator("#agreements-record details > summary").click()
    expect(bob.locator("#agreements-record tr.is-broken")).to_contain_text("忻州")
    _shot(alice, "2-alice-record", "#card-agreements")
    # The instructor reads every province's record on the panel
    panel_record = panel.locator("#promise-records details")
    expect(panel_record).to_have_count(1)
    expect(panel_record.locator("summary")).to_have_text("Province 1: 1 kept, 1 broken")
    panel_record.locator("summary").click()
    expect(panel_record.locator("tr.is-broken")).to_contain_text("Xinzhou")
    expect(panel_record).to_contain_text(f"Agreement #{first}")
    expect(panel_record).to_contain_text("Taiyuan–Xinzhou")  # last round's project, by name
    _shot(panel, "2b-panel-record", "#promise-records")
    panel.set_viewport_size({"width": 360, "height": 740})
    panel_record.scroll_into_view_if_needed()
    panel.screenshot(path=f"{SHOTS}/2c-panel-record-360.png")
    panel.set_viewport_size({"width": 1280, "height": 900})
    _shot(bob, "3-bob-record-zh", "#agreements-record")

    # ---- round 2: nothing to agree on between them
    panel.locator("#open-round").click()
    fill_and_save_sheet(alice, 1)
    fill_and_save_sheet(bob, 1)

    # ---- round 3, collaborative contest: the platform enforces a promise
    expect(panel.locator("#open-round")).to_be_enabled(timeout=30_000)
    panel.locator("#open-round").click()
    second = _propose(alice, "social-1", {"taiyuan": 40, "xinzhou": 30}, "Each pays as pledged")
    _accept(bob, second)
    expect(bob.locator("#joint-cards .commitments")).to_contain_text("有约束力")
    _save(bob, "social-1", 10)
    error = bob.locator("[data-error-for='contributions.social-1']")
    expect(error).to_contain_text(f"#{second}")
    expect(error).to_contain_text("30")
    _shot(bob, "4-bob-refused-zh", "#joint-cards article")

    # the province annuls the agreement: Bob's sheet loses it live
    row = panel.locator(f"#agreements-table tr[data-agreement='{second}']")
    expect(row).to_have_attribute("data-status", "signed")
    row.locator("input").fill("Lüliang must be part of this deal")
    row.locator("button").click()
    expect(row).to_have_attribute("data-status", "annulled")
    card = bob.locator(f"#agreements-list article[data-agreement='{second}']")
    expect(card).to_have_attribute("data-status", "annulled")
    expect(card).to_contain_text("Lüliang must be part of this deal")
    expect(bob.locator("#joint-cards .commitments")).to_have_count(0)

    # …and assigns the project as a task: it appears on Bob's sheet live
    panel.locator("#task-form-box summary").click()
    panel.locator("#task-project").select_option("social-1")
    for city, amount in {"taiyuan": 40, "xinzhou": 30, "lvliang": 26}.items():
        panel.locator(f"#task-share-{city}").fill(str(amount))
    panel.locator("#task-form-box button[type=submit]").click()
    expect(bob.locator("#joint-cards .commitments")).to_contain_text("专项任务")
    expect(bob.locator("#agreements-tasks article")).to_have_count(1)
    _shot(panel, "5-panel", "#agreements-section")
    _shot(bob, "6-bob-task-zh", "#joint-cards article")
    _shot(bob, "6b-bob-agreements-zh", "#card-agreements")
    _save(bob, "social-1", 10)
    expect(bob.locator("[data-error-for='contributions.social-1']")).to_contain_text("专项任务")
    _save(bob, "social-1", 30)
    expect(bob.locator("#save-status .saved")).to_have_count(1)
    _save(alice, "social-1", 40)  # the last save: the round closes and is scored
    expect(alice.locator("#results-title")).to_contain_text("3", timeout=30_000)
    result = ProvinceResult.objects.get(round__number=3, round__session_id=session.id)
    (social,) = [j for j in result.data["joint"] if j["project_id"] == "social-1"]
    assert social["completed"] is True
    expect(bob.locator("#agreements-record details")).to_contain_text(re.compile("履约"))
    _shot(bob, "7-bob-after-zh", "#agreements-record")
