"""agreements.csv: every party of every agreement and every share of every assigned task,
each column checked against the coordination models; notes left out when anonymised."""

import pytest

from coordination.models import Agreement, AgreementParty, TaskShare
from coordination.services import task_assign
from game.models import Round
from game.services import rounds
from game.services.bots import bots_play
from game.services.exports import export_to_dir
from game.services.selectors import scenario_for
from tests.services.played import read_csv

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def played(make_session, instructor):
    from game.management.commands.demo_session import negotiate
    from game.services import sessions

    session = make_session(total_rounds=2, schedule="collaborative_contest", bot_strategy="negotiator")
    province = sessions.province_add(session=session, user=instructor)
    for number in (1, 2):
        rnd = rounds.round_open(session=session, user=instructor)
        if number == 2:
            project = scenario_for(session).offers[1].joint[0]
            task_assign(session=session, user=instructor, province_id=province.id, project_id=project.id,
                        required={c: 1 for c in project.members}, note="Build it together")
        bots_play(round_id=rnd.id)
        negotiate(Round.objects.get(pk=rnd.pk))
        rounds.round_close(round_id=rnd.id, actor="test")
        rounds.round_score(round_id=rnd.id)
    return session


def _same(cell, value):
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if hasattr(value, "isoformat"):
        return cell == value.isoformat()
    return cell == str(value)


def test_every_column_of_agreements_csv(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, fmt="csv")
    scenario = scenario_for(played)
    expected = []
    for p in (AgreementParty.objects.filter(agreement__session=played)
              .select_related("agreement__round", "agreement__proposer", "seat__province")
              .order_by("agreement__round__number", "agreement__province__number", "agreement__created_at",
                        "agreement_id", "seat__position")):
        a, city = p.agreement, scenario.province.city(p.seat.city_id)
        expected.append({"round": a.round.number, "province": p.seat.province.number, "seat": p.seat_id,
                         "city_id": city.id, "city_en": city.name_en, "city_zh": city.name_zh, "kind": "agreement",
                         "id": f"a{a.id}", "screen_id": a.public_id, "project_id": a.project_id, "status": a.status,
                         "proposer_city": a.proposer.city_id, "created_at": a.created_at,
                         "decided_at": a.decided_at, "note": a.note, "reason": a.reason, "amount": p.pledge,
                         "accepted_at": p.accepted_at, "kept": p.kept, "penalised": p.penalised})
    for s in TaskShare.objects.filter(task__session=played).select_related("task__round", "seat__province"):
        t, city = s.task, scenario.province.city(s.seat.city_id)
        expected.append({"round": t.round.number, "province": s.seat.province.number, "seat": s.seat_id,
                         "city_id": city.id, "city_en": city.name_en, "city_zh": city.name_zh, "kind": "task",
                         "id": f"t{t.id}", "screen_id": t.id, "project_id": t.project_id, "status": "assigned",
                         "proposer_city": None, "created_at": t.created_at, "decided_at": None, "note": t.note,
                         "reason": None, "amount": s.required, "accepted_at": None, "kept": s.kept,
                         "penalised": s.penalised})
    columns, rows = read_csv(tmp_path / "agreements.csv")
    assert any(e["kind"] == "agreement" and e["status"] == "signed" for e in expected)
    assert any(e["kind"] == "task" for e in expected)
    assert len(rows) == len(expected) and columns == list(expected[0])
    for n, (row, want) in enumerate(zip(rows, expected, strict=True)):
        for column, value in want.items():
            assert _same(row[column], value), f"row {n} {column}: {row[column]!r} != {value!r}"


def test_anonymised_agreements_leave_the_notes_out(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, anonymise=True)
    _columns, rows = read_csv(tmp_path / "agreements.csv")
    assert rows and all(r["note"] == "" for r in rows)
    for path in tmp_path.iterdir():
        text = path.read_text(encoding="utf-8-sig")
        assert "Build it together" not in text and "Each city pays its fair share" not in text, path.name


def test_the_readme_names_the_screen_id_in_both_languages(played, tmp_path):
    """A student says "agreement #615931": README.txt tells which column holds that number."""
    export_to_dir(session=played, directory=tmp_path, fmt="csv")
    readme = (tmp_path / "README.txt").read_text(encoding="utf-8-sig")
    assert "screen_id" in readme
    assert "The number the students' screens show" in readme and "学生屏幕上显示的编号" in readme
    _columns, rows = read_csv(tmp_path / "agreements.csv")
    shown = {r["screen_id"] for r in rows if r["kind"] == "agreement"}
    assert shown and shown == {str(a.public_id) for a in Agreement.objects.filter(session=played)}
