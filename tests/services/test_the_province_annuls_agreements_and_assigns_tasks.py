"""The instructor annuls a proposed or signed agreement with a reason, and assigns a joint
project to named cities with required contributions (专项式发包): shown on their sheets,
enforced when the rules say so, recorded kept or broken after scoring."""

import pytest
from django.utils import translation

from coordination import services
from coordination.models import Agreement, AssignedTask, TaskShare
from coordination.selectors import seat_view
from game.models import Event, SeatResult
from game.services import rounds
from game.services.errors import GameError
from tests.services.agreement_setup import PROJECT, open_table, score

pytestmark = pytest.mark.django_db(transaction=True)


def _proposal(t):
    return services.agreement_propose(participant=t.alice, project_id=PROJECT,
                                      pledges={"taiyuan": 30, "xinzhou": 30}, note="Split by contribution")


def test_a_proposed_or_signed_agreement_is_annulled_with_its_reason_logged(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "collaborative_contest:3")
    proposed = _proposal(t)
    signed = _proposal(t)
    services.agreement_accept(participant=t.bob, agreement_id=signed.public_id)
    for a in (proposed, signed):
        done = services.agreement_annul(session=t.session, user=instructor, agreement_id=a.public_id,
                                        reason="  The split is unfair to Yangquan  ")
        assert (done.status, done.reason) == ("annulled", "The split is unfair to Yangquan")
    assert Event.objects.filter(kind="agreement_annulled").count() == 2
    statuses = {x["id"]: (x["status"], x["reason"]) for x in seat_view(t.bob.seat, t.rnd)["agreements"]}
    assert statuses[signed.public_id] == ("annulled", "The split is unfair to Yangquan")
    # Annulled, it binds nothing: the low sheet is now accepted.
    rounds.sheet_save(participant=t.bob, round_number=1, data={"contributions": {PROJECT: 0}})


@pytest.mark.parametrize("reason", ["", "   ", None, 5, "x" * 501])
def test_an_annulment_needs_a_reason(make_session, join, instructor, reason):
    t = open_table(make_session, join, instructor, "collaborative_contest:3")
    a = _proposal(t)
    with pytest.raises(GameError) as refused:
        services.agreement_annul(session=t.session, user=instructor, agreement_id=a.public_id, reason=reason)
    assert refused.value.code in ("bad_reason", "bad_note")
    assert Agreement.objects.get(pk=a.id).status == "proposed"


def test_a_declined_agreement_or_one_of_a_scored_round_cannot_be_annulled(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "collaborative_contest:3")
    declined = _proposal(t)
    services.agreement_decline(participant=t.bob, agreement_id=declined.public_id)
    signed = _proposal(t)
    services.agreement_accept(participant=t.bob, agreement_id=signed.public_id)
    score(t)
    for a in (declined, signed):
        with pytest.raises(GameError) as refused:
            services.agreement_annul(session=t.session, user=instructor, agreement_id=a.public_id, reason="late")
        assert refused.value.code == "not_annullable"
    assert Agreement.objects.get(pk=signed.id).status == "signed"


def test_an_assigned_task_shows_on_the_sheets_binds_under_enforcement_and_is_recorded(make_session, join,
                                                                                      instructor):
    t = open_table(make_session, join, instructor, "collaborative_contest:3")
    province = t.session.provinces.get()
    task = services.task_assign(session=t.session, user=instructor, province_id=province.id, project_id=PROJECT,
                                required={"taiyuan": 45, "xinzhou": 25, "yangquan": 20}, note="省重点专项")
    assert list(task.shares.values_list("seat__city_id", "required")) == [
        ("taiyuan", 45), ("xinzhou", 25), ("yangquan", 20)]
    (shown,) = seat_view(t.carol.seat, t.rnd)["tasks"]
    assert shown["project"] == PROJECT and shown["note"] == "省重点专项"
    with translation.override("en"), pytest.raises(GameError) as refused:
        rounds.sheet_save(participant=t.bob, round_number=1, data={"contributions": {PROJECT: 5}})
    assert refused.value.params["problems"][0]["code"] == "below_task"
    assert f"#{task.id}" in refused.value.params["problems"][0]["message"]
    rounds.sheet_save(participant=t.alice, round_number=1, data={"contributions": {PROJECT: 45}})
    rounds.sheet_save(participant=t.bob, round_number=1, data={"contributions": {PROJECT: 25}})
    score(t)  # Carol saved nothing: enforcement raises her to 20 out of her unspent budget
    assert set(TaskShare.objects.values_list("kept", flat=True)) == {True}
    (entry,) = seat_view(t.carol.seat, None)["record"]
    assert entry["kind"] == "task" and all(p["kept"] for p in entry["parties"])


def test_an_unenforced_task_is_not_raised_and_a_short_one_costs_its_penalty(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    province = t.session.provinces.get()
    services.task_assign(session=t.session, user=instructor, province_id=province.id, project_id=PROJECT,
                         required={"xinzhou": 25})
    rounds.sheet_save(participant=t.bob, round_number=1, data={"contributions": {PROJECT: 5}})  # reminder only
    score(t)
    share = TaskShare.objects.get()
    assert share.kept is False
    penalty = SeatResult.objects.get(round=t.rnd, seat=t.bob.seat).data["points"]["task_penalty"]
    assert share.penalised is (penalty > 0)


BAD_TASKS = [
    (dict(project_id="nope"), "unknown_project"),
    (dict(province_id=999_999), "unknown_province"),
    (dict(province_id="1"), "unknown_province"),
    (dict(required={"jinzhong": 10}), "bad_party"),
    (dict(required={"taiyuan": -1}), "bad_pledge"),
    (dict(required={"taiyuan": 1.5}), "bad_pledge"),
    (dict(required={"taiyuan": 10_000}), "bad_pledge"),
    (dict(required={}), "bad_pledges"),
    (dict(note="x" * 501), "bad_note"),
]


@pytest.mark.parametrize(("change", "code"), BAD_TASKS)
def test_a_bad_task_is_refused_and_nothing_is_assigned(make_session, join, instructor, change, code):
    t = open_table(make_session, join, instructor, "collaborative_contest:3")
    args = dict(session=t.session, user=instructor, province_id=t.session.provinces.get().id, project_id=PROJECT,
                required={"taiyuan": 10}, note="")
    args.update(change)
    with pytest.raises(GameError) as refused:
        services.task_assign(**args)
    assert refused.value.code == code
    assert not AssignedTask.objects.exists() and not TaskShare.objects.exists()
