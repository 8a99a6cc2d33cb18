"""CSV injection: text a student typed (a display name, a chat message) that a spreadsheet
would run as a formula is exported behind a single quote; numbers, negative ones too,
stay numbers; the README says so in both languages; `replay` reads only log.json and
still verifies."""

import io
import json
import re

import pytest
from django.core.management import call_command

from coordination.chat import chat_post
from game.services import rounds
from game.services.bots import bots_play
from game.services.exports import export_to_dir
from game.services.exports.context import cell
from tests.services.played import read_csv

pytestmark = pytest.mark.django_db(transaction=True)

NAME = '=HYPERLINK("http://x.example","Ann")'
CHAT = "+cmd|' /C calc'!A0"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=", "-"])
def test_text_starting_like_a_formula_gets_a_quote(text):
    assert cell(text) == "'" + text
    assert cell([text, "b"]) == "'" + text + ";b"


@pytest.mark.parametrize(("value", "written"), [(-3, -3), (-2.5, "-2.5"), (0, 0), (1e-7, "1e-07"), ("Ann", "Ann"),
                                                ("a=b", "a=b"), ("", ""), (None, ""), ({"k": "=x"}, '{"k": "=x"}'),
                                                ([-1, 2], "-1;2")])
def test_numbers_and_ordinary_text_are_written_as_they_are(value, written):
    assert cell(value) == written


@pytest.fixture
def played(make_session, join, instructor):
    session = make_session(total_rounds=1, schedule="growth_tournament:1")
    a = join(session, NAME)
    join(session, "@Bob")
    chat_post(participant_id=a.id, channel="province", text=CHAT)
    rnd = rounds.round_open(session=session, user=instructor)
    bots_play(round_id=rnd.id)
    rounds.sheet_save(participant=a, round_number=1, data={"bids": {"r1-nev": 30}})
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)
    return session


def test_names_and_chat_are_quoted_in_the_csvs_and_the_log_still_replays(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, fmt="both")
    _, people = read_csv(tmp_path / "participants.csv")
    assert sorted(p["display_name"] for p in people) == sorted(["'" + NAME, "'@Bob"])
    _, chat = read_csv(tmp_path / "chat.csv")
    assert [m["text"] for m in chat] == ["'" + CHAT]
    number = re.compile(r"'-?[0-9.]+(e-?[0-9]+)?$")
    for path in tmp_path.glob("*.csv"):
        _, rows = read_csv(path)
        for row in rows:
            for column, value in row.items():
                assert not number.match(value), (path.name, column, value)  # a number never gets a quote
                assert not value.startswith(("=", "+", "@", "\t", "\r")), (path.name, column, value)
                if value.startswith("-"):
                    float(value)  # only numbers may start with a minus
    json.loads((tmp_path / "log.json").read_text(encoding="utf-8"))  # replay reads only this, untouched
    out = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("replay", str(tmp_path / "log.json"), stdout=out, stderr=io.StringIO())
    assert exited.value.code == 0 and out.getvalue().startswith("OK")


def test_the_readme_explains_the_quote_in_both_languages(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, fmt="csv")
    readme = (tmp_path / "README.txt").read_text(encoding="utf-8-sig")
    assert "written with a ' in front" in readme and "前面加一个 '" in readme
