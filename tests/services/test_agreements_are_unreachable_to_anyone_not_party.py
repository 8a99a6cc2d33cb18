"""Only named parties answer; outsiders, other provinces and other sessions get the same
"not found" as for an id that does not exist; only the instructor annuls and assigns."""

import pytest

from coordination import services
from coordination.models import Agreement, AssignedTask
from coordination.selectors import seat_view
from game.services.errors import GameError
from tests.services.agreement_setup import PROJECT, open_table

pytestmark = pytest.mark.django_db(transaction=True)


def _proposal(t):
    return services.agreement_propose(participant=t.alice, project_id=PROJECT,
                                      pledges={"taiyuan": 30, "xinzhou": 30}, note="A deal")


def test_a_city_not_named_cannot_accept_decline_or_even_see_it(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    a = _proposal(t)
    for act in (services.agreement_accept, services.agreement_decline):
        with pytest.raises(GameError) as refused:
            act(participant=t.carol, agreement_id=a.public_id)
        assert refused.value.code == "agreement_not_found"
    assert seat_view(t.carol.seat, t.rnd)["agreements"] == []
    assert Agreement.objects.get(pk=a.id).status == "proposed"


def test_guessed_ids_and_other_sessions_look_like_nothing(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    other = open_table(make_session, join, instructor, "implicit_coordination:3")
    a = _proposal(t)
    for bad_id in (a.public_id, a.id, str(a.public_id), None, True, [a.public_id]):
        with pytest.raises(GameError) as refused:
            services.agreement_accept(participant=other.bob, agreement_id=bad_id)
        assert refused.value.code == "agreement_not_found"
    assert Agreement.objects.get(pk=a.id).status == "proposed"


def test_only_the_owner_of_the_session_annuls_or_assigns(make_session, join, instructor, other_instructor):
    t = open_table(make_session, join, instructor, "collaborative_contest:3")
    a = _proposal(t)
    province = t.session.provinces.get()
    with pytest.raises(GameError) as refused:
        services.agreement_annul(session=t.session, user=other_instructor, agreement_id=a.public_id, reason="no")
    assert refused.value.code == "forbidden"
    with pytest.raises(GameError) as refused:
        services.task_assign(session=t.session, user=other_instructor, province_id=province.id, project_id=PROJECT,
                             required={"taiyuan": 10})
    assert refused.value.code == "forbidden"
    assert Agreement.objects.get(pk=a.id).status == "proposed" and not AssignedTask.objects.exists()


def test_the_instructor_cannot_reach_another_sessions_agreement(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    other = open_table(make_session, join, instructor, "implicit_coordination:3")
    a = _proposal(t)
    with pytest.raises(GameError) as refused:
        services.agreement_annul(session=other.session, user=instructor, agreement_id=a.public_id, reason="no")
    assert refused.value.code == "agreement_not_found"
    with pytest.raises(GameError) as refused:
        services.task_assign(session=other.session, user=instructor, province_id=t.session.provinces.get().id,
                             project_id=PROJECT, required={"taiyuan": 10})
    assert refused.value.code == "unknown_province"


def test_a_removed_student_and_a_bot_seat_cannot_act(make_session, join, instructor):
    from game.services import sessions

    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    a = _proposal(t)
    sessions.participant_remove(session=t.session, user=instructor, participant_id=t.bob.id)
    with pytest.raises(GameError) as refused:
        services.agreement_accept(participant=t.bob, agreement_id=a.public_id)
    assert refused.value.code == "no_seat"
    with pytest.raises(GameError) as refused:
        services.agreement_accept(seat=t.carol.seat, agreement_id=a.public_id)  # a seat, but not as a bot
    assert refused.value.code in ("forbidden", "agreement_not_found")
