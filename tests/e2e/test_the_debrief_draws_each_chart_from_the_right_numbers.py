"""The debrief page in Chromium: every chart is drawn, from the numbers of the database
(computed here independently), for all provinces and for one; the projector shows the
same charts. Screenshots are kept in .run/artefacts/ (look at them)."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from playwright.sync_api import expect

from game.engine import fair_shares
from game.models import ProvinceResult, SeatResult
from game.services.selectors import scenario_for
from tests.e2e.screens import log_in, person
from tests.services.played import demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTEFACTS = Path(__file__).resolve().parents[2] / ".run" / "artefacts"
CHARTS = ("completion", "welfare", "gdp_spread", "fair_share", "ranks")


def _dataset(page, chart: str, n: int = 0) -> list:
    return page.evaluate(f"window.debriefCharts['{chart}'].data.datasets[{n}].data")


def _expected(session, province: int | None) -> dict:
    results = ProvinceResult.objects.filter(round__session=session)
    seats = SeatResult.objects.filter(round__session=session)
    if province is not None:
        results, seats = results.filter(province__number=province), seats.filter(seat__province__number=province)
    rounds = sorted({r.round.number for r in results.select_related("round")})
    scenario = scenario_for(session)
    out: dict = {"rate": [], "welfare": [], "max": [], "min": [], "ranks": {}, "share": {}}
    for n in rounds:
        rs = list(results.filter(round__number=n))
        out["rate"].append(100 * sum(r.data["totals"]["joint_completed"] for r in rs)
                           / sum(r.data["totals"]["joint_offered"] for r in rs))
        out["welfare"].append(statistics.fmean(r.data["totals"]["gdp_gain"] + r.data["totals"]["ecology"]
                                               + r.data["totals"]["public_service"] for r in rs))
        gdp = [c["gdp"] for r in rs for c in r.state_after["cities"]]
        out["max"].append(max(gdp))
        out["min"].append(min(gdp))
        owed: dict[str, float] = {}
        for project in scenario.offers[n - 1].joint:
            for city, share in fair_shares(project, scenario.province).items():
                owed[city] = owed.get(city, 0) + share
        for seat in seats.filter(round__number=n).select_related("seat"):
            out["ranks"].setdefault(seat.seat.city_id, []).append((n, seat.rank))
            if owed.get(seat.seat.city_id):
                out["share"].setdefault((seat.seat.city_id, n), []).append(
                    sum(seat.data["contributions"].values()) / owed[seat.seat.city_id])
    return out


def _close(a: list, b: list) -> bool:
    return len(a) == len(b) and all(x == pytest.approx(y, rel=1e-9, abs=1e-9) for x, y in zip(a, b, strict=True))


def _check_page(page, session, province):
    expect(page.locator("#debrief")).to_have_attribute("data-ready", "true")
    for chart in CHARTS:
        expect(page.locator(f'[data-chart="{chart}"]')).to_have_attribute("data-drawn", "true")
        assert page.locator(f'[data-chart="{chart}"] [data-reading]').inner_text().strip()
    expected = _expected(session, province)
    assert _close(_dataset(page, "completion"), expected["rate"])
    assert _close(_dataset(page, "welfare"), expected["welfare"])
    assert _close(_dataset(page, "gdp_spread", 0), expected["max"])
    assert _close(_dataset(page, "gdp_spread", 2), expected["min"])
    scenario = scenario_for(session)
    names = {c.id: c.name_en for c in scenario.province.cities}
    drawn_ranks = {d["label"]: d["data"] for d in page.evaluate(
        "window.debriefCharts.ranks.data.datasets.map(d => ({label: d.label, data: d.data}))")}
    for city, pairs in expected["ranks"].items():
        by_round: dict[int, list[int]] = {}
        for n, rank in pairs:
            by_round.setdefault(n, []).append(rank)
        assert _close(drawn_ranks[names[city]], [statistics.fmean(by_round[n]) for n in sorted(by_round)])
    cells = {(c["y"], c["x"]): c["v"] for c in _dataset(page, "fair_share")}
    for (city, n), values in expected["share"].items():
        assert cells[(names[city], str(n))] == pytest.approx(statistics.fmean(values), rel=1e-9)


def _check_layout(page) -> None:
    """What a first reader tripped on: the phases' names sit in the top padding, not in the
    plot where bars and lines hid them; the GDP chart shades the rounds once (the phase
    bands), not also a min–max band starting half a round off; ranks have room at both ends."""
    layout = page.evaluate("""() => Object.fromEntries(Object.entries(window.debriefCharts).map(([id, c]) => [id, {
        top: c.chartArea.top,
        labelled: Object.values((c.options.plugins.annotation || {}).annotations || {})
          .some(a => a.label && a.label.display),
        filled: c.data.datasets.some(d => d.fill && d.fill !== false),
        y: c.scales.y ? {min: c.scales.y.min, max: c.scales.y.max, title: !!c.options.scales.y.title.display} : null,
        rows: c.data.datasets.length}]))""")
    for chart in ("completion", "welfare", "gdp_spread", "ranks"):
        assert not layout[chart]["labelled"], chart
        assert layout[chart]["top"] >= 20, chart
    assert not layout["gdp_spread"]["filled"]
    assert layout["ranks"]["y"]["min"] < 1 and layout["ranks"]["y"]["max"] > layout["ranks"]["rows"]
    assert not layout["completion"]["y"]["title"]  # a rotated title is hard to read in Chinese on a phone


@pytest.fixture
def six_rounds(transactional_db, instructor):
    """Played before the server and worker start (SQLite takes one writer at a time) and
    before the browser (its event loop would refuse the broadcasts' sync calls)."""
    return demo(scenario="central-cluster", rounds=6, provinces=2, seed=2, strategy="best_response:3,fair_share:2",
                rules="growth_tournament:2,implicit_coordination:2,collaborative_contest")


@pytest.fixture
def three_rounds(transactional_db, instructor):
    return demo(scenario="central-cluster", rounds=3, provinces=1, seed=5,
                rules="growth_tournament:1,collaborative_contest")


def test_the_debrief_draws_every_chart_from_the_database(six_rounds, stack, browser):
    session = six_rounds
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page = person(browser, stack.base_url, locale="en-US")
    page.set_viewport_size({"width": 1400, "height": 1000})
    log_in(page)
    page.goto(f"/instructor/s/{session.id}/debrief/")
    _check_page(page, session, None)
    _check_layout(page)
    expect(page.locator(".phases li")).to_have_count(3)
    page.locator('[data-chart="completion"] details summary').click()  # the data table, one click away
    expect(page.locator('[data-chart="completion"] table tbody tr')).to_have_count(6)
    page.screenshot(path=str(ARTEFACTS / "debrief-all-provinces.png"), full_page=True)

    page.locator("#province-filter").select_option("2")
    page.wait_for_url("**/debrief/?province=2")
    _check_page(page, session, 2)
    page.screenshot(path=str(ARTEFACTS / "debrief-province-2.png"), full_page=True)

    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"/instructor/s/{session.id}/projector/debrief/")
    _check_page(page, session, None)
    _check_layout(page)
    # read from the back of a room: the charts' text grows with the projector's width
    assert page.evaluate("window.Chart.defaults.font.size") >= 22
    page.screenshot(path=str(ARTEFACTS / "debrief-projector.png"), full_page=True)


def test_the_debrief_reads_in_chinese(three_rounds, stack, browser):
    session = three_rounds
    page = person(browser, stack.base_url, locale="zh-CN")
    page.set_viewport_size({"width": 1400, "height": 1000})
    log_in(page)
    page.goto(f"/instructor/s/{session.id}/debrief/")
    expect(page.locator("#debrief")).to_have_attribute("data-ready", "true")
    reading = page.locator('[data-chart="completion"] [data-reading]').inner_text()
    assert "增长锦标赛" in reading and "合作项目" in reading
    # Chinese punctuation in the assembled text, and no gap between a city's name and the verb.
    texts = page.locator("[data-reading]").all_inner_texts() + page.locator(".phase").all_inner_texts()
    for text in texts:
        assert ": " not in text and "; " not in text and " 在" not in text, text
    assert any("；" in text for text in texts) and any("：" in text for text in texts)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "debrief-zh.png"), full_page=True)


def test_another_instructor_cannot_open_the_debrief(client, instructor, other_instructor):
    session = demo(scenario="central-cluster", rounds=1, seed=1)
    client.force_login(other_instructor)
    assert client.get(f"/instructor/s/{session.id}/debrief/").status_code == 404
    assert client.get(f"/instructor/s/{session.id}/projector/debrief/").status_code == 404
    client.force_login(instructor)
    assert client.get(f"/instructor/s/{session.id}/debrief/").status_code == 200
