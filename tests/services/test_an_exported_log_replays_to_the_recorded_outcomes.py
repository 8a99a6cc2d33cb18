"""export → replay round trips: every preset, audits, delayed joint projects, several
provinces, mixed bots; and a session exported while a round is open."""

import io
import json

import pytest
from django.core.management import call_command

from game.models import ProvinceResult, Round
from game.services import rounds
from game.services.bots import bots_play
from game.services.exports import export_to_dir
from tests.services.played import demo

pytestmark = pytest.mark.django_db(transaction=True)  # ids never reused: services cache by id


def replay(path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("replay", str(path), stdout=out, stderr=err)
    return exited.value.code, out.getvalue().strip(), err.getvalue().strip()


@pytest.mark.parametrize("preset", ["growth_tournament", "implicit_coordination", "collaborative_contest"])
def test_a_session_played_under_each_preset_replays_ok(instructor, tmp_path, preset):
    session = demo(scenario="central-cluster", rules=preset, rounds=4, provinces=2, strategy="best_response",
                   seed=11)
    export_to_dir(session=session, directory=tmp_path, fmt="json")
    assert replay(tmp_path / "log.json") == (0, "OK: 4 rounds, 2 provinces", "")


def test_a_session_with_audits_and_delayed_projects_replays_ok(instructor, tmp_path):
    session = demo(scenario="central-cluster", rules="collaborative_contest", rounds=7, provinces=2,
                   strategy="best_response:3,fair_share:2", seed=3)
    results = [pr.data for pr in ProvinceResult.objects.filter(round__session=session)]
    # The session really has what this test is about: audits, and a delayed project paid later.
    assert any(j["completed"] and j["pays_in_round"] and j["pays_in_round"] > r["round_no"]
               for r in results for j in r["joint"])
    export_to_dir(session=session, directory=tmp_path, fmt="json")
    log = json.loads((tmp_path / "log.json").read_text())
    cities = [c for rnd in log["rounds"] for p in rnd["provinces"] for c in p["result"]["cities"]]
    assert any(c["audited"] for c in cities)
    assert any(p["state_before"]["pending"] for rnd in log["rounds"] for p in rnd["provinces"])
    assert replay(tmp_path / "log.json") == (0, "OK: 7 rounds, 2 provinces", "")


def test_a_session_exported_while_a_round_is_open_replays_its_scored_rounds(make_session, join, instructor,
                                                                             tmp_path):
    session = make_session(total_rounds=3)
    join(session, "Alice")
    rnd = rounds.round_open(session=session, user=instructor)
    bots_play(round_id=rnd.id)
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)
    second = rounds.round_open(session=session, user=instructor)
    bots_play(round_id=second.id)
    assert Round.objects.get(pk=second.pk).status == Round.Status.OPEN
    export_to_dir(session=session, directory=tmp_path, fmt="json")
    log = json.loads((tmp_path / "log.json").read_text())
    assert [r["status"] for r in log["rounds"]] == ["scored", "open"]
    assert log["rounds"][1]["provinces"][0]["sheets"]  # the bots' sheets of the open round are in it
    assert replay(tmp_path / "log.json") == (0, "OK: 1 rounds, 1 provinces", "")


def test_a_session_with_signed_agreements_replays_ok_and_needs_them(instructor, tmp_path):
    session = demo(scenario="central-cluster", rules="collaborative_contest", rounds=3, provinces=1,
                   strategy="negotiator:3,best_response:2", seed=6)
    export_to_dir(session=session, directory=tmp_path, fmt="json")
    log = json.loads((tmp_path / "log.json").read_text())
    signed = [a for rnd in log["rounds"] for p in rnd["provinces"] for a in p["agreements"]]
    assert signed and all(set(a) == {"id", "project_id", "pledges"} for a in signed)
    assert replay(tmp_path / "log.json") == (0, "OK: 3 rounds, 1 provinces", "")
    for rnd in log["rounds"]:  # the same log without its agreements no longer re-scores
        for p in rnd["provinces"]:
            p["agreements"] = []
    (tmp_path / "log.json").write_text(json.dumps(log))
    code, out, _err = replay(tmp_path / "log.json")
    assert code == 1 and "pledges" in out
