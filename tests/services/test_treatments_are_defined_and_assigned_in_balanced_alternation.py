"""Treatments at session creation: read from text, refused with a clear message when bad
(nothing created); provinces alternate between them as they open, and the instructor may
move a province to another treatment only before the first round opens."""

import pytest
from django.utils import translation

from game.models import Event, GameSession, Province, Round
from game.services import rounds, sessions
from game.services.errors import GameError
from game.services.treatments import province_set_treatment, treatments_text

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English (the tests' default language is Chinese)."""
    with translation.override("en"):
        yield


def test_a_session_keeps_each_treatments_schedule_round_by_round(make_session):
    session = make_session(treatments="A=growth_tournament:3;B=growth_tournament:1,collaborative_contest:2")
    assert session.treatments == [
        {"label": "A", "schedule": ["growth_tournament"] * 3},
        {"label": "B", "schedule": ["growth_tournament", "collaborative_contest", "collaborative_contest"]}]
    assert session.schedule == ["growth_tournament"] * 3  # the first treatment's, for readers of one schedule
    first = session.rounds.get()
    assert set(first.treatment_rules) == {"A", "B"}
    assert treatments_text(session.treatments) == "A=growth_tournament:3;B=growth_tournament:1,collaborative_contest:2"


def test_provinces_alternate_between_treatments_as_they_fill(make_session, join):
    session = make_session(treatments="A=growth_tournament:3;B=collaborative_contest:3;C=implicit_coordination:3")
    for n in range(5 * 5):  # five cities a province: 25 students open five provinces
        join(session, f"Student {n}")
    assert list(session.provinces.order_by("number").values_list("treatment", flat=True)) == [
        "A", "B", "C", "A", "B"]


def test_a_session_with_one_or_no_treatment_plays_as_before(make_session, instructor):
    for text in ("", "ONLY=collaborative_contest:3"):
        session = make_session(treatments=text)
        province = sessions.province_add(session=session, user=instructor)
        assert province.treatment == ""
        assert session.rounds.get().treatment_rules == {}
    assert session.schedule == ["collaborative_contest"] * 3  # a single treatment is the schedule


def test_the_instructor_moves_a_province_before_the_first_round_and_new_ones_rebalance(two_worlds, instructor):
    provinces = list(two_worlds.provinces.order_by("number"))
    assert [p.treatment for p in provinces] == ["GROWTH", "COOP", "GROWTH", "COOP"]
    province_set_treatment(session=two_worlds, user=instructor, province_id=provinces[1].id, label="GROWTH")
    assert Province.objects.get(pk=provinces[1].id).treatment == "GROWTH"
    assert Event.objects.filter(session=two_worlds, kind="treatment_set").get().data == {
        "province": 2, "old": "COOP", "new": "GROWTH"}
    assert sessions.province_add(session=two_worlds, user=instructor).treatment == "COOP"  # 3 vs 1: COOP next


@pytest.mark.parametrize(("label", "code"), [("NOPE", "bad_treatment"), ("", "bad_treatment")])
def test_moving_to_an_unknown_treatment_is_refused(two_worlds, instructor, label, code):
    province = two_worlds.provinces.get(number=1)
    with pytest.raises(GameError) as refused:
        province_set_treatment(session=two_worlds, user=instructor, province_id=province.id, label=label)
    assert refused.value.code == code and "GROWTH, COOP" in refused.value.message
    assert Province.objects.get(pk=province.id).treatment == "GROWTH"


def test_no_province_changes_treatment_once_the_first_round_opened(two_worlds, instructor):
    rounds.round_open(session=two_worlds, user=instructor)
    province = two_worlds.provinces.get(number=1)
    with pytest.raises(GameError) as refused:
        province_set_treatment(session=two_worlds, user=instructor, province_id=province.id, label="COOP")
    assert refused.value.code == "started" and "before the first round opens" in refused.value.message
    assert Province.objects.get(pk=province.id).treatment == "GROWTH"


def test_only_the_owner_moves_a_province_and_only_in_a_session_with_treatments(two_worlds, make_session, instructor,
                                                                              other_instructor):
    province = two_worlds.provinces.get(number=1)
    with pytest.raises(GameError) as refused:
        province_set_treatment(session=two_worlds, user=other_instructor, province_id=province.id, label="COOP")
    assert refused.value.code == "forbidden"
    plain = make_session()
    mine = sessions.province_add(session=plain, user=instructor)
    with pytest.raises(GameError) as refused:
        province_set_treatment(session=plain, user=instructor, province_id=mine.id, label="A")
    assert refused.value.code == "no_treatments"
    with pytest.raises(GameError) as refused:
        province_set_treatment(session=two_worlds, user=instructor, province_id=mine.id, label="COOP")
    assert refused.value.code == "not_found"  # another session's province


NINE = ";".join(f"T{n}=growth_tournament:3" for n in range(9))


@pytest.mark.parametrize(("text", "says"), [
    ("A growth_tournament:3", "should read LABEL=preset:rounds"),
    ("A=", "should read LABEL=preset:rounds"),
    ("=growth_tournament:3;B=collaborative_contest:3", "the label “”"),
    ("A B=growth_tournament:3", "the label “A B”"),
    ("A=growth_tournament:3;B=anarchy:3", "treatment B: unknown rules 'anarchy'"),
    ("A=growth_tournament:3;B=collaborative_contest:4", "treatment B: the schedule covers 4 rounds"),
    ("A=growth_tournament:2;B=collaborative_contest:3", "treatment A covers 2 rounds, but the session plays 3"),
    ("A=growth_tournament:1,collaborative_contest:1;B=collaborative_contest:3", "treatment A covers 2 rounds"),
    ("A=growth_tournament:x", "the number of rounds must be a whole number"),
    ("A=growth_tournament:3;a=collaborative_contest:3", "the label “a” is used twice"),
    ("A=growth_tournament:3;A=collaborative_contest:3", "the label “A” is used twice"),
    (NINE, "at most 8 treatments, 9 given"),
])
def test_bad_treatments_are_refused_with_a_clear_message_and_nothing_is_created(make_session, text, says):
    with pytest.raises(GameError) as refused:
        make_session(treatments=text)
    assert refused.value.code == "bad_treatments"
    assert refused.value.message.startswith("The treatments are not valid:") and says in refused.value.message
    assert not GameSession.objects.exists() and not Round.objects.exists()


def test_eight_treatments_are_allowed(make_session):
    session = make_session(treatments=";".join(f"T{n}=growth_tournament:3" for n in range(8)))
    assert len(session.treatments) == 8 and len(session.rounds.get().treatment_rules) == 8


def test_a_duplicated_session_keeps_its_treatments(two_worlds, instructor):
    from game.services.housekeeping import session_duplicate

    copy = session_duplicate(session=two_worlds, user=instructor)
    assert copy.treatments == two_worlds.treatments and copy.treatments_revealed is False
    assert not copy.provinces.exists()
