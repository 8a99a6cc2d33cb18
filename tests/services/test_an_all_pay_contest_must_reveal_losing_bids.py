"""All-pay contests reveal losing bids: every losing bid is paid and shows in the city's
public money, GDP, growth and fiscal figures, so it could not stay sealed (DESIGN §8;
docs/rules.md, "What is published"). The combination is refused, in the editor and in
scenario files alike."""

import pytest

from game.scenarios.loader import rules_from_data
from game.scenarios.schema import Reader
from game.services import rounds
from game.services.errors import GameError

pytestmark = pytest.mark.django_db


def test_the_editor_refuses_an_all_pay_contest_with_hidden_losing_bids(make_session, instructor):
    session = make_session()
    with pytest.raises(GameError) as refused:
        rounds.rules_set(session=session, user=instructor, params={"all_pay": True, "reveal_losing_bids": False})
    assert refused.value.code == "bad_rules" and "reveal_losing_bids" in refused.value.message
    rnd = rounds.rules_set(session=session, user=instructor, params={"all_pay": True, "reveal_losing_bids": True})
    assert rnd.rules.rules["all_pay"] is True


def test_a_scenario_preset_with_a_hidden_all_pay_contest_is_refused():
    reader = Reader("mini.yaml")
    rules_from_data(reader, {"all_pay": True}, "presets.p.rules")
    assert reader.problems == ["mini.yaml: presets.p.rules.reveal_losing_bids: must be true when all_pay is true: "
                               "in an all-pay contest every losing bid is paid and can be worked out from the "
                               "public figures"]
