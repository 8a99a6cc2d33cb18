"""Read-only views of a session, cut to what each audience may see (DESIGN §8).

Every payload here is plain JSON-ready data. Students get the public view of their
province plus their own seat's sheet; the projector gets the public view of every
province; only the instructor gets every sheet."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from game.engine import ProvinceState, initial_state
from game.engine.preview import joint_preview
from game.engine.serialize import rules_from_data, state_from_data, to_data
from game.models import GameSession, Participant, Province, ProvinceResult, Round, RulesVersion, Seat, SeatResult
from game.scenarios import Scenario
from game.services.scenarios import get_scenario

PLAYING = (Round.Status.OPEN, Round.Status.CLOSED)


def scenario_for(session: GameSession) -> Scenario:
    return get_scenario(session.scenario_id)


def current_round(session: GameSession) -> Round | None:
    return session.rounds.select_related("rules").order_by("-number").first()


def state_before(province: Province, round_no: int, session: GameSession) -> ProvinceState:
    if round_no > 1:
        previous = ProvinceResult.objects.filter(province=province, round__number=round_no - 1).first()
        if previous is not None:
            return state_from_data(previous.state_after)
    return initial_state(scenario_for(session).province, session.total_rounds)


def rules_info(version: RulesVersion, session: GameSession) -> dict[str, Any]:
    preset = scenario_for(session).presets.get(version.preset)
    return {
        "version": version.version,
        "preset": version.preset,
        "name": {"zh": preset.name_zh, "en": preset.name_en} if preset else None,
        "summary": {"zh": preset.summary_zh, "en": preset.summary_en} if preset else None,
        "params": version.rules,
        "changes": version.changes,
    }


def round_info(rnd: Round | None, session: GameSession) -> dict[str, Any] | None:
    if rnd is None:
        return None
    return {
        "number": rnd.number,
        "status": rnd.status,
        "deadline": rnd.deadline.isoformat() if rnd.deadline else None,
        "opened_at": rnd.opened_at.isoformat() if rnd.opened_at else None,
        "rules": rules_info(rnd.rules, session),
    }


def offer_info(session: GameSession, rnd: Round, state: ProvinceState) -> dict[str, Any]:
    scenario = scenario_for(session)
    offer = scenario.offers[rnd.number - 1]
    rules = rules_from_data(rnd.rules.rules)
    hosted = {c.city_id: c.hosted for c in state.cities}
    neighbours = {c.id: c.neighbours for c in scenario.province.cities}
    industrial = []
    for p in offer.industrial:
        duplicate_for = [
            c for c in hosted if p.sector in hosted[c] or any(p.sector in hosted.get(n, ()) for n in neighbours[c])
        ]
        industrial.append({**to_data(p), "duplicate_for": duplicate_for})
    joint = [{**to_data(p), "preview": joint_preview(p, rules, scenario.province)} for p in offer.joint]
    return {"industrial": industrial, "joint": joint}


def _public_result(pr: ProvinceResult, seat_results: list[dict], reveal: bool) -> dict[str, Any]:
    data = pr.data
    industrial = []
    for p in data["industrial"]:
        item = {k: p[k] for k in ("project_id", "winner", "winning_bid", "tied", "duplicate")}
        item["bids"] = p["bids"] if reveal else ({p["winner"]: p["winning_bid"]} if p["winner"] else {})
        industrial.append(item)
    return {
        "round": pr.round.number,
        "industrial": industrial,
        "joint": data["joint"],
        "pledges": data.get("pledges", []),
        "totals": data["totals"],
        "cities": [dict(r["data"], seat=r["seat_id"]) for r in seat_results],
    }


def _standings(rows: list[dict]) -> list[dict]:
    """Cumulative points per city with the place before the last scored round."""
    totals: dict[str, float] = {}
    before: dict[str, float] = {}
    last_rank: dict[str, int] = {}
    last = max((r["round__number"] for r in rows), default=0)
    for r in rows:
        city = r["seat__city_id"]
        totals[city] = totals.get(city, 0.0) + r["points"]
        if r["round__number"] < last:
            before[city] = before.get(city, 0.0) + r["points"]
        else:
            last_rank[city] = r["rank"]
    previous_order = [c for c, _ in sorted(before.items(), key=lambda kv: (-kv[1], kv[0]))]
    ordered = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        {"city": city, "points": round(points, 4), "place": place,
         "previous_place": previous_order.index(city) + 1 if city in previous_order else None,
         "last_rank": last_rank.get(city)}
        for place, (city, points) in enumerate(ordered, 1)
    ]


def province_payloads(session: GameSession, provinces: list[Province] | None = None) -> dict[int, dict[str, Any]]:
    """The public view of each province, loaded with a fixed number of queries however
    many provinces there are (this runs after every scoring, for every province)."""
    provinces = provinces if provinces is not None else list(session.provinces.all())
    ids = [p.id for p in provinces]
    scenario = scenario_for(session)
    rnd = current_round(session)
    info = session_info(session)
    rinfo = round_info(rnd, session)
    seats: dict[int, list[Seat]] = {}
    for seat in Seat.objects.filter(province_id__in=ids).order_by("position"):
        seats.setdefault(seat.province_id, []).append(seat)
    people: dict[int, list[str]] = {}
    for seat_id, name in (Participant.objects.filter(seat__province_id__in=ids, removed=False)
                          .order_by("joined_at", "id").values_list("seat_id", "display_name")):
        people.setdefault(seat_id, []).append(name)
    submitted = set(rnd.sheets.filter(seat__province_id__in=ids).values_list("seat_id", flat=True)) if rnd else set()
    scored = list(ProvinceResult.objects.filter(province_id__in=ids, round__status=Round.Status.SCORED)
                  .select_related("round__rules").order_by("round__number"))
    rows = list(SeatResult.objects.filter(seat__province_id__in=ids, round__status=Round.Status.SCORED)
                .values("seat_id", "seat__city_id", "seat__province_id", "round__number", "rank", "points"))
    last_no = max((pr.round.number for pr in scored), default=None)
    last_rows: dict[int, list[dict]] = {}
    if last_no is not None:
        for r in (SeatResult.objects.filter(seat__province_id__in=ids, round__number=last_no, round__session=session)
                  .order_by("rank", "seat_id").values("seat_id", "seat__province_id", "data")):
            last_rows.setdefault(r["seat__province_id"], []).append(r)
    round_no = rnd.number if rnd else 1
    initial = initial_state(scenario.province, session.total_rounds)
    out: dict[int, dict[str, Any]] = {}
    for province in provinces:
        mine = [pr for pr in scored if pr.province_id == province.id]
        before = next((pr for pr in mine if pr.round.number == round_no - 1), None)
        state = state_from_data(before.state_after) if before else initial
        last = None
        if mine:
            pr = mine[-1]
            last = _public_result(pr, last_rows.get(province.id, []),
                                  bool(pr.round.rules.rules.get("reveal_losing_bids")))
        out[province.id] = {
            "session": info,
            "province": {"id": province.id, "number": province.number},
            "round": rinfo,
            "cities": _cities(scenario, seats.get(province.id, []), state, people, submitted),
            "offer": offer_info(session, rnd, state) if rnd and rnd.status in PLAYING else None,
            "standings": _standings([r for r in rows if r["seat__province_id"] == province.id]),
            "history": [{"round": pr.round.number, **pr.data["totals"]} for pr in mine],
            "last_result": last,
        }
    return out


def _cities(scenario: Scenario, seats: list[Seat], state: ProvinceState, people: dict[int, list[str]],
            submitted: set[int]) -> list[dict]:
    states = {c.city_id: c for c in state.cities}
    out = []
    for seat in seats:
        city = scenario.province.city(seat.city_id)
        st = states[seat.city_id]
        out.append({
            "seat": seat.id,
            "city": seat.city_id,
            "name": {"zh": city.name_zh, "en": city.name_en},
            "regions": list(city.regions),
            "neighbours": list(city.neighbours),
            "bot": seat.bot_strategy or None,
            "players": people.get(seat.id, []),
            "submitted": seat.id in submitted,
            "gdp": round(st.gdp, 2),
            "budget": st.budget,
            "hosted": sorted(st.hosted),
        })
    return out


def province_public(province: Province, session: GameSession | None = None) -> dict[str, Any]:
    session = session or province.session
    return province_payloads(session, [province])[province.id]


def session_info(session: GameSession) -> dict[str, Any]:
    scenario = scenario_for(session)
    return {
        "id": session.id,
        "code": session.code,
        "title": session.title,
        "status": session.status,
        "scenario": {"id": scenario.id, "name": {"zh": scenario.name_zh, "en": scenario.name_en}},
        "total_rounds": session.total_rounds,
        "round_seconds": session.round_seconds,
        "schedule": session.schedule,
        "local_return": scenario.province.local_return,
        "server_time": timezone.now().isoformat(),
    }


def seat_sheet(seat: Seat, rnd: Round | None) -> dict[str, Any] | None:
    if rnd is None:
        return None
    sheet = rnd.sheets.filter(seat=seat).select_related("saved_by").first()
    if sheet is None:
        return None
    return {
        "round": rnd.number,
        "data": sheet.data,
        "version": sheet.version,
        "saved_at": sheet.saved_at.isoformat(),
        "saved_by": sheet.saved_by.display_name if sheet.saved_by else None,
    }


def student_snapshot(participant: Participant) -> dict[str, Any]:
    session = participant.session
    seat = participant.seat
    me: dict[str, Any] = {"participant": participant.id, "name": participant.display_name, "seat": None}
    if seat is None:
        return {"type": "snapshot", "me": me, "session": session_info(session), "province": None}
    rnd = current_round(session)
    me.update(seat=seat.id, city=seat.city_id, sheet=seat_sheet(seat, rnd))
    return {"type": "snapshot", "me": me, **province_public(seat.province, session)}


def projector_snapshot(session: GameSession, payloads: dict[int, dict] | None = None) -> dict[str, Any]:
    rnd = current_round(session)
    payloads = payloads if payloads is not None else province_payloads(session)
    return {
        "type": "snapshot",
        "session": session_info(session),
        "round": round_info(rnd, session),
        "provinces": list(payloads.values()),
        "lobby_count": session.participants.filter(removed=False).count(),
    }


def instructor_snapshot(session: GameSession, payloads: dict[int, dict] | None = None) -> dict[str, Any]:
    rnd = current_round(session)
    snapshot = projector_snapshot(session, payloads)
    sheets = {}
    if rnd is not None:
        sheets = {str(s.seat_id): {"data": s.data, "saved_at": s.saved_at.isoformat(), "version": s.version,
                                   "saved_by": s.saved_by.display_name if s.saved_by else None}
                  for s in rnd.sheets.select_related("saved_by")}
    roster = [
        {"id": p.id, "name": p.display_name, "seat": p.seat_id, "removed": p.removed,
         "province": p.seat.province.number if p.seat else None, "city": p.seat.city_id if p.seat else None}
        for p in session.participants.select_related("seat__province").order_by("joined_at", "id")
    ]
    snapshot.update(sheets=sheets, roster=roster, next_round=_next_round_plan(session, rnd))
    return snapshot


def _next_round_plan(session: GameSession, rnd: Round | None) -> dict[str, Any] | None:
    draft = session.rounds.filter(status=Round.Status.DRAFT).select_related("rules").order_by("number").first()
    if draft is None:
        return None
    return {"number": draft.number, "rules": rules_info(draft.rules, session)}
