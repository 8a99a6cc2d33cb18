"""The debrief's "two worlds" section (game/services/treatment_debrief.py): a chart, data
table and plain-words reading per measure, by label only until the reveal, and honest
when a treatment has too few provinces."""

import json
import re

import pytest
from django.utils import translation

from game.services.debrief import debrief
from game.services.treatment_reveal import treatments_reveal
from tests.services.comparison_setup import score, split, totals

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def english():
    """The readings built here directly are in English (pages choose by the browser)."""
    with translation.override("en"):
        yield


@pytest.fixture
def worlds(make_session, instructor):
    session = make_session(total_rounds=2, schedule="growth_tournament:2")
    provinces = split(session, instructor, ["A", "B", "A", "B", "A", "B"], rounds=2)
    a, b = provinces[0::2], provinces[1::2]
    score(session, 1, {a[0]: totals(0), a[1]: totals(1), a[2]: totals(0),
                       b[0]: totals(3), b[1]: totals(4), b[2]: totals(3)})
    session.refresh_from_db()
    return session


def page(client, instructor, session, language="en", projector=False):
    client.force_login(instructor)
    path = f"/instructor/s/{session.id}/{'projector/' if projector else ''}debrief/"
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_each_measure_has_a_chart_a_data_table_and_a_reading(worlds):
    worlds_data = debrief(worlds)["two_worlds"]
    assert [c["id"] for c in worlds_data["charts"]] == ["compare_completion", "compare_welfare", "compare_bids"]
    completion = worlds_data["charts"][0]
    assert [(r["round"], r["treatment"]) for r in completion["rows"]][:3] == [
        (1, "Treatment A"), (1, "Treatment B"), (1, "Difference A − B")]
    assert completion["rows"][1]["mean"] == pytest.approx(round(10 / 12, 4))
    reading = completion["reading"]
    assert "Treatment A 8% (90% interval" in reading and "Treatment B 83% (90% interval" in reading
    assert "A − B: −75 percentage points" in reading and "excludes zero" in reading


def test_before_the_reveal_the_debrief_names_no_rules_and_no_province(worlds, client, instructor):
    for projector in (False, True):
        html = page(client, instructor, worlds, projector=projector)
        section = html[html.index('id="two-worlds"'):html.index('id="debrief-data"')]
        assert "Treatment A" in section and 'data-chart="compare_completion"' in section
        # nowhere on the page: the rule phases of the other charts name no treatment's rules either
        assert "Growth tournament" not in html and "Collaborative contest" not in html
        assert "provinces: 1, 3, 5" not in section
        assert "stays hidden until you reveal it" in section
        data = json.loads(re.search(r'<script id="debrief-data" type="application/json">(.*?)</script>',
                                    html, re.S).group(1))
        treatments = data["two_worlds"]["comparison"]["treatments"]
        assert all(t["provinces"] is None and t["phases"] is None for t in treatments)


def test_after_the_reveal_the_debrief_names_the_rules_and_the_provinces(worlds, client, instructor):
    treatments_reveal(session=worlds, user=instructor)
    html = page(client, instructor, worlds, projector=True)
    section = html[html.index('id="two-worlds"'):html.index('id="debrief-data"')]
    assert "Treatment A: Growth tournament" in section and "provinces: 1, 3, 5" in section
    assert "Treatment B: Growth tournament" not in section  # B's own schedule, not the session's
    assert "stays hidden" not in section


def test_the_reading_is_in_chinese_for_a_chinese_browser(worlds, client, instructor):
    html = page(client, instructor, worlds, language="zh-hans")
    section = html[html.index('id="two-worlds"'):]
    assert "两个世界" in section and "Treatment A" not in section and "百分点" in section
    assert "；实验组 B" in section  # Chinese punctuation between the treatments
    treatments_reveal(session=worlds, user=instructor)
    assert "实验组 A：增长锦标赛" in page(client, instructor, worlds, language="zh-hans")


def test_too_few_provinces_are_said_plainly(make_session, instructor):
    session = make_session(total_rounds=2, schedule="growth_tournament:2")
    a1, b1, a2, b2 = split(session, instructor, ["A", "B", "A", "B"], rounds=2)
    score(session, 1, {a1: totals(0), a2: totals(1), b1: totals(4), b2: totals(3)})
    session.refresh_from_db()
    reading = debrief(session)["two_worlds"]["charts"][0]["reading"]
    assert "Treatment A 12% (2 provinces: too few for an interval)" in reading
    assert "read it as an example, not a result" in reading


def test_a_gap_that_could_be_chance_is_called_so(make_session, instructor):
    session = make_session(total_rounds=2, schedule="growth_tournament:2")
    provinces = split(session, instructor, ["A", "B", "A", "B", "A", "B"], rounds=2)
    score(session, 1, dict(zip(provinces, [totals(n) for n in (1, 2, 3, 2, 2, 1)], strict=True)))
    session.refresh_from_db()
    reading = debrief(session)["two_worlds"]["charts"][0]["reading"]
    assert "includes zero" in reading and "could be chance" in reading


def test_a_session_without_treatments_has_no_two_worlds_section(make_session, client, instructor):
    session = make_session()
    assert debrief(session)["two_worlds"] is None
    assert 'id="two-worlds"' not in page(client, instructor, session)


def test_treatments_whose_provinces_all_did_the_same_are_said_not_to_differ(make_session, instructor):
    session = make_session(total_rounds=2, schedule="growth_tournament:2")
    provinces = split(session, instructor, ["A", "B", "A", "B", "A", "B"], rounds=2)
    score(session, 1, {p: totals(2) for p in provinces})
    session.refresh_from_db()
    reading = debrief(session)["two_worlds"]["charts"][0]["reading"]
    assert "A and B did not differ at all." in reading and "chance" not in reading
