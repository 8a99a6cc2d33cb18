"""parse_schedule turns the instructor's schedule text into one preset id per round (DESIGN §3)."""

from game.scenarios import load_presets, parse_schedule

PRESETS = load_presets()


def test_three_blocks_of_three_give_nine_rounds_in_order():
    schedule = parse_schedule(
        "growth_tournament:3,implicit_coordination:3,collaborative_contest:3", PRESETS, 9
    )
    assert (
        schedule == ["growth_tournament"] * 3 + ["implicit_coordination"] * 3 + ["collaborative_contest"] * 3
    )


def test_a_single_name_fills_every_round():
    assert parse_schedule("collaborative_contest", PRESETS, 10) == ["collaborative_contest"] * 10


def test_the_last_entry_stretches_to_the_remaining_rounds():
    schedule = parse_schedule("growth_tournament:2,collaborative_contest:1", PRESETS, 6)
    assert schedule == ["growth_tournament"] * 2 + ["collaborative_contest"] * 4


def test_an_entry_without_a_count_is_one_round():
    schedule = parse_schedule("growth_tournament,implicit_coordination,collaborative_contest:2", PRESETS, 4)
    assert schedule == [
        "growth_tournament",
        "implicit_coordination",
        "collaborative_contest",
        "collaborative_contest",
    ]


def test_spaces_around_names_and_counts_are_allowed():
    schedule = parse_schedule(" growth_tournament : 2 , collaborative_contest ", PRESETS, 3)
    assert schedule == ["growth_tournament", "growth_tournament", "collaborative_contest"]


def test_a_schedule_exactly_as_long_as_the_rounds():
    assert parse_schedule("implicit_coordination:5", PRESETS, 5) == ["implicit_coordination"] * 5


def test_counts_are_compared_with_the_rounds_before_being_expanded():
    import pytest

    from game.bots.simulation import parse_mix

    for count in ("99999999999999999999", "999999", "9" * 5000):
        text = f"growth_tournament:{count}"
        with pytest.raises(ValueError):
            parse_schedule(text, PRESETS, 10)
    with pytest.raises(ValueError, match="more than any game"):
        parse_mix("best_response:99999999999999999999", ["a", "b"])
    with pytest.raises(ValueError, match="fills 999999 seats"):
        parse_mix("best_response:999999", ["a", "b"])
