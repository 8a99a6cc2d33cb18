"""parse_sheet builds a Sheet from untrusted JSON-like data, or returns every problem."""

import pytest

from game.engine import Sheet, parse_sheet


def _codes(problems):
    return sorted((p.code, p.field) for p in problems)


def test_a_well_formed_sheet_is_parsed():
    parsed, problems = parse_sheet(
        "c1", {"bids": {"ind": 12}, "contributions": {"jp": 3}, "inflation_pct": 5}
    )
    assert problems == []
    assert parsed == Sheet("c1", {"ind": 12}, {"jp": 3}, 5)


def test_whole_numbers_in_strings_of_ascii_digits_are_accepted():
    parsed, problems = parse_sheet("c1", {"bids": {"ind": "12", "b": "007"}, "inflation_pct": "10"})
    assert problems == []
    assert dict(parsed.bids) == {"ind": 12, "b": 7}
    assert parsed.inflation_pct == 10


# Digits of other scripts that str.isdecimal() and int() both accept: full-width, Arabic-Indic,
# Extended Arabic-Indic (Persian), Devanagari, Bengali, Thai, Mongolian, mathematical bold.
OTHER_DIGITS = ["\uff15", "\u0663", "\u06f5", "\u096b", "\u09eb", "\u0e55", "\u1815", "\U0001d7d3", "1\uff12"]


@pytest.mark.parametrize("amount", OTHER_DIGITS)
def test_digits_of_other_scripts_are_not_amounts(amount):
    assert int(amount) > 0  # Python would take them
    for raw in ({"bids": {"ind": amount}}, {"contributions": {"jp": amount}}, {"inflation_pct": amount}):
        parsed, problems = parse_sheet("c1", raw)
        assert parsed is None
        assert [p.code for p in problems] == ["not_a_number"]


@pytest.mark.parametrize("amount", [" 5", "5 ", " 5 ", "\t5", "5\n", "\u30005", "5\u00a0", "+5", "- 5"])
def test_whitespace_or_a_plus_around_an_amount_is_refused(amount):
    parsed, problems = parse_sheet("c1", {"bids": {"ind": amount}})
    assert parsed is None
    assert _codes(problems) == [("not_a_number", "bids.ind")]


def test_a_negative_string_parses_and_is_left_to_the_validator():
    parsed, problems = parse_sheet("c1", {"bids": {"ind": "-3"}})
    assert problems == []
    assert parsed.bids["ind"] == -3


def test_missing_parts_default_to_empty():
    parsed, problems = parse_sheet("c1", {})
    assert problems == []
    assert parsed == Sheet("c1")


@pytest.mark.parametrize("raw", [None, [], "bids", 12, ["bids", {}]])
def test_a_non_object_is_refused(raw):
    parsed, problems = parse_sheet("c1", raw)
    assert parsed is None
    assert _codes(problems) == [("malformed", "sheet")]


@pytest.mark.parametrize("amount", ["abc", "", "1.5", "1e3", "--3", "+-3", "²", "1_000", None, [1], True])
def test_non_numeric_amounts_are_refused(amount):
    # "--3" and "²" used to raise ValueError out of parse_sheet instead of returning a problem
    parsed, problems = parse_sheet("c1", {"bids": {"ind": amount}})
    assert parsed is None
    assert _codes(problems) == [("not_a_number", "bids.ind")]


@pytest.mark.parametrize("amount", [1.5, 0.1, float("nan"), float("inf")])
def test_floats_with_fractions_are_refused(amount):
    parsed, problems = parse_sheet("c1", {"contributions": {"jp": amount}})
    assert parsed is None
    assert _codes(problems) == [("not_a_number", "contributions.jp")]


def test_a_float_holding_a_whole_number_is_accepted():
    parsed, _ = parse_sheet("c1", {"bids": {"ind": 12.0}})
    assert parsed.bids["ind"] == 12
    assert type(parsed.bids["ind"]) is int


def test_unknown_fields_are_refused():
    parsed, problems = parse_sheet("c1", {"bids": {}, "bribe": 5, "city_id": "c2"})
    assert parsed is None
    assert _codes(problems) == [("unknown_field", "bribe"), ("unknown_field", "city_id")]


def test_a_part_that_is_not_a_mapping_is_refused():
    parsed, problems = parse_sheet("c1", {"bids": [1, 2]})
    assert parsed is None
    assert _codes(problems) == [("malformed", "bids")]


def test_every_problem_is_returned_at_once():
    raw = {"bids": {"a": "x", "b": 1.5}, "contributions": "nope", "inflation_pct": "lots", "extra": 1}
    parsed, problems = parse_sheet("c1", raw)
    assert parsed is None
    assert _codes(problems) == [
        ("malformed", "contributions"),
        ("not_a_number", "bids.a"),
        ("not_a_number", "bids.b"),
        ("not_a_number", "inflation_pct"),
        ("unknown_field", "extra"),
    ]
