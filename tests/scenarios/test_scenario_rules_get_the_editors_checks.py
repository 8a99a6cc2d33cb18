"""A scenario file's presets go through the same rule checks as the rules editor: .nan and
.inf, no prize, every weight 0 and overlong prize lists are refused with the path."""

from game.scenarios.loader import MAX_PRIZES, rules_from_data
from game.scenarios.schema import Reader


def _problems(data):
    reader = Reader("mini.yaml")
    rules_from_data(reader, data, "presets.p.rules")
    return reader.problems


def test_non_finite_numbers_in_a_preset_are_refused():
    problems = _problems({"duplicate_penalty": float("nan"), "weights": {"gdp_growth": float("inf")}})
    assert "mini.yaml: presets.p.rules.duplicate_penalty: must be a finite number, got nan" in problems
    assert "mini.yaml: presets.p.rules.weights.gdp_growth: must be a finite number, got inf" in problems


def test_degenerate_prizes_and_weights_in_a_preset_are_refused():
    assert _problems({"prizes": []}) == ["mini.yaml: presets.p.rules.prizes: needs at least 1 entries, has 0"]
    assert _problems({"prizes": [0, 0]}) == ["mini.yaml: presets.p.rules.prizes: at least one prize must be above 0"]
    assert _problems({"prizes": [1] * (MAX_PRIZES + 1)}) == [
        f"mini.yaml: presets.p.rules.prizes: has {MAX_PRIZES + 1} entries, at most {MAX_PRIZES} are allowed"]
    assert _problems({"weights": {"gdp_growth": 0}}) == [
        "mini.yaml: presets.p.rules.weights: at least one indicator needs a weight above 0"]
    assert _problems({"prizes": [float("inf")]}) == [
        "mini.yaml: presets.p.rules.prizes[0]: must be a number of points from 0 to 1000, got inf",
        "mini.yaml: presets.p.rules.prizes: at least one prize must be above 0"]
