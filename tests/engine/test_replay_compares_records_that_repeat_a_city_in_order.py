"""The replay's comparison pairs records by an id only when that id is unique in the list:
pending pay-outs of two delayed projects name the same city twice, so they are paired by
project (or in order), never by city, which would pair the wrong records."""

from game.logs.replay import _compare


def _payouts(gdp_second: float) -> list[dict]:
    return [{"due_round": 6, "city_id": "taiyuan", "project_id": "rail-2", "gdp": 10.0, "fiscal": 1.0,
             "ecology": 0.0, "public_service": 0.0},
            {"due_round": 6, "city_id": "taiyuan", "project_id": "road-3", "gdp": gdp_second, "fiscal": 0.0,
             "ecology": 0.0, "public_service": 0.0}]


def test_equal_lists_with_a_repeated_city_are_equal():
    state = {"pending": _payouts(4.0)}
    assert _compare(state, {"pending": _payouts(4.0)}, "next_state", 5, 1) is None


def test_a_changed_second_payout_of_the_same_city_is_found():
    found = _compare({"pending": _payouts(4.5)}, {"pending": _payouts(4.0)}, "next_state", 5, 1)
    assert found is not None
    # the city repeats, the project does not: the pay-out is named by its project
    assert (found.field, found.recorded, found.recomputed) == ("next_state.pending[road-3].gdp", 4.5, 4.0)


def test_records_with_unique_cities_are_matched_by_city_whatever_their_order():
    cities = [{"city_id": "a", "rank": 1}, {"city_id": "b", "rank": 2}]
    assert _compare({"cities": list(reversed(cities))}, {"cities": cities}, "", 1, 1) is None
    found = _compare({"cities": [{"city_id": "b", "rank": 3}, cities[0]]}, {"cities": cities}, "", 1, 1)
    assert (found.city, found.field, found.recorded, found.recomputed) == ("b", "rank", 3, 2)
