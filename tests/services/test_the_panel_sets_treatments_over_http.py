"""The dashboard form and the panel's HTTP actions for treatments: thin views over the
services, refusing bad input with a clear message and changing nothing."""

import json

import pytest

from game.models import GameSession
from game.services import rounds
from game.services.bots import bots_play
from game.services.province_rules import version_for

pytestmark = pytest.mark.django_db(transaction=True)

FORM = {"title": "Two worlds", "scenario_id": "central-cluster", "total_rounds": "4", "round_seconds": "120",
        "schedule": "growth_tournament:9",  # not used when treatments are given: no error for it
        "students_per_seat": "1", "fill_with_bots": "on", "bot_strategy": "best_response", "auto_close": "on",
        "max_provinces": "12", "absent_rounds": "1"}


def test_the_dashboard_creates_a_session_with_treatments(client, instructor):
    client.force_login(instructor)
    response = client.post("/instructor/", {**FORM, "treatments": "A=growth_tournament:4;B=collaborative_contest:4"})
    assert response.status_code == 302
    session = GameSession.objects.get()
    assert [t["label"] for t in session.treatments] == ["A", "B"]


def test_the_dashboard_refuses_bad_treatments_and_says_why(client, instructor):
    client.force_login(instructor)
    response = client.post("/instructor/", {**FORM, "treatments": "A=growth_tournament:4;B=anarchy:4"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "The treatments are not valid: treatment B: unknown rules" in response.content.decode()
    assert not GameSession.objects.exists()


@pytest.mark.parametrize("field", ["schedule", "treatments"])
@pytest.mark.parametrize("count", ["99999999999999999999", "1000000000", "999999"])
def test_a_huge_round_count_is_refused_before_anything_is_expanded(client, instructor, field, count):
    """`[name] * count` came before the check against the rounds played: 10²⁰ gave HTTP
    500 and 10⁹ asked for 8 GB (issue #7)."""
    client.force_login(instructor)
    value = f"growth_tournament:{count}" if field == "schedule" else f"A=growth_tournament:{count}"
    form = {**FORM, "treatments": "", field: value}
    response = client.post("/instructor/", form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert not GameSession.objects.exists()


def _json_post(client, url, data):
    return client.post(url, data, HTTP_ACCEPT="application/json")


def test_the_panel_moves_a_province_and_refuses_an_unknown_treatment(client, instructor, two_worlds):
    client.force_login(instructor)
    province = two_worlds.provinces.get(number=1)
    url = f"/instructor/s/{two_worlds.id}/do/treatment/"
    assert _json_post(client, url, {"province": province.id, "treatment": "COOP"}).json()["type"] == "ok"
    refused = _json_post(client, url, {"province": province.id, "treatment": "NOPE"})
    assert refused.status_code == 400 and refused.json()["code"] == "bad_treatment"
    assert _json_post(client, url, {"province": "x", "treatment": "COOP"}).json()["code"] == "bad_request"
    province.refresh_from_db()
    assert province.treatment == "COOP"


def test_the_rules_editor_and_preset_buttons_act_on_one_treatment(client, instructor, two_worlds):
    rnd = rounds.round_open(session=two_worlds, user=instructor)
    bots_play(round_id=rnd.id)
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)
    client.force_login(instructor)
    edited = client.post(f"/instructor/s/{two_worlds.id}/rules/?treatment=GROWTH",
                         json.dumps({"audit_penalty": 9}), content_type="application/json")
    assert edited.status_code == 200 and edited.json()["changes"][0]["param"] == "audit_penalty"
    preset = _json_post(client, f"/instructor/s/{two_worlds.id}/do/preset/",
                        {"preset": "implicit_coordination", "treatment": "COOP"})
    assert preset.json()["type"] == "ok"
    draft = two_worlds.rounds.get(number=2)
    assert version_for(draft, "GROWTH").rules["audit_penalty"] == 9
    assert version_for(draft, "GROWTH").preset == ""
    assert version_for(draft, "COOP").preset == "implicit_coordination"
    refused = client.post(f"/instructor/s/{two_worlds.id}/rules/?treatment=NOPE", json.dumps({"audit_penalty": 1}),
                          content_type="application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "bad_treatment"
