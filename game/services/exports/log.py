"""log.json (schema 1): everything needed to score a session again, written round by
round as it is read (see docs/architecture.md, "Exported logs")."""

from __future__ import annotations

import io
import json
from typing import Any, BinaryIO

from coordination.selectors import round_commitments
from game.engine.serialize import to_data
from game.models import ProvinceResult, Round, SeatResult, Sheet
from game.services.exports.context import ExportContext

SCHEMA = 1


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_log(raw: BinaryIO, ctx: ExportContext) -> None:
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    s = ctx.session
    head = {
        "schema": SCHEMA,
        "exported_at": ctx.exported_at.isoformat(),
        "session": {"code": s.code, "title": s.title, "scenario_id": s.scenario_id, "total_rounds": s.total_rounds,
                    "schedule": s.schedule, "seed": s.seed, "status": s.status},
        "scenario": {"id": ctx.scenario.id, "name": {"zh": ctx.scenario.name_zh, "en": ctx.scenario.name_en},
                     "province": to_data(ctx.scenario.province)},
        "provinces": [{"number": number, "seats": {seat.city_id: seat.id for seat in seats},
                       **({"treatment": ctx.treatment(number)} if ctx.treatments else {})}
                      for number, seats in sorted(ctx.seats_by_province().items())],
    }
    if ctx.treatments:  # each province's rules per round are in its round entries
        head["session"]["treatments"] = s.treatments
    out.write(_dump(head)[:-1])
    out.write(',"rounds":[')
    initial = to_data(ctx.initial_state())
    states = {number: initial for number in ctx.seats_by_province()}
    for n, rnd in enumerate(ctx.played_rounds()):
        if n:
            out.write(",")
        states = _write_round(out, ctx, rnd, states)
    out.write("]}\n")
    out.flush()
    out.detach()


def _write_round(out: io.TextIOWrapper, ctx: ExportContext, rnd: Round, states: dict) -> dict:
    """One round, one province at a time; returns the states the next round starts from
    (engine data as stored: copied, never rebuilt)."""
    by_seat = {seat.id: seat for seat in ctx.seats.values()}
    sheets: dict[int, dict[str, Any]] = {}
    for seat_id, data in Sheet.objects.filter(round=rnd).values_list("seat_id", "data"):
        seat = by_seat[seat_id]
        sheets.setdefault(seat.province, {})[seat.city_id] = data
    scored = rnd.status == Round.Status.SCORED
    results = dict(ProvinceResult.objects.filter(round=rnd).values_list("province__number", "data")) if scored else {}
    after = ctx.raw_states_after(rnd) if scored else {}
    outcomes: dict[int, list] = {}
    if scored:
        for seat_id, data in (SeatResult.objects.filter(round=rnd)
                              .order_by("seat__province__number", "seat__position").values_list("seat_id", "data")):
            outcomes.setdefault(by_seat[seat_id].province, []).append(data)
    numbers = {pid: number for pid, number in ctx.provinces.items()}
    # What scoring passed to the engine: the signed agreements and the assigned tasks.
    commitments = {numbers[pid]: pair for pid, pair in round_commitments(rnd).items()}
    out.write(_dump({"number": rnd.number, "status": rnd.status, "offer": to_data(ctx.offer(rnd))})[:-1])
    out.write(',"provinces":[')
    for n, number in enumerate(sorted(states)):
        if n:
            out.write(",")
        result = None
        if scored:
            data = results[number]
            result = {"round_no": data["round_no"], "seed": data["seed"], "cities": outcomes[number],
                      "industrial": data["industrial"], "joint": data["joint"], "pledges": data["pledges"],
                      "totals": data["totals"], "next_state": after[number]}
        rules_version = ctx.version(rnd, number)
        agreements, tasks = commitments.get(number, ((), ()))
        out.write(_dump({
            "province": number,
            **({"treatment": ctx.treatment(number)} if ctx.treatments else {}),
            "seed": ctx.seed(number),
            "rules": ctx.rules_data(rnd, number),
            "rules_version": rules_version.version,
            "preset": rules_version.preset,
            "state_before": states[number],
            "sheets": sheets.get(number, {}),
            "agreements": to_data(agreements),
            "tasks": to_data(tasks),
            "result": result,
        }))
    out.write("]}")
    return after if scored else states
