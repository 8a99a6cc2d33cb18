"""A student's history charts (issue #10): their own city, round by round, and the
province's standings over the rounds. Only what the student already receives: their own
seat's outcomes, and the points and ranks every city is shown after each scoring."""

from __future__ import annotations

from typing import Any

from game.models import Participant, Round, SeatResult
from game.services.selectors import scenario_for


def student_history(participant: Participant) -> dict[str, Any]:
    seat = participant.seat
    if seat is None or participant.removed:
        return {"own": [], "province": None}
    own, total = [], 0.0
    for number, points, rank, c in (SeatResult.objects.filter(seat=seat, round__status=Round.Status.SCORED)
                                    .order_by("round__number").values_list("round__number", "points", "rank", "data")):
        total += points
        own.append({"round": number, "points": points, "cumulative": total, "rank": rank,
                    "gdp": c["gdp_start"] + sum(c["gdp_gain"].values()),
                    "contributions": sum(c["contributions"].values())})
    # Every city's points and rank: the public standings, as each scoring showed them.
    scenario = scenario_for(participant.session)
    totals: dict[str, float] = {}
    rounds: list[int] = []
    series: dict[str, list[dict[str, Any]]] = {c.id: [] for c in scenario.province.cities}
    for number, city, points, rank in (SeatResult.objects.filter(seat__province_id=seat.province_id,
                                                                  round__status=Round.Status.SCORED)
                                       .order_by("round__number", "seat__position")
                                       .values_list("round__number", "seat__city_id", "points", "rank")):
        if not rounds or rounds[-1] != number:
            rounds.append(number)
        totals[city] = totals.get(city, 0.0) + points
        series[city].append({"round": number, "rank": rank, "cumulative": totals[city]})
    return {
        "own": own,
        "province": {
            "rounds": rounds,
            "cities": [{"city": c.id, "name": {"zh": c.name_zh, "en": c.name_en}, "me": c.id == seat.city_id,
                        "history": series[c.id]} for c in scenario.province.cities],
        },
    }
