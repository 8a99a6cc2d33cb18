"""The public views of every province right after scoring, built from the results the
scoring task still holds in memory.

This is what every student waits for: reading the results back (selectors.province_facts)
cost the worker ~40 ms at 300 students before the first ranking could leave. Only what
scoring did not produce is read: names of the players and the totals of earlier rounds.
tests/services/test_scored_view.py holds it equal to the view read from the database."""

from __future__ import annotations

from typing import Any

from game.engine import ProvinceState
from game.models import GameSession, Province, Round, RulesVersion, Seat, SeatResult
from game.services.province_rules import shown_by_province, versions_by_province
from game.services.selectors import (
    ProvinceFacts,
    assemble_payloads,
    people_by_seat,
    public_result,
    scored_points,
    seats_by_province,
    totals_history,
)


def scored_payloads(*, session: GameSession, scored: Round, current: Round, provinces: list[Province],
                    seats: list[Seat], stored: dict[int, dict[str, Any]], starts: dict[int, ProvinceState],
                    seat_results: list[SeatResult], submitted: set[int]) -> dict[int, dict[str, Any]]:
    """`stored`: each province's ProvinceResult.data; `starts`: the state `current` starts
    from; `submitted`: the seats with a sheet in `current`."""
    ids = [p.id for p in provinces]
    played: dict[int, RulesVersion] = versions_by_province(scored, provinces)  # each its own treatment's
    shown = shown_by_province(scored, provinces, played)
    history: dict[int, list[dict]] = {}
    points: list[dict] = []
    if scored.number > 1:
        history = totals_history(ids, before=scored.number)
        points = scored_points(ids, before=scored.number)
    for pid in ids:
        history.setdefault(pid, []).append({"round": scored.number, **stored[pid]["totals"]})
    by_id = {s.id: s for s in seats}
    points += [{"seat_id": r.seat_id, "seat__city_id": by_id[r.seat_id].city_id,
                "seat__province_id": by_id[r.seat_id].province_id, "round__number": scored.number,
                "rank": r.rank, "points": r.points} for r in seat_results]
    facts = ProvinceFacts(
        rnd=current,
        seats=seats_by_province(seats),
        people=people_by_seat(ids),
        submitted=submitted,
        history=history,
        last={pid: public_result(scored.number, played[pid], stored[pid], [],
                                 bool(played[pid].rules.get("reveal_losing_bids")), shown[pid]) for pid in ids},
        starts=starts,
        points=points,
    )
    return assemble_payloads(session, provinces, facts)
