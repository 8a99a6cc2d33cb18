"""The debrief's one-line readings say what the numbers say: "1 agreement", not "1
agreements"; no "biggest climb: X (2 → 2)" when nobody climbed (the reading says so); a
single round names no climb at all. In English and in Chinese."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from game.services.debrief import _agreements, _ranks

NAMES = {"a": "Alpha", "b": "Beta"}
ORDER = ["a", "b"]


def rounds(*numbers):
    return [SimpleNamespace(number=n) for n in numbers]


def reading_of_ranks(ranks: dict, numbers: tuple, language: str = "en") -> str:
    with translation.override(language):
        return _ranks(rounds(*numbers), ranks, NAMES, ORDER, single=True)["reading"]


def test_a_real_climb_is_named():
    text = reading_of_ranks({"a": {1: [2], 2: [1]}, "b": {1: [1], 2: [2]}}, (1, 2))
    assert text == "Beta ranked first in 1 of 2 rounds; biggest climb: Alpha (2 → 1)."


def test_when_nobody_climbed_the_reading_says_there_was_no_change():
    text = reading_of_ranks({"a": {1: [1], 2: [1]}, "b": {1: [2], 2: [2]}}, (1, 2))
    assert "climb:" not in text and "2 → 2" not in text
    assert text == "Alpha ranked first in 2 of 2 rounds; no city climbed between round 1 and round 2."
    chinese = reading_of_ranks({"a": {1: [1], 2: [1]}, "b": {1: [2], 2: [2]}}, (1, 2), "zh-hans")
    assert "没有城市名次上升" in chinese


def test_one_round_names_no_climb_and_says_round_not_rounds():
    assert reading_of_ranks({"a": {1: [1]}, "b": {1: [2]}}, (1,)) == "Alpha ranked first in 1 of 1 round."


@pytest.mark.parametrize(("outcomes", "english"), [
    ([True, True], "1 agreement signed, 1 kept by every party, 0 broken."),
    ([True, False], "1 agreement signed, 0 kept by every party, 1 broken."),
])
def test_one_agreement_is_one_agreement(outcomes, english):
    pledges = {1: [{"source": "agreement", "source_id": "a7", "kept": k} for k in outcomes]}
    with translation.override("en"):
        assert _agreements(rounds(1), pledges)["reading"] == english
    with translation.override("zh-hans"):
        assert _agreements(rounds(1), pledges)["reading"].startswith("签署协议 1 份")


def test_several_agreements_are_plural():
    pledges = {1: [{"source": "agreement", "source_id": f"a{n}", "kept": True} for n in range(3)]}
    with translation.override("en"):
        assert _agreements(rounds(1), pledges)["reading"].startswith("3 agreements signed")
