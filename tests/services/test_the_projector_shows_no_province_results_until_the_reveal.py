"""Issue #13 item 3: a province's results follow the rules it plays (points per city, the
collaboration reward, self-reported indicators, agreements kept...). Side by side on the
projector they would tell the class who plays which treatment, so before the reveal the
projector gets the headline total and no province's results, standings or agreement counts;
after the reveal, everything."""

import json

import pytest

from coordination.agreement_sockets import projector_state as agreement_state
from coordination.models import Agreement, AgreementParty
from coordination.selectors import counts
from game.services import broadcast, rounds
from game.services.bots import bots_play
from game.services.selectors import projector_snapshot, province_payloads
from game.services.treatment_reveal import treatments_reveal
from tests.services.treatment_setup import two_worlds  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

# What only a province's results carry (every one of them follows its rules).
RESULT_KEYS = {"last_result", "points", "gdp_shares", "indicators", "composite", "totals"}
CITY_STATE = {"gdp", "budget", "hosted"}


@pytest.fixture
def sent(monkeypatch):
    messages: list[tuple[str, dict]] = []
    monkeypatch.setattr(broadcast, "send_encoded_now",
                        lambda items: messages.extend((g, json.loads(t)) for g, t in items))
    monkeypatch.setattr(broadcast, "send_many_now",
                        lambda items: messages.extend((g, json.loads(broadcast.encode(p))) for g, p in items))
    return messages


@pytest.fixture
def scored(two_worlds, instructor, sent):  # noqa: F811
    rnd = rounds.round_open(session=two_worlds, user=instructor)
    bots_play(round_id=rnd.id)
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)
    # Two provinces' agreements as scoring leaves them: one kept, one broken.
    for province, kept in zip(two_worlds.provinces.order_by("number")[:2], (True, False), strict=True):
        seats = list(province.seats.order_by("id")[:2])
        a = Agreement.objects.create(session=two_worlds, province=province, round=rnd, project_id="p",
                                     proposer=seats[0], note="n", status=Agreement.Status.SIGNED)
        for seat in seats:
            AgreementParty.objects.create(agreement=a, seat=seat, pledge=10, kept=kept or seat != seats[0])
    return two_worlds


def _provinces_show_results(snapshot: dict) -> bool:
    return any(p["last_result"] or p["standings"]["rows"] or p["history"] for p in snapshot["provinces"])


def _city_columns(snapshot: dict) -> set[str]:
    return {c for p in snapshot["provinces"] for c in p["cities"]["table"]}


def test_before_the_reveal_the_projector_gets_the_headline_total_and_no_province_results(scored, sent):
    projector = [m for group, m in sent if group == broadcast.projector_group(scored.id)]
    snapshots = [m for m in projector if m["type"] == "snapshot"]
    assert snapshots, "scoring told the projector nothing: the check would prove nothing"
    for snapshot in snapshots + [json.loads(broadcast.encode(projector_snapshot(scored)))]:
        assert not _provinces_show_results(snapshot)
        assert not _city_columns(snapshot) & CITY_STATE
        assert {p["province"]["number"] for p in snapshot["provinces"]} == {1, 2, 3, 4}  # still named, for saves
    last = [p["last_result"] for p in province_payloads(scored).values()]
    headline = projector_snapshot(scored)["hidden_results"]
    assert headline == {"round": 1, "joint_completed": sum(r["totals"]["joint_completed"] for r in last),
                        "joint_offered": sum(r["totals"]["joint_offered"] for r in last)}
    for message in projector:
        if message["type"] == "agreement_counts":
            assert all(row["province"] is None for row in message["counts"])


def test_before_the_reveal_the_projector_hears_one_total_of_agreements(scored):
    every = counts(scored)
    shown = agreement_state(scored.id)["counts"]
    assert len(every) >= 2, "the bots signed agreements in two provinces or more: else nothing to hide"
    assert shown == [{"province": None, "round": 1, **{k: sum(r[k] for r in every)
                                                       for k in ("signed", "kept", "broken")}}]


def test_after_the_reveal_the_projector_shows_every_provinces_results(scored, instructor, sent):
    sent.clear()
    treatments_reveal(session=scored, user=instructor)
    projector = [m for group, m in sent if group == broadcast.projector_group(scored.id)]
    snapshot = next(m for m in projector if m["type"] == "snapshot")
    assert snapshot["hidden_results"] is None
    assert all(p["last_result"]["round"] == 1 and p["standings"]["rows"] for p in snapshot["provinces"])
    assert CITY_STATE <= _city_columns(snapshot)
    revealed = next(m for m in projector if m["type"] == "agreement_counts")
    assert revealed["counts"] == json.loads(broadcast.encode(counts(scored)))
    assert agreement_state(scored.id)["counts"] == revealed["counts"]


def test_the_debrief_on_the_projector_pools_every_province_until_the_reveal(scored, instructor, client):
    client.force_login(instructor)
    url = f"/instructor/s/{scored.id}/projector/debrief/?province=2"
    before = client.get(url)
    assert before.context["debrief"]["province"] is None and b'id="province-filter"' not in before.content
    assert b'id="debrief-pooled-only"' in before.content
    assert client.get(f"/instructor/s/{scored.id}/debrief/?province=2").context["debrief"]["province"] == 2
    treatments_reveal(session=scored, user=instructor)
    after = client.get(url)
    assert after.context["debrief"]["province"] == 2 and b'id="province-filter"' in after.content
