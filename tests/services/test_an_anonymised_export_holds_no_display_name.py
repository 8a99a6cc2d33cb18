"""--anonymise: no student's name (nor the instructor's username) anywhere in the export,
and each student keeps one pseudonym in every table."""

import csv
import io
import zipfile

import pytest
from django.core.management import call_command

from game.services import rounds, sessions
from game.services.bots import bots_play
from game.services.exports import export_zip
from tests.services.played import read_csv

pytestmark = pytest.mark.django_db(transaction=True)

NAMES = ("Zhangwei-Unique", "李小龙同学", "Old-Name-Qx")


@pytest.fixture
def played(make_session, join, instructor):
    instructor.username = "Prof-Wang-Unique"  # the events name the instructor by username
    instructor.save()
    session = make_session(total_rounds=2, schedule="growth_tournament:1,collaborative_contest")
    a, b = join(session, NAMES[0]), join(session, NAMES[2])
    sessions.participant_rename(session=session, user=instructor, participant_id=b.id, display_name=NAMES[1])
    for number in (1, 2):
        rnd = rounds.round_open(session=session, user=instructor)
        bots_play(round_id=rnd.id)
        rounds.sheet_save(participant=a, round_number=number, data={"bids": {}})
        b.refresh_from_db()
        rounds.sheet_save(participant=b, round_number=number, data={"bids": {}})
        rounds.round_close(round_id=rnd.id, actor="test")
        rounds.round_score(round_id=rnd.id)
    return session, a, b


def test_the_command_writes_no_name_and_the_same_pseudonym_everywhere(played, tmp_path, instructor):
    session, a, b = played
    call_command("export_session", session.code, "--out", str(tmp_path), "--anonymise", stdout=io.StringIO())
    files = sorted(p.name for p in tmp_path.iterdir())
    assert "participants.csv" in files and "log.json" in files
    for path in tmp_path.iterdir():
        text = path.read_text(encoding="utf-8-sig")
        for name in (*NAMES, "Prof-Wang-Unique"):
            assert name not in text, f"{name} in {path.name}"
    _, people = read_csv(tmp_path / "participants.csv")
    pseudonyms = {int(r["participant"]): r["display_name"] for r in people}
    assert pseudonyms == {a.id: "student-001", b.id: "student-002"}
    _, revisions = read_csv(tmp_path / "revisions.csv")
    assert {(r["saved_by"], r["saved_by_name"]) for r in revisions if r["saved_by"]} == {
        (str(a.id), "student-001"), (str(b.id), "student-002")}
    _, events = read_csv(tmp_path / "events.csv")
    joined = [r["actor"] for r in events if r["kind"] == "joined"]
    assert joined == ["student-001", "student-002"]
    renamed = next(r for r in events if r["kind"] == "renamed")
    assert "student-002" in renamed["data"] and renamed["actor"] == "instructor"


def test_without_anonymise_the_names_are_there(played, tmp_path):
    session, _a, _b = played
    call_command("export_session", session.code, "--out", str(tmp_path), stdout=io.StringIO())
    _, people = read_csv(tmp_path / "participants.csv")
    assert [r["display_name"] for r in people] == [NAMES[0], NAMES[1]]


def test_the_anonymised_zip_holds_no_name(played):
    session, _a, _b = played
    with export_zip(session=session, anonymise=True) as fileobj, zipfile.ZipFile(fileobj) as archive:
        for info in archive.infolist():
            text = archive.read(info).decode("utf-8-sig")
            assert not any(name in text for name in NAMES), info.filename
        people = archive.read(f"province-contest-{session.code}-anonymised/participants.csv").decode("utf-8-sig")
        assert [r["display_name"] for r in csv.DictReader(io.StringIO(people))] == ["student-001", "student-002"]
