"""Read-only views of a session, cut to what each audience may see (DESIGN §8).

Every payload here is plain JSON-ready data. Students get the public view of their
province plus their own seat's sheet; the projector gets the public view of every
province; only the instructor gets every sheet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from game.engine import ProvinceState, initial_state
from game.engine.preview import joint_preview
from game.engine.serialize import state_from_data, to_data
from game.models import GameSession, Participant, Province, ProvinceResult, Round, RulesVersion, Seat, SeatResult
from game.scenarios import Scenario
from game.services.presence import instructor_presence, presence_states, projector_presence
from game.services.province_rules import (
    engine_rules,
    province_version,
    shown_by_province,
    shown_numbers,
    version_for,
    version_id_for,
    versions_by_label,
    versions_by_province,
)
from game.services.reading import once
from game.services.scenarios import get_scenario
from game.services.treatment_compare import for_projector, treatment_comparison
from game.services.treatment_labels import has_treatments, results_hidden, schedule_of, treatment_labels

PLAYING = (Round.Status.OPEN, Round.Status.CLOSED)


def scenario_for(session: GameSession) -> Scenario:
    return get_scenario(session.scenario_id)


def province_seed(session: GameSession, province_number: int) -> int:
    """The seed of every draw of one province (scoring, bots): fixed for the whole game."""
    return session.seed * 1000 + province_number


def current_round(session: GameSession) -> Round | None:
    return once(("round", session.pk), lambda: session.rounds.select_related("rules").order_by("-number").first())


def viewer(participant_id: int) -> Participant:
    """The participant a student's views are built for, with seat, province and session."""
    return once(("viewer", participant_id),
                lambda: Participant.objects.select_related("seat__province", "session").get(pk=participant_id))


def state_before(province: Province, round_no: int, session: GameSession) -> ProvinceState:
    """The state a province starts round `round_no` from."""
    return states_before(session, [province], round_no)[province.id]


def states_before(session: GameSession, provinces: list[Province], round_no: int) -> dict[int, ProvinceState]:
    """state_before for many provinces in one query."""
    initial = initial_state(scenario_for(session).province, session.total_rounds)
    after = {}
    if round_no > 1:
        after = dict(ProvinceResult.objects.filter(province__in=provinces, round__number=round_no - 1,
                                                   round__session=session).values_list("province_id", "state_after"))
    return {p.id: state_from_data(after[p.id]) if p.id in after else initial for p in provinces}


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


# What a screen shown to everyone (the projector) says of the rules while each province
# plays its own treatment's and the instructor has not revealed which (docs/treatments.md).
SPLIT_RULES_NAME = {"zh": "各省按各自的规则进行", "en": "Each province plays its own rules"}


def _split_rules() -> dict[str, Any]:
    return {"version": None, "preset": "", "name": SPLIT_RULES_NAME, "summary": None, "params": {},
            "changes": [], "changed": False}


def round_info(rnd: Round | None, session: GameSession, label: str | None = None) -> dict[str, Any] | None:
    """The round with the rules `label`'s provinces play it under. In a session with
    treatments, label None (a screen for everyone) names no treatment's rules."""
    if rnd is None:
        return None
    if rnd.treatment_rules and label is None:
        rules = _split_rules()
    else:
        label = label or ""
        rules = rules_info(version_for(rnd, label) if rnd.treatment_rules else rnd.rules, session)
        if rnd.treatment_rules:  # the number this treatment's students know it by
            rules["version"] = shown_numbers(rnd, [label])[label]
        previous = (session.rounds.filter(number=rnd.number - 1).first() if rnd.number > 1 else None)
        previous_rules = version_id_for(previous, label) if previous is not None else None
        # A round that keeps the previous round's rules version changes nothing, even though
        # the version still records what changed when it was first introduced.
        rules["changed"] = bool(rules["changes"]) and previous_rules != version_id_for(rnd, label)
        if not rules["changed"]:
            rules["changes"] = []
    return {
        "number": rnd.number,
        "status": rnd.status,
        "deadline": rnd.deadline.isoformat() if rnd.deadline else None,
        "opened_at": rnd.opened_at.isoformat() if rnd.opened_at else None,
        "rules": rules,
    }


def offer_info(session: GameSession, rnd: Round, state: ProvinceState, label: str = "") -> dict[str, Any]:
    """The round's offer; its joint previews under the rules of treatment `label`."""
    scenario = scenario_for(session)
    offer = scenario.offers[rnd.number - 1]
    rules = engine_rules(version_id_for(rnd, label))
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


def _compact(value: Any) -> Any:
    """Floats to 4 decimals: the ranking goes to every student at once, and 0.2617801047120419
    costs a phone as much to parse as it costs the server to send; storage keeps them exact."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def as_table(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows of same-shaped dicts as {"table": columns, "rows": [[...]]}, nested dicts
    flattened one level ("points.rank_prize"). Each city's outcome repeats ~40 keys; sent to
    every student at once, the keys were half the ranking message. Clients expand it
    (static/js/socket.js, PC.expandTables; expand_table below for Python readers)."""
    flat = []
    for row in rows:
        item: dict[str, Any] = {}
        for key, value in row.items():
            if isinstance(value, dict) and value and all(not isinstance(v, dict) for v in value.values()) \
                    and key in TABLE_NESTED:
                for sub, v in value.items():
                    item[f"{key}.{sub}"] = v
            else:
                item[key] = value
        flat.append(item)
    columns = sorted({k for item in flat for k in item})
    return {"table": columns, "rows": [[item.get(c) for c in columns] for item in flat]}


TABLE_NESTED = frozenset({"points", "gdp_gain", "indicators", "normalised", "name"})


def expand_table(table: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for values in table["rows"]:
        row: dict[str, Any] = {}
        for column, value in zip(table["table"], values, strict=True):
            key, _, sub = column.partition(".")
            if sub:
                row.setdefault(key, {})[sub] = value
            else:
                row[key] = value
        rows.append(row)
    return rows


def expand_tables(value: Any) -> Any:
    """Every table inside a payload expanded (what static/js/socket.js does on receipt)."""
    if isinstance(value, list):
        return [expand_tables(v) for v in value]
    if isinstance(value, dict):
        if isinstance(value.get("table"), list) and isinstance(value.get("rows"), list):
            return expand_table(value)
        return {k: expand_tables(v) for k, v in value.items()}
    return value


# Never in the public table: the sum of a city's bids would show its losing bids (and with
# the bids revealed, each project lists them anyway); what a report hid stays the engine's;
# the rest no screen shows, and the ranking goes to every student at once.
NOT_PUBLIC = frozenset({"bids_placed", "collaboration_actual", "won", "enforced"})


def public_outcome(outcome: dict[str, Any], *, reporting: bool) -> dict[str, Any]:
    """A city's outcome as everyone may see it after scoring (DESIGN §8; docs/rules.md,
    "What is published"). A report's inflation stays the city's own until an audit
    catches it, and so does everything it could be computed from: with self-reporting on,
    the reported collaboration indicator, its scaled value and the composite are withheld
    (contributions to completed projects and the budget are public, so indicator × budget
    ÷ contributions − 1 would give the inflation), and an audit is public only when it
    caught an inflated report (one that found nothing would prove the report true)."""
    public = {k: v for k, v in outcome.items() if k not in NOT_PUBLIC}
    if not outcome.get("caught"):
        public["inflation_pct"] = None
        public["audited"] = False
        if reporting:
            public["indicators"] = {**outcome["indicators"], "collaboration": None}
            public["normalised"] = {**outcome["normalised"], "collaboration": None}
            public["composite"] = None
    return public


def private_outcome(outcome: dict[str, Any], round_number: int) -> dict[str, Any]:
    """What public_outcome withholds that the city's own seat may see: its own report."""
    return {"round": round_number, "collaboration": outcome["indicators"]["collaboration"],
            "inflation_pct": outcome["inflation_pct"], "audited": outcome["audited"]}


def public_cities(outcomes: list[dict[str, Any]], seat_ids: dict[str, int], *, reporting: bool) -> dict[str, Any]:
    """Every city's public outcome, rank order, compacted into one table (see as_table)."""
    return as_table([dict(_compact(public_outcome(c, reporting=reporting)), seat=seat_ids[c["city_id"]])
                     for c in outcomes])


def public_result(round_number: int, rules: RulesVersion, data: dict[str, Any], seat_results: list[dict],
                  reveal: bool, version: int | None = None) -> dict[str, Any]:
    """A scored round of one province as everyone may see it (DESIGN §8). `version`: the
    rules version number its students are told (province_rules.shown_numbers)."""
    industrial = []
    for p in data["industrial"]:
        item = {k: p[k] for k in ("project_id", "winner", "winning_bid", "duplicate")}
        item["bids"] = p["bids"] if reveal else ({p["winner"]: p["winning_bid"]} if p["winner"] else {})
        # Who tied with the winner would reveal their (losing) bids: only the fact of a tie.
        item["tied"] = p["tied"] if reveal else []
        item["tie"] = bool(p["tied"])
        industrial.append(item)
    return {
        "round": round_number,
        "industrial": industrial,
        "joint": _compact(data["joint"]),
        # How much enforcement added to a sheet would tell what the sheet said: left out. So
        # is the engine's name of the agreement ("a" + table id), whose gaps would count
        # everyone's proposals; the promise record names agreements by their public id.
        "pledges": [{k: v for k, v in p.items() if k not in ("enforced", "source_id")}
                    for p in data.get("pledges", [])],
        "totals": _compact(data["totals"]),
        "cities": data.get("public_cities") or as_table([
            dict(_compact(public_outcome(r["data"], reporting=bool(rules.rules.get("reporting")))), seat=r["seat_id"])
            for r in seat_results]),
        # The parameters of every round reach the page apart (student_page_data, `round`).
        "rules": {"version": rules.version if version is None else version, "preset": rules.preset},
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
    previous_place = _places(before)
    places = _places(totals)
    ordered = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        {"city": city, "points": round(points, 4), "place": places[city],
         "previous_place": previous_place.get(city),
         "last_rank": last_rank.get(city)}
        for city, points in ordered
    ]


def _places(points: dict[str, float]) -> dict[str, int]:
    """Standings places; cities level on points share the better place (1, 2, 2, 4)."""
    ordered = sorted(points.items(), key=lambda kv: (-kv[1], kv[0]))
    places: dict[str, int] = {}
    for n, (city, value) in enumerate(ordered, 1):
        if n > 1 and abs(ordered[n - 2][1] - value) <= 1e-9:
            places[city] = places[ordered[n - 2][0]]
        else:
            places[city] = n
    return places


@dataclass
class ProvinceFacts:
    """What the public views of provinces are built from: read from the database
    (province_facts), or, right after scoring, from the results still in memory
    (game/services/scored_view.py) so the ranking leaves without reading them back."""

    rnd: Round | None  # the session's current round
    seats: dict[int, list[Seat]]  # province id → its seats by position
    people: dict[int, list[tuple[int, str]]]  # seat id → (participant id, display name), in joining order
    submitted: set[int]  # seats with a sheet in `rnd`
    history: dict[int, list[dict]]  # province id → totals of each scored round, in order
    last: dict[int, dict]  # province id → public result of the last scored round
    starts: dict[int, ProvinceState]  # province id → the state `rnd` starts from
    points: list[dict]  # one row per seat and scored round (see _standings)


def province_payloads(session: GameSession, provinces: list[Province] | None = None) -> dict[int, dict[str, Any]]:
    """The public view of each province, loaded with a fixed number of queries however
    many provinces there are (this runs after most changes, for every province)."""
    provinces = provinces if provinces is not None else list(session.provinces.all())
    return assemble_payloads(session, provinces, province_facts(session, provinces))


def seats_by_province(seats) -> dict[int, list[Seat]]:
    out: dict[int, list[Seat]] = {}
    for seat in sorted(seats, key=lambda s: s.position):
        out.setdefault(seat.province_id, []).append(seat)
    return out


def people_by_seat(province_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    people: dict[int, list[tuple[int, str]]] = {}
    for seat_id, pid, name in (Participant.objects.filter(seat__province_id__in=province_ids, removed=False)
                               .order_by("joined_at", "id").values_list("seat_id", "id", "display_name")):
        people.setdefault(seat_id, []).append((pid, name))
    return people


POINT_FIELDS = ("seat_id", "seat__city_id", "seat__province_id", "round__number", "rank", "points")


def totals_history(province_ids: list[int], before: int | None = None) -> dict[int, list[dict]]:
    """Province id → totals of each scored round (before round `before`), in order. Only the
    totals: the big JSON of past rounds is not read again."""
    results = ProvinceResult.objects.filter(province_id__in=province_ids, round__status=Round.Status.SCORED)
    if before is not None:
        results = results.filter(round__number__lt=before)
    history: dict[int, list[dict]] = {}
    for pid, number, totals in (results.order_by("round__number")
                                .values_list("province_id", "round__number", "data__totals")):
        history.setdefault(pid, []).append({"round": number, **totals})
    return history


def scored_points(province_ids: list[int], before: int | None = None) -> list[dict]:
    """One row per seat and scored round (before round `before`), for _standings."""
    rows = SeatResult.objects.filter(seat__province_id__in=province_ids, round__status=Round.Status.SCORED)
    if before is not None:
        rows = rows.filter(round__number__lt=before)
    return list(rows.values(*POINT_FIELDS))


def province_facts(session: GameSession, provinces: list[Province]) -> ProvinceFacts:
    ids = [p.id for p in provinces]
    rnd = current_round(session)
    submitted = set(rnd.sheets.filter(seat__province_id__in=ids).values_list("seat_id", flat=True)) if rnd else set()
    # Only totals of earlier rounds, the full result of the last scored round, and the
    # state the current round starts from.
    scored_results = ProvinceResult.objects.filter(province_id__in=ids, round__status=Round.Status.SCORED)
    history = totals_history(ids)
    last_no = max((h[-1]["round"] for h in history.values()), default=None)
    round_no = rnd.number if rnd else 1
    lasts = {pr.province_id: pr for pr in scored_results.filter(round__number=last_no)
             .select_related("round__rules").defer("state_after")} if last_no else {}
    after = dict(ProvinceResult.objects.filter(province_id__in=ids, round__number=round_no - 1,
                                               round__session=session).values_list("province_id", "state_after"))
    last_rows: dict[int, list[dict]] = {}
    if last_no is not None and any("public_cities" not in pr.data for pr in lasts.values()):
        for r in (SeatResult.objects.filter(seat__province_id__in=ids, round__number=last_no, round__session=session)
                  .order_by("rank", "seat_id").values("seat_id", "seat__province_id", "data")):
            last_rows.setdefault(r["seat__province_id"], []).append(r)
    initial = initial_state(scenario_for(session).province, session.total_rounds)
    played = versions_by_province(next(iter(lasts.values())).round, provinces) if lasts else {}
    shown = shown_by_province(next(iter(lasts.values())).round, provinces, played) if lasts else {}
    return ProvinceFacts(
        rnd=rnd,
        seats=seats_by_province(Seat.objects.filter(province_id__in=ids)),
        people=people_by_seat(ids),
        submitted=submitted,
        history=history,
        last={pid: public_result(pr.round.number, played[pid], pr.data, last_rows.get(pid, []),
                                 bool(played[pid].rules.get("reveal_losing_bids")), shown[pid])
              for pid, pr in lasts.items()},
        starts={pid: state_from_data(after[pid]) if pid in after else initial for pid in ids},
        points=scored_points(ids),
    )


def assemble_payloads(session: GameSession, provinces: list[Province], facts: ProvinceFacts) -> dict[int, dict]:
    scenario = scenario_for(session)
    rnd = facts.rnd
    info = session_info(session)
    split = bool(rnd and rnd.treatment_rules)
    # Per treatment: each province is told its own rules and schedule, nothing of the others'.
    infos: dict[str, tuple[dict, dict | None]] = {}
    points: dict[int, list[dict]] = {}
    for row in facts.points:
        points.setdefault(row["seat__province_id"], []).append(row)
    out: dict[int, dict[str, Any]] = {}
    for province in provinces:
        label = province.treatment if split else ""
        if label not in infos:
            infos[label] = ({**info, "schedule": schedule_of(session, label)} if split else info,
                            round_info(rnd, session, label))
        state = facts.starts[province.id]
        out[province.id] = {
            "session": infos[label][0],
            "province": {"id": province.id, "number": province.number},
            "round": infos[label][1],
            "cities": as_table(_cities(scenario, facts.seats.get(province.id, []), state, facts.people,
                                       facts.submitted)),
            "offer": offer_info(session, rnd, state, label) if rnd and rnd.status in PLAYING else None,
            "standings": as_table(_standings(points.get(province.id, []))),
            "history": facts.history.get(province.id, []),
            "last_result": facts.last.get(province.id),
        }
    return out


def _cities(scenario: Scenario, seats: list[Seat], state: ProvinceState, people: dict[int, list[tuple[int, str]]],
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
            "neighbours": list(city.neighbours),
            "bot": seat.bot_strategy or None,
            "players": [name for _pid, name in people.get(seat.id, [])],
            # A student finds their own name by id: a rename must not lose the "(you)".
            "player_ids": [pid for pid, _name in people.get(seat.id, [])],
            "stand_in": seat.stand_in,
            "submitted": seat.id in submitted,
            "gdp": round(st.gdp, 2),
            "budget": st.budget,
            "hosted": sorted(st.hosted),
        })
    return out


def province_public(province: Province, session: GameSession | None = None) -> dict[str, Any]:
    session = session or province.session
    return province_payloads(session, [province])[province.id]


# What an instructor changes while a class plays: read again for every view.
LIVE_SESSION_FIELDS = ("status", "joining_locked", "paused_at", "treatments_revealed")


def session_info(session: GameSession) -> dict[str, Any]:
    """`server_time` stamps the view: it is taken before the live fields are read, so a view
    stamped later never shows an older state. Views are built by several processes (web,
    worker, beat) and can arrive out of order; screens drop one older than what they show
    (PC.outOfOrder in static/js/socket.js). The caller's `session` may have been loaded
    long ago (a consumer holds it from connect), hence the fresh read."""
    stamp = timezone.now().isoformat()
    live = GameSession.objects.filter(pk=session.pk).values(*LIVE_SESSION_FIELDS).first()
    if live is not None:
        for field, value in live.items():
            setattr(session, field, value)
    scenario = scenario_for(session)
    return {
        "id": session.id,
        "code": session.code,
        "title": session.title,
        "status": session.status,
        "joining_locked": session.joining_locked,
        "scenario": {"id": scenario.id, "name": {"zh": scenario.name_zh, "en": scenario.name_en}},
        "total_rounds": session.total_rounds,
        "round_seconds": session.round_seconds,
        "students_per_seat": session.students_per_seat,
        "schedule": session.schedule,
        "local_return": scenario.province.local_return,
        "server_time": stamp,
        # While paused every clock stands still at deadline − paused_at (housekeeping.py).
        "paused_at": session.paused_at.isoformat() if session.paused_at else None,
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


def seat_private(seat: Seat) -> dict[str, Any] | None:
    """The seat's own report in the last scored round, when that round's rules withheld it
    from everyone else (see public_outcome)."""
    last = (SeatResult.objects.filter(seat=seat, round__status=Round.Status.SCORED).select_related("round__rules")
            .order_by("-round__number").first())
    if last is None or not province_version(last.round, seat.province).rules.get("reporting"):
        return None
    return private_outcome(last.data, last.round.number)


def student_snapshot(participant: Participant) -> dict[str, Any]:
    session = participant.session
    seat = participant.seat
    me: dict[str, Any] = {"participant": participant.id, "name": participant.display_name, "seat": None}
    if seat is None:
        return {"type": "snapshot", "me": me, "session": session_info(session), "province": None}
    rnd = current_round(session)
    me.update(seat=seat.id, city=seat.city_id, sheet=seat_sheet(seat, rnd), private=seat_private(seat))
    return {"type": "snapshot", "me": me, **province_public(seat.province, session)}


# What the projector keeps of a city before the reveal: who sits there and whether they
# saved. GDP, budget and hosted projects after a round follow the province's rules.
_NEUTRAL_CITY = ("seat", "city", "name", "neighbours", "bot", "players", "player_ids", "stand_in", "submitted")


def for_everyone(session: GameSession, payloads: dict[int, dict]) -> dict[int, dict]:
    """The province views as a screen everyone sees (the projector) may show them: with
    treatments not yet revealed, only what follows no rules (the cities' names, players and
    saves); without treatments or after the reveal, the views themselves."""
    if not results_hidden(session):
        return payloads
    out = {}
    for pid, payload in payloads.items():
        out[pid] = {"session": {**payload["session"], "schedule": []},
                    "province": payload["province"],
                    "round": payload["round"] and {**payload["round"], "rules": _split_rules()},
                    "cities": as_table([{k: v for k, v in c.items() if k in _NEUTRAL_CITY}
                                        for c in expand_table(payload["cities"])]),
                    "offer": None, "standings": as_table([]), "history": [], "last_result": None}
    return out


def hidden_headline(session: GameSession, payloads: dict[int, dict]) -> dict[str, Any] | None:
    """Before the reveal, the projector's one number of the last scored round: joint
    projects completed over every province (a total says nothing of who plays what)."""
    if not results_hidden(session):
        return None
    lasts = [p["last_result"] for p in payloads.values() if p.get("last_result")]
    if not lasts:
        return None
    number = max(last["round"] for last in lasts)
    lasts = [last for last in lasts if last["round"] == number]
    return {"round": number, "joint_completed": sum(last["totals"].get("joint_completed") or 0 for last in lasts),
            "joint_offered": sum(last["totals"].get("joint_offered") or 0 for last in lasts)}


def projector_snapshot(session: GameSession, payloads: dict[int, dict] | None = None) -> dict[str, Any]:
    rnd = current_round(session)
    payloads = payloads if payloads is not None else province_payloads(session)
    info = session_info(session)
    return {
        "type": "snapshot",
        "session": {**info, "schedule": []} if has_treatments(session) else info,
        "round": round_info(rnd, session),
        "provinces": list(for_everyone(session, payloads).values()),
        "lobby_count": session.participants.filter(removed=False).count(),
        "presence": projector_presence(presence_states(session)),
        # The treatments side by side, as the class may see them (after session_info above
        # has read whether they are revealed yet); None without treatments.
        "comparison": for_projector(treatment_comparison(session)),
        # Before the reveal: the headline total only, in place of the provinces' results.
        "hidden_results": hidden_headline(session, payloads),
    }


def instructor_snapshot(session: GameSession, payloads: dict[int, dict] | None = None,
                        projector: dict[str, Any] | None = None) -> dict[str, Any]:
    """`projector`: the projector's snapshot of the same moment, when already built."""
    rnd = current_round(session)
    if payloads is None and has_treatments(session):
        payloads = province_payloads(session)  # kept whole for the instructor, below
    snapshot = dict(projector) if projector is not None else projector_snapshot(session, payloads)
    sheets = {}
    if rnd is not None:
        sheets = {str(s.seat_id): {"data": s.data, "saved_at": s.saved_at.isoformat(), "version": s.version,
                                   "saved_by": s.saved_by.display_name if s.saved_by else None}
                  for s in rnd.sheets.select_related("saved_by")}
    roster = [
        {"id": p["id"], "name": p["display_name"], "seat": p["seat_id"], "removed": p["removed"],
         "province": p["seat__province__number"], "city": p["seat__city_id"],
         # Only the instructor sees it, to read it to a student who lost their card.
         "return_code": p["return_code"]}
        for p in session.participants.order_by("joined_at", "id").values(
            "id", "display_name", "seat_id", "removed", "seat__province__number", "seat__city_id", "return_code")
    ]
    snapshot.pop("hidden_results", None)  # the instructor sees every province's results
    snapshot.update(sheets=sheets, roster=roster, next_round=_next_round_plan(session, rnd),
                    presence=instructor_presence(presence_states(session)),
                    treatments=_treatment_plan(session, rnd),
                    comparison=treatment_comparison(session))
    if payloads is not None and has_treatments(session):
        snapshot["provinces"] = list(payloads.values())  # the instructor sees every province's own rules
    return snapshot


def _treatment_plan(session: GameSession, rnd: Round | None) -> dict[str, Any] | None:
    """Only the instructor's: which province plays which treatment, and whether the
    assignment may still change (before the first round opens)."""
    labels = treatment_labels(session)
    if not labels:
        return None
    return {"labels": labels, "schedules": {t["label"]: t["schedule"] for t in session.treatments},
            "provinces": {str(pid): label for pid, label in session.provinces.values_list("id", "treatment")},
            "revealed": session.treatments_revealed,
            "assignable": session.status == GameSession.Status.LOBBY and (rnd is None or rnd.number == 1
                                                                           and rnd.status == Round.Status.DRAFT)}


def _next_round_plan(session: GameSession, rnd: Round | None) -> dict[str, Any] | None:
    draft = session.rounds.filter(status=Round.Status.DRAFT).select_related("rules").order_by("number").first()
    if draft is None:
        return None
    plan = {"number": draft.number, "rules": rules_info(draft.rules, session)}
    if draft.treatment_rules:
        versions = versions_by_label(draft)
        plan["treatments"] = {label: rules_info(versions[label], session) for label in treatment_labels(session)
                              if label in versions}
    return plan


def student_page_data(participant: Participant) -> dict:
    """Facts the page needs beside the live snapshot: every project's name (the last
    result names projects by id only, and the offer is gone once a round is scored),
    this seat's points in each scored round (the snapshot has only the totals), and the
    rules version of each round (to explain a scored round with *its* weights, and to
    tell whether the rules really changed since the previous round)."""
    scenario = scenario_for(participant.session)
    projects = {}
    for number, offer in enumerate(scenario.offers, 1):
        for p in offer.industrial:
            projects[p.id] = {"round": number, "kind": "industrial", "name": {"zh": p.name_zh, "en": p.name_en},
                              "sector": p.sector, "value": p.value, "reserve": p.reserve}
        for j in offer.joint:
            projects[j.id] = {"round": number, "kind": "joint", "name": {"zh": j.name_zh, "en": j.name_en},
                              "type": j.type, "threshold": j.threshold, "host": j.host, "members": list(j.members)}
    points = []
    if participant.seat_id is not None:
        points = [
            {"round": r.round.number, "city": r.seat.city_id, "points": r.points, "rank": r.rank}
            for r in SeatResult.objects.filter(seat_id=participant.seat_id, round__status=Round.Status.SCORED)
            .select_related("round", "seat").order_by("round__number")
        ]
    label = participant.seat.province.treatment if participant.seat_id is not None else ""
    played = list(participant.session.rounds.select_related("rules").order_by("number"))
    # The rules of this student's own treatment only (docs/treatments.md).
    own = {v.id: v for v in RulesVersion.objects.filter(pk__in={version_id_for(r, label) for r in played})}
    # Numbered among this treatment's own versions (province_rules.shown_numbers).
    numbers = {vid: n for n, vid in enumerate(dict.fromkeys(version_id_for(r, label) for r in played), 1)}
    rounds = []
    for r in played:
        version = own[version_id_for(r, label)]
        number = numbers[version.id] if r.treatment_rules else version.version
        rounds.append({"number": r.number, "status": r.status, "version": number, "preset": version.preset,
                       "params": version.rules})
    return {"projects": projects, "points": points, "rounds": rounds}
