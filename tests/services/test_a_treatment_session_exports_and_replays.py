"""A bot-played session with two treatments: the export holds every province's treatment
and the rules it played each round, the log replays OK, and replay notices a province
whose rules are not its treatment's. demo_session accepts treatments, and refuses bad ones."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from game.models import GameSession, ProvinceResult
from game.services.exports import export_to_dir
from tests.services.logfile import run_replay
from tests.services.played import demo, read_csv

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English (the tests' default language is Chinese)."""
    with translation.override("en"):
        yield

SPLIT = "A=growth_tournament:4;B=collaborative_contest:4"


@pytest.fixture
def played(instructor):
    return demo(scenario="central-cluster", rounds=4, provinces=4, strategy="best_response", seed=7,
                treatments=SPLIT)


def test_demo_session_plays_each_province_under_its_treatment(played):
    assert played.status == GameSession.Status.ENDED
    assert list(played.provinces.order_by("number").values_list("treatment", flat=True)) == ["A", "B", "A", "B"]
    rates = {}
    for label in ("A", "B"):
        totals = [pr.data["totals"] for pr in ProvinceResult.objects.filter(round__session=played,
                                                                            province__treatment=label)]
        rates[label] = sum(t["joint_completed"] for t in totals) / sum(t["joint_offered"] for t in totals)
    # The paper's headline between subjects in one session (issue #13's criterion).
    assert rates["B"] >= 0.70 and rates["A"] <= 0.25, rates


def test_the_export_holds_each_provinces_treatment_and_rules(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, fmt="csv")
    _, rules = read_csv(tmp_path / "rules.csv")
    assert len(rules) == 4 * 4
    for row in rules:
        assert row["treatment"] == ("A" if int(row["province"]) % 2 else "B")
        assert row["preset"] == ("growth_tournament" if row["treatment"] == "A" else "collaborative_contest")
        assert row["reporting"] == ("false" if row["treatment"] == "A" else "true")
    _, outcomes = read_csv(tmp_path / "outcomes.csv")
    assert {(r["province"], r["treatment"]) for r in outcomes} == {("1", "A"), ("2", "B"), ("3", "A"), ("4", "B")}
    _, participants = read_csv(tmp_path / "participants.csv")
    assert participants == []  # bots only: the column is there for classes


def test_the_log_carries_the_treatments_and_replays_ok(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, fmt="json")
    path = tmp_path / "log.json"
    log = json.loads(path.read_text())
    assert log["session"]["treatments"] == [{"label": "A", "schedule": ["growth_tournament"] * 4},
                                            {"label": "B", "schedule": ["collaborative_contest"] * 4}]
    assert [p["treatment"] for p in log["provinces"]] == ["A", "B", "A", "B"]
    first = log["rounds"][0]["provinces"]
    assert [p["preset"] for p in first] == ["growth_tournament", "collaborative_contest"] * 2
    assert run_replay(path) == (0, "OK: 4 rounds, 4 provinces", "")


def test_replay_reports_a_province_that_did_not_play_its_treatments_rules(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, fmt="json")
    path = tmp_path / "log.json"
    log = json.loads(path.read_text())
    log["rounds"][1]["provinces"][2]["rules"]["audit_penalty"] = 99  # province 3 (A) unlike province 1 (A)
    path.write_text(json.dumps(log))
    code, out, _ = run_replay(path)
    assert code == 1 and out.startswith("DIFFERENCE at round 2, province 3, field rules (treatment A)")


def test_replay_refuses_a_province_of_an_unknown_treatment(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, fmt="json")
    path = tmp_path / "log.json"
    log = json.loads(path.read_text())
    log["provinces"][1]["treatment"] = "Z"
    path.write_text(json.dumps(log))
    code, out, err = run_replay(path)
    assert code != 0 and "provinces[1].treatment: 'Z' is not one of the session's treatments" in (out + err)


def test_demo_session_plays_as_many_rounds_as_the_treatments_count(instructor):
    session = demo(scenario="central-cluster", provinces=2,
                   treatments="A=growth_tournament:2;B=collaborative_contest:2")
    assert session.total_rounds == 2 and session.rounds.count() == 2


@pytest.mark.parametrize(("value", "message"), [
    ("A=growth_tournament:4;B=anarchy:4", "--treatments: The treatments are not valid: treatment B: unknown rules"),
    ("A=growth_tournament:2;B=collaborative_contest:4", "treatment A covers 2 rounds, but the session plays 4"),
    ("A=growth_tournament:4;A=collaborative_contest:4", "the label “A” is used twice"),
])
def test_demo_session_refuses_bad_treatments_and_creates_nothing(instructor, value, message):
    with pytest.raises(CommandError) as refused:
        call_command("demo_session", "--scenario", "central-cluster", "--rounds", "4", "--treatments", value,
                     stdout=io.StringIO())
    assert message in str(refused.value) and refused.value.returncode == 2
    assert not GameSession.objects.exists()
