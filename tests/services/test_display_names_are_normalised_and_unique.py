"""Display names are cleaned before they are stored (NFKC; direction overrides, zero-width
and other format or control characters dropped; every kind of space made one plain
space), names that show nothing are refused, and two students of one session cannot
share a name but for case. Joining and renaming follow the same rules."""

import pytest
from django.utils import translation

from game.models import Event, Participant
from game.services.errors import GameError
from game.services.names import name_normalise
from game.services.sessions import participant_join, participant_remove, participant_rename

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("typed", "stored"), [
    ("Ann", "Ann"),
    ("  Ann   Lee ", "Ann Lee"),
    ("Ａｎｎ", "Ann"),  # full-width letters (NFKC)
    ("\u202eAnn", "Ann"),  # right-to-left override
    ("An\u200bn\u200d", "Ann"),  # zero-width space and joiner
    ("Ann\u2066\u2069\u202c", "Ann"),  # isolates and pop-directional marks
    ("Ann\u2028Lee\u2029", "Ann Lee"),  # line and paragraph separators
    ("Ann\u3000Lee\u00a0Kim\tJo\nX", "Ann Lee Kim Jo X"),  # ideographic, no-break space, tab, newline
    ("Ann\x00\x07\x1b[31m", "Ann[31m"),  # control characters, an escape sequence's letters stay harmless
    ("李\u00adlei", "李lei"),  # soft hyphen
    ("שלום", "שלום"),  # a right-to-left name is kept: it is isolated where shown
])
def test_a_name_is_stored_normalised(typed, stored):
    assert name_normalise(typed) == stored


@pytest.mark.parametrize("typed", ["", "   ", "\u200b\u200b", "\u202e", "\u3164\u3164", "\u2800", "\u2028\u2029",
                                   "\u0301\u0301", "\ufeff", "\u115f\u1160", "\ue000"])
def test_a_name_that_shows_nothing_is_refused(typed):
    with pytest.raises(GameError) as refused:
        name_normalise(typed)
    assert refused.value.code == "bad_name"


def test_a_name_too_long_after_cleaning_is_refused_and_invisible_padding_does_not_count():
    assert name_normalise("A" * 40 + "\u200b" * 100) == "A" * 40
    with pytest.raises(GameError):
        name_normalise("A" * 41)


def test_a_duplicate_name_in_the_same_session_is_refused_whatever_its_case_or_width(make_session):
    session = make_session()
    participant_join(code=session.code, display_name="Ann Lee")
    for twin in ("ann lee", "ANN  LEE", "Ａｎｎ Ｌｅｅ", "Ann\u200b Lee", "\u202eann lee"):
        with pytest.raises(GameError) as refused:
            participant_join(code=session.code, display_name=twin)
        assert refused.value.code == "name_in_game"  # with a return code, the student gets the seat back
        assert name_normalise(twin) in refused.value.message
    assert Participant.objects.filter(session=session).count() == 1
    assert Event.objects.filter(session=session, kind="joined").count() == 1


def test_the_same_name_is_free_in_another_session_and_after_its_holder_was_removed(make_session, instructor):
    first, second = make_session(), make_session()
    ann = participant_join(code=first.code, display_name="Ann")
    participant_join(code=second.code, display_name="Ann")
    participant_remove(session=first, user=instructor, participant_id=ann.id)
    assert participant_join(code=first.code, display_name="ann").display_name == "ann"


def test_a_rename_is_normalised_and_refused_when_it_takes_another_students_name(make_session, instructor):
    session = make_session()
    participant_join(code=session.code, display_name="Ann")
    bob = participant_join(code=session.code, display_name="Bob")
    with pytest.raises(GameError) as refused:
        participant_rename(session=session, user=instructor, participant_id=bob.id, display_name="ANN")
    assert refused.value.code == "duplicate_name" and "Ann" in refused.value.message
    with pytest.raises(GameError) as blank:
        participant_rename(session=session, user=instructor, participant_id=bob.id, display_name="\u200b")
    assert blank.value.code == "bad_name"
    bob.refresh_from_db()
    assert bob.display_name == "Bob"
    assert participant_rename(session=session, user=instructor, participant_id=bob.id,
                              display_name="bob\u202e").display_name == "bob"  # own name, another case: fine


def test_the_refusals_are_translated(make_session):
    session = make_session()
    participant_join(code=session.code, display_name="Ann")
    with translation.override("zh-hans"):
        with pytest.raises(GameError) as duplicate:
            participant_join(code=session.code, display_name="ann")
        with pytest.raises(GameError) as invisible:
            participant_join(code=session.code, display_name="\u0301\u0301")
    assert "已有名为" in duplicate.value.message and "ann" in duplicate.value.message
    assert "看得见" in invisible.value.message


def test_the_join_page_shows_the_duplicate_refusal_and_seats_nobody(client, make_session):
    session = make_session()
    participant_join(code=session.code, display_name="Ann")
    response = client.post("/", {"code": session.code, "name": " ANN "}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "is already in this game" in response.content.decode()
    assert Participant.objects.filter(session=session).count() == 1


# Default_Ignorable_Code_Point, copied from Unicode's DerivedCoreProperties.txt (15.1): every
# one of them draws nothing, so a name holding one must not differ from the name without it.
DEFAULT_IGNORABLE = [
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180D), (0x180E, 0x180E), (0x180F, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2065, 0x2065), (0x2066, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0000), (0xE0001, 0xE0001), (0xE0002, 0xE001F), (0xE0020, 0xE007F), (0xE0080, 0xE00FF),
    (0xE0100, 0xE01EF), (0xE01F0, 0xE0FFF),
]


def test_every_default_ignorable_code_point_is_dropped_from_a_name():
    kept = [f"U+{point:04X}" for lo, hi in DEFAULT_IGNORABLE for point in range(lo, hi + 1)
            if name_normalise(f"Al{chr(point)}ice{chr(point)}") != "Alice"]
    assert kept == []


@pytest.mark.parametrize("invisible", ["\u034f", "\ufe0f", "\ufe00", "\U000e0100", "\U000e01ef", "\u180b", "\u3164",
                                       "\u115f", "\uffa0", "\u200b", "\u2060", "\U000e0041"])
def test_a_name_with_an_invisible_character_is_the_same_name(make_session, invisible):
    session = make_session()
    participant_join(code=session.code, display_name="Alice")
    with pytest.raises(GameError) as refused:
        participant_join(code=session.code, display_name="Alice" + invisible)
    assert refused.value.code == "name_in_game"
    assert Participant.objects.filter(session=session).count() == 1


def test_a_name_stored_with_an_invisible_character_still_takes_its_visible_twin(make_session):
    session = make_session()
    first = participant_join(code=session.code, display_name="Bob")
    Participant.objects.filter(pk=first.pk).update(display_name="Alice\u034f\ufe0f")  # stored by an older version
    with pytest.raises(GameError) as refused:
        participant_join(code=session.code, display_name="alice")
    assert refused.value.code == "name_in_game"


def test_a_name_of_variation_selectors_only_is_refused():
    with pytest.raises(GameError) as refused:
        name_normalise("\ufe0f\u034f\U000e0100")
    assert refused.value.code == "bad_name"
