"""parse_schedule refuses unknown presets, bad counts, empty text and schedules longer than the
game with a ValueError that says what is wrong."""

import pytest

from game.scenarios import load_presets, parse_schedule

PRESETS = load_presets()


def refused(text, rounds=9):
    with pytest.raises(ValueError) as info:
        parse_schedule(text, PRESETS, rounds)
    return str(info.value)


def test_an_unknown_preset_is_named_and_the_known_ones_listed():
    message = refused("growth_tournament:3,free_for_all:3")
    assert message == (
        "unknown rules 'free_for_all' "
        "(known: collaborative_contest, growth_tournament, implicit_coordination)"
    )


@pytest.mark.parametrize("count", ["0", "-1", "-3", "two", "1.5", "2x", " ", "²", "３"])
def test_a_count_that_is_not_a_whole_number_of_at_least_one(count):
    message = refused(f"growth_tournament:{count}")
    assert message == f"'growth_tournament:{count}'".replace(" ", "") + (
        ": the number of rounds must be a whole number ≥ 1"
    )


def test_a_trailing_colon_without_a_count_is_refused():
    assert refused("growth_tournament:").endswith("the number of rounds must be a whole number ≥ 1")


@pytest.mark.parametrize("text", ["", "   ", ",", " , ,"])
def test_empty_text(text):
    assert refused(text) == "the rule schedule is empty"


def test_a_schedule_longer_than_the_rounds():
    message = refused("growth_tournament:3,implicit_coordination:3,collaborative_contest:4", rounds=9)
    assert message == "the schedule covers 10 rounds, more than the 9 played"
