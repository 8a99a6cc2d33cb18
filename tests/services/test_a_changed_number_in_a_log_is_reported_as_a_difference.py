"""A log whose recorded numbers do not re-score is reported: exit status 1 and the first
difference (round, province, city, field, recorded, recomputed)."""

import json

import pytest

from tests.services.logfile import make_log, run_replay

# Marked so that pytest-django sets up the test database for the module's log (it sets up
# none when no collected test asks for one, and the fixture would reach the dev database).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def log_text(django_db_setup, django_db_blocker):
    return make_log(django_db_blocker, scenario="central-cluster", rounds=3, provinces=2,
                    strategy="best_response:3,fair_share:2", seed=4)


def _replay(tmp_path, log_text, change):
    data = json.loads(log_text)
    change(data)
    path = tmp_path / "log.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return run_replay(path)


def test_the_untouched_log_replays_ok(tmp_path, log_text):
    assert _replay(tmp_path, log_text, lambda d: None) == (0, "OK: 3 rounds, 2 provinces", "")


def test_a_changed_points_figure_is_reported_with_where_and_both_values(tmp_path, log_text):
    def change(d):
        city = d["rounds"][1]["provinces"][1]["result"]["cities"][3]
        city["points"]["rank_prize"] += 7

    code, out, err = _replay(tmp_path, log_text, change)
    city = json.loads(log_text)["rounds"][1]["provinces"][1]["result"]["cities"][3]
    prize = city["points"]["rank_prize"]
    assert code == 1 and err == ""
    assert out == (f"DIFFERENCE at round 2, province 2, city {city['city_id']}, field points.rank_prize: "
                   f"recorded {prize + 7}, recomputed {prize}")


def test_a_changed_sheet_changes_the_outcome_and_is_reported(tmp_path, log_text):
    def change(d):
        entry = d["rounds"][0]["provinces"][0]
        entry["sheets"] = {}  # as if nobody had saved anything

    code, out, _err = _replay(tmp_path, log_text, change)
    assert code == 1 and out.startswith("DIFFERENCE at round 1, province 1, ")


def test_a_changed_project_outcome_is_named_by_project(tmp_path, log_text):
    def change(d):
        joint = d["rounds"][2]["provinces"][0]["result"]["joint"][0]
        joint["total_contributed"] += 1

    code, out, _err = _replay(tmp_path, log_text, change)
    project = json.loads(log_text)["rounds"][2]["provinces"][0]["result"]["joint"][0]["project_id"]
    assert code == 1 and f"round 3, province 1, field joint[{project}].total_contributed" in out


def test_a_changed_starting_state_is_reported(tmp_path, log_text):
    def change(d):
        d["rounds"][2]["provinces"][1]["state_before"]["cities"][0]["gdp"] += 0.5

    code, out, _err = _replay(tmp_path, log_text, change)
    assert code == 1 and "round 3, province 2, city taiyuan, field state_before.gdp: recorded " in out
