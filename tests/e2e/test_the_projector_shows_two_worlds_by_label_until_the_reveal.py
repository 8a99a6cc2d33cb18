"""Two treatments in one class, in Chromium: after a scoring the panel compares them with
their rules and provinces; the projector compares them by label and numbers only until
the instructor reveals, then names both; the debrief draws the same. Screenshots at 360 px
and 1920 px in test-artifacts/screens/ (look at them)."""

import pytest
from playwright.sync_api import Page, expect

from game.models import GameSession
from game.services.sessions import province_add
from game.services.treatment_compare import treatment_comparison
from tests.e2e.fit import PHONE, PROJECTOR, shoot
from tests.e2e.screens import create_session, in_a_thread, log_in, open_projector, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LABELS = ["A", "B", "A", "B", "A", "B"]


def both(page: Page, name: str) -> None:
    for label, size in (("360", PHONE), ("1920", PROJECTOR)):
        page.set_viewport_size(size)
        page.wait_for_timeout(200)  # a resize redraw
        shoot(page, f"{name}-{label}")


def drawn_completion(page: Page, selector: str) -> list[list[float | None]]:
    return page.evaluate(f"""() => document.querySelector('{selector} canvas').cmpChart.data.datasets
                                .map(d => d.data)""")


def test_the_projector_names_the_treatments_only_after_the_reveal(stack, browser, instructor):
    panel = person(browser, stack.base_url)
    log_in(panel)
    created = create_session(panel, title="Two worlds", rounds=2, seconds=120, schedule="growth_tournament:2",
                             treatments="A=growth_tournament:2;B=collaborative_contest:2")
    session = GameSession.objects.get(pk=created.id)
    for _ in range(6):
        in_a_thread(lambda: province_add(session=session, user=instructor))
    assert list(session.provinces.order_by("number").values_list("treatment", flat=True)) == LABELS
    projector = person(browser, stack.base_url)
    log_in(projector)
    open_projector(projector, created)

    panel.locator("#open-round").click()  # every seat is a bot: the round closes when all have saved
    box = projector.locator("#proj-compare")
    expect(box).to_be_visible(timeout=40_000)
    expect(box.locator("canvas")).to_have_attribute("data-drawn", "true")
    expect(box.locator("tr[data-treatment='A'] th").first).to_have_text("Treatment A")
    expect(box.locator("tr[data-treatment='difference']").first).to_be_visible()
    expect(box.locator(".cmp-table")).to_have_count(1)  # the last round; all rounds: in the debrief
    for hidden in ("Growth tournament", "Collaborative contest", "provinces:"):
        expect(box).not_to_contain_text(hidden)
    # No province's results before the reveal: side by side they would name each one's rules.
    expect(projector.locator("#proj-hidden-note")).to_be_visible()
    expect(projector.locator("#headline")).to_be_visible()
    expect(projector.locator(".rank-card")).to_have_count(0)
    expect(projector.locator("#proj-page")).to_have_text("")  # one page: no province pages to turn to
    comparison = treatment_comparison(GameSession.objects.get(pk=session.pk))
    one = comparison["rounds"][0]
    expected = [[pytest.approx(100 * one["treatments"][t]["completion"]["mean"])] for t in "AB"]
    assert drawn_completion(projector, "#proj-compare") == expected

    section = panel.locator("#compare-section")
    expect(section).to_be_visible()
    expect(section.locator("tr[data-treatment='A'] th").first).to_contain_text("Growth tournament")
    expect(section.locator("tr[data-treatment='B'] th").first).to_contain_text("provinces: 2, 4, 6")
    assert drawn_completion(panel, "#compare-section") == expected
    both(projector, "two-worlds-projector-hidden")
    both(panel, "two-worlds-panel")
    # A 1440 px laptop: each table shows every column without scrolling, names on few lines.
    panel.set_viewport_size({"width": 1440, "height": 900})
    section.scroll_into_view_if_needed()
    fit = panel.evaluate("""() => [...document.querySelectorAll('#compare-section .cmp-table-wrap')].map(w => ({
        hidden: w.scrollWidth - w.clientWidth,
        lines: Math.round(w.querySelector('tbody th').getBoundingClientRect().height
                          / parseFloat(getComputedStyle(w.querySelector('tbody th')).lineHeight))}))""")
    shoot(panel, "two-worlds-panel-1440", full_page=False)
    assert fit and all(t["hidden"] <= 1 for t in fit), f"a comparison table scrolls at 1440 px: {fit}"
    assert all(t["lines"] <= 3 for t in fit), f"treatment names wrap at 1440 px: {fit}"

    panel.locator("#reveal-treatments").click()  # the confirm() is accepted
    expect(box.locator("tr[data-treatment='B'] th").first).to_contain_text("Collaborative contest")
    expect(box.locator("tr[data-treatment='A'] th").first).to_contain_text("provinces: 1, 3, 5")
    expect(panel.locator("#reveal-treatments")).to_be_hidden()
    expect(projector.locator("#proj-hidden-note")).to_be_hidden()
    expect(projector.locator(".rank-card").first).to_be_attached(timeout=30_000)  # the next page: provinces
    both(projector, "two-worlds-projector-revealed")
    # The comparison page fits a 1080-pixel projector, its last line included.
    projector.set_viewport_size(PROJECTOR)
    bottom = projector.evaluate("() => document.getElementById('proj-next').getBoundingClientRect().bottom")
    assert bottom <= PROJECTOR["height"], f"the comparison page runs {bottom} px down a 1080 px screen"
    # The provinces' page (every 12 s): a tied place ("tied 3") leaves every column inside its card.
    expect(projector.locator("#proj-page")).to_contain_text("page 2", timeout=20_000)
    cut = projector.evaluate("""() => {
        document.querySelectorAll('#proj-tables .rank-table td.place').forEach(td => { td.textContent = 'tied 3'; });
        return [...document.querySelectorAll('#proj-tables .rank-card')].filter(card => {
            const last = card.querySelector('thead th:last-child').getBoundingClientRect();
            return last.right > card.getBoundingClientRect().right - 1; }).length; }""")
    shoot(projector, "two-worlds-projector-provinces-tied-1920")
    assert cut == 0, f"{cut} province cards cut off their last column"
    chinese = person(browser, stack.base_url, locale="zh-CN")
    log_in(chinese)
    open_projector(chinese, created)
    expect(chinese.locator("#proj-compare")).to_contain_text("两个世界")
    expect(chinese.locator("#proj-compare tr[data-treatment='B'] th").first).to_contain_text("协同竞赛")
    both(chinese, "two-worlds-projector-revealed-zh")

    projector.goto(f"/instructor/s/{created.id}/projector/debrief/")
    expect(projector.locator("#debrief")).to_have_attribute("data-ready", "true")
    for measure in ("completion", "welfare", "bids"):
        chart = projector.locator(f'[data-chart="compare_{measure}"]')
        expect(chart).to_have_attribute("data-drawn", "true")
        assert chart.locator("[data-reading]").inner_text().strip()
    expect(projector.locator("#two-worlds")).to_contain_text("Treatment B: Collaborative contest")
    projector.locator("#two-worlds").scroll_into_view_if_needed()
    both(projector, "two-worlds-debrief")
