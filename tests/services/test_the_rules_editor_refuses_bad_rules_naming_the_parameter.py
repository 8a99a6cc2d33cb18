"""The rules editor answers every bad request with 400 and a translated message naming the
parameter, never 500, and changes nothing: NaN, Infinity, a list where an object belongs,
deep nesting, and rules the engine could not rank with (no prize, 10,000 prizes, every
weight 0)."""

import json

import pytest

from game.models import RulesVersion

pytestmark = pytest.mark.django_db

NAN_BODY = '{"duplicate_penalty": NaN}'
INF_BODY = '{"weights": {"gdp_growth": Infinity}}'
OVERFLOW_BODY = '{"duplicate_penalty": 1e400}'  # valid JSON that Python reads as infinity
HUGE = "9" * 400  # a whole number float() cannot hold: OverflowError, once HTTP 500


@pytest.fixture
def editor(client, make_session, instructor):
    session = make_session()
    client.force_login(instructor)

    def post(body, language="en"):
        text = body if isinstance(body, str) else json.dumps(body)
        return client.post(f"/instructor/s/{session.id}/rules/", text, content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE=language)

    return session, post


CASES = [
    # (body, code, words the English message must contain)
    (NAN_BODY, "bad_json", ["JSON"]),
    (INF_BODY, "bad_json", ["JSON"]),
    (OVERFLOW_BODY, "bad_rules", ["duplicate_penalty", "finite"]),
    ({"weights": [1, 2, 3]}, "bad_rules", ["weights", "object"]),
    ({"prizes": {"first": 5}}, "bad_rules", ["prizes", "list"]),
    ("[" * 7000 + "]" * 7000, "too_deep", ["JSON"]),
    ({"weights": {"gdp_growth": {"a": {"b": {"c": 1}}}}}, "bad_rules", ["weights.gdp_growth", "number"]),
    ([1, 2], "bad_rules", ["object"]),
    ({"prizes": [1] * 10000}, "too_large", ["JSON"]),  # 30 KB: over the editor's 16 KiB
    ({"prizes": [1] * 1000}, "bad_rules", ["prizes", "at most 100"]),
    ({"prizes": []}, "bad_rules", ["prizes", "at least 1"]),
    ({"prizes": [0, 0, 0]}, "bad_rules", ["prizes", "above 0"]),
    ({"weights": {"gdp_growth": 0, "net_fiscal": 0, "collaboration": 0, "ecology": 0, "public_service": 0}},
     "bad_rules", ["weights", "above 0"]),
    ({"prizes": [5, -1]}, "bad_rules", ["prizes[1]"]),
    ({"audit_probability": 2}, "bad_rules", ["audit_probability", "at most 1"]),
    ({"all_pay": "yes"}, "bad_rules", ["all_pay", "true or false"]),
    ({"gdp_accounting": ["host"]}, "bad_rules", ["gdp_accounting", "one of"]),
    ({"speed": 3}, "bad_rules", ["speed", "not a rule parameter"]),
    ("null", "bad_rules", ["object"]),
    ("3", "bad_rules", ["object"]),
    ('"all_pay"', "bad_rules", ["object"]),
    ("[]", "bad_rules", ["object"]),
    ({}, "bad_rules", ["at least one parameter"]),
    ({"weights": {"gdp_growth": 5e-324}}, "bad_rules", ["weights.gdp_growth", "0 or at least 0.01"]),
    ({"weights": {"gdp_growth": 0.001}}, "bad_rules", ["weights.gdp_growth", "0 or at least 0.01"]),
    ({"weights": {"gdp_growth": 0.3333}}, "bad_rules", ["weights.gdp_growth", "at most 3 decimal places"]),
    ({"prizes": [1e-300]}, "bad_rules", ["prizes[0]", "0 or at least 0.01"]),
    ({"prizes": [5, 0.005]}, "bad_rules", ["prizes[1]", "0 or at least 0.01"]),
    ({"prizes": [5, 2.125]}, "bad_rules", ["prizes[1]", "at most 2 decimal places"]),
    ({"audit_probability": 5e-324}, "bad_rules", ["audit_probability", "at most 3 decimal places"]),
    ('{"audit_probability": ' + HUGE + "}", "bad_rules", ["audit_probability", "at most 1"]),
    ('{"audit_probability": -' + HUGE + "}", "bad_rules", ["audit_probability", "at least 0"]),
    ('{"weights": {"gdp_growth": ' + HUGE + "}}", "bad_rules", ["weights.gdp_growth", "at most 100"]),
    ('{"prizes": [' + HUGE + "]}", "bad_rules", ["prizes[0]", "1000"]),
    ('{"weights": ' + '{"a":' * 16 + "1" + "}" * 17, "too_deep", ["JSON"]),
    ('{"prizes": ' + "[" * 16 + "]" * 16 + "}", "too_deep", ["JSON"]),
]


@pytest.mark.parametrize(("body", "code", "words"), CASES, ids=[
    "nan", "infinity", "overflow-to-infinity", "weights-as-list", "prizes-as-object", "7000-deep", "deep-weight",
    "top-level-list", "10000-prizes", "1000-prizes", "no-prizes", "all-prizes-zero", "all-weights-zero",
    "negative-prize",
    "probability-over-1", "flag-as-text", "choice-as-list", "unknown-parameter",
    "null", "a-number", "text", "empty-list", "empty-object", "tiniest-weight", "weight-below-0.01",
    "weight-of-4-decimals", "prize-1e-300", "prize-below-0.01", "prize-of-3-decimals", "tiniest-probability",
    "400-digit-probability", "minus-400-digit-probability", "400-digit-weight", "400-digit-prize",
    "17-deep-objects", "17-deep-arrays"])
def test_bad_rules_are_refused_with_a_message_naming_the_parameter(editor, body, code, words):
    session, post = editor
    before = list(RulesVersion.objects.filter(session=session).values_list("id", "rules"))
    response = post(body)
    assert response.status_code == 400, response.content[:300]
    answer = response.json()
    assert answer["code"] == code
    for word in words:
        assert word in answer["message"], answer["message"]
    assert list(RulesVersion.objects.filter(session=session).values_list("id", "rules")) == before


def test_weights_and_prizes_at_the_allowed_precision_are_accepted(editor):
    session, post = editor
    response = post({"weights": {"gdp_growth": 0.01, "collaboration": 0.125}, "prizes": [5, 2.75, 0.01, 0]})
    assert response.status_code == 200, response.content[:300]
    rules = RulesVersion.objects.filter(session=session).latest("id").rules
    assert rules["weights"]["gdp_growth"] == 0.01 and rules["prizes"] == [5, 2.75, 0.01, 0]


def test_a_non_object_body_is_refused_in_chinese_too(editor):
    _, post = editor
    answer = post("null", language="zh-hans").json()
    assert answer["code"] == "bad_rules" and "对象" in answer["message"]


def test_the_refusal_is_translated(editor):
    _, post = editor
    answer = post({"weights": [1], "prizes": []}, language="zh-hans").json()
    assert "weights" in answer["message"] and "prizes" in answer["message"]
    assert "必须" in answer["message"] or "至少" in answer["message"], answer["message"]
    assert [p["param"] for p in answer["params"]["problems"]] == ["weights", "prizes"]
    garbled = post("{", language="zh-hans").json()
    assert garbled["code"] == "bad_json" and "JSON" in garbled["message"] and "规则" in garbled["message"]


def test_good_rules_are_still_accepted(editor):
    session, post = editor
    response = post({"weights": {"collaboration": 0.4}, "prizes": [6, 3, 1], "all_pay": False})
    assert response.status_code == 200, response.content
    rules = session.rounds.get(number=1).rules.rules
    assert rules["weights"]["collaboration"] == 0.4 and rules["prizes"] == [6, 3, 1]
