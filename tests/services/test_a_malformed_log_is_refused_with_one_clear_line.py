"""A truncated or malformed log.json is refused: exit status 2 and one line naming what
is wrong (and nothing on standard output)."""

import json

import pytest

from tests.services.logfile import make_log, run_replay

# Marked so that pytest-django sets up the test database for the module's log (it sets up
# none when no collected test asks for one, and the fixture would reach the dev database).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def log_text(django_db_setup, django_db_blocker):
    return make_log(django_db_blocker, scenario="central-cluster", rounds=3, provinces=2, strategy="fair_share")


def _refused(tmp_path, text: str) -> str:
    path = tmp_path / "log.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_replay(path)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1, err
    return err


def _edit(log_text: str, change) -> str:
    data = json.loads(log_text)
    change(data)
    return json.dumps(data)


def test_a_truncated_file_is_refused_as_incomplete_json(tmp_path, log_text):
    err = _refused(tmp_path, log_text[: len(log_text) // 2])
    assert "not valid JSON" in err and "complete" in err


def test_an_empty_file_and_a_json_list_are_refused(tmp_path, log_text):
    assert "not valid JSON" in _refused(tmp_path, "")
    assert "must be a JSON object" in _refused(tmp_path, "[1, 2]")


def test_an_unknown_schema_version_is_refused(tmp_path, log_text):
    err = _refused(tmp_path, _edit(log_text, lambda d: d.update(schema=2)))
    assert "schema: unknown version 2" in err


def test_a_log_without_a_schema_is_refused(tmp_path, log_text):
    assert "schema: missing" in _refused(tmp_path, _edit(log_text, lambda d: d.pop("schema")))


def test_a_missing_field_is_named_with_its_path(tmp_path, log_text):
    err = _refused(tmp_path, _edit(log_text, lambda d: d["rounds"][1]["provinces"][0].pop("rules")))
    assert "rounds[1].provinces[0].rules: missing" in err
    err = _refused(tmp_path, _edit(log_text, lambda d: d["scenario"]["province"]["cities"][2].pop("base_budget")))
    assert "scenario.province.cities[2].base_budget: missing" in err
    err = _refused(tmp_path, _edit(log_text, lambda d: d["rounds"][2]["provinces"][1]["result"]["cities"][0]
                                   .pop("rank")))
    assert "rounds[2].provinces[1].result" in err and "rank: missing" in err


def test_a_value_of_the_wrong_type_is_named(tmp_path, log_text):
    err = _refused(tmp_path, _edit(log_text, lambda d: d["rounds"][0]["offer"]["joint"][0].update(threshold="lots")))
    assert "rounds[0].offer.joint[0].threshold: must be a whole number" in err


def test_rounds_out_of_order_are_refused(tmp_path, log_text):
    def swap(d):
        d["rounds"][0], d["rounds"][1] = d["rounds"][1], d["rounds"][0]

    err = _refused(tmp_path, _edit(log_text, swap))
    assert "rounds[0].number: round 2 where round 1 was expected (rounds out of order)" in err


def test_a_missing_round_is_refused(tmp_path, log_text):
    err = _refused(tmp_path, _edit(log_text, lambda d: d["rounds"].pop(1)))
    assert "round 3 where round 2 was expected" in err


def test_provinces_out_of_order_are_refused(tmp_path, log_text):
    err = _refused(tmp_path, _edit(log_text, lambda d: d["rounds"][1]["provinces"].reverse()))
    assert "rounds[1].provinces: provinces [2, 1] where [1, 2] were expected" in err


def test_a_file_that_does_not_exist_is_refused(tmp_path):
    code, out, err = run_replay(tmp_path / "nope.json")
    assert code == 2 and "cannot read" in err and out == ""
