"""chat.csv: every message and announcement line, each column against the database;
an anonymised export has no chat.csv and no chat text anywhere."""

import pytest

from coordination.chat import announcement_post, chat_hide, chat_post, chat_post_as_province
from coordination.chat_models import ChatMessage
from coordination.chat_selectors import pair_key
from game.services.exports import export_to_dir
from tests.services.played import read_csv

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "Let us both bid 3 on the biomedicine project 秘密"


@pytest.fixture
def chatted(make_session, join, instructor):
    session = make_session()
    alice, bob = join(session, "Alice"), join(session, "Bob")
    province = alice.seat.province
    chat_post(participant_id=alice.id, channel="province", text="Hello all 大家好")
    hidden = chat_post(participant_id=bob.id, channel=pair_key(alice.seat.city_id, bob.seat.city_id), text=SECRET)
    chat_post_as_province(session=session, user=instructor, province_id=province.id, channel="province",
                          text="Keep it civil")
    announcement_post(session=session, user=instructor, text="Round 1 starts soon")
    chat_hide(session=session, user=instructor, province_id=province.id, channel=hidden.channel,
              message_id=hidden.seq)
    return session


def _same(cell, value):
    if value is None:
        return cell == ""
    if hasattr(value, "isoformat"):
        return cell == value.isoformat()
    return cell == str(value)


def test_every_column_of_chat_csv(chatted, tmp_path):
    export_to_dir(session=chatted, directory=tmp_path, fmt="csv")
    expected = [{"message": m.id, "at": m.created_at, "province": m.province.number, "channel": m.channel,
                 "kind": m.kind, "city_id": m.city, "participant": m.participant_id, "author_name": m.author_name,
                 "text": m.body, "hidden_at": m.hidden_at}
                for m in ChatMessage.objects.filter(session=chatted).select_related("province").order_by("id")]
    columns, rows = read_csv(tmp_path / "chat.csv")
    assert len(expected) == 4 and any(e["hidden_at"] for e in expected) and any(e["kind"] == "announcement"
                                                                               for e in expected)
    assert columns == list(expected[0]) and len(rows) == len(expected)
    for n, (row, want) in enumerate(zip(rows, expected, strict=True)):
        for column, value in want.items():
            assert _same(row[column], value), f"row {n} {column}: {row[column]!r} != {value!r}"


def test_an_anonymised_export_leaves_the_chat_out(chatted, tmp_path):
    export_to_dir(session=chatted, directory=tmp_path, anonymise=True)
    assert not (tmp_path / "chat.csv").exists()
    for path in tmp_path.iterdir():
        text = path.read_text(encoding="utf-8-sig")
        for words in (SECRET, "Hello all", "Keep it civil", "Round 1 starts soon"):
            assert words not in text, f"{words!r} in {path.name}"
