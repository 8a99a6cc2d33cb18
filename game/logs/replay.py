"""Re-score every round of every province of a log.json with the engine and compare each
outcome with the recorded one (DESIGN §9). Pure: text in, a report out.

A log that cannot be read (bad JSON, a missing field, an unknown schema version, rounds
or provinces out of order) raises LogError with one line naming what is wrong; a log that
reads but does not re-score to what it records gives the first Difference."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from game.engine import Agreement, AssignedTask, Province, ProvinceState, RoundOffer, Rules, score_round
from game.engine.serialize import DataError, from_data, to_data
from game.engine.validate import sheets_to_score

SCHEMA = 1


class LogError(ValueError):
    """The log is malformed; the message is one line naming what is wrong."""


@dataclass(frozen=True, slots=True)
class Difference:
    round: int
    province: int
    city: str  # "" for a province-level figure
    field: str
    recorded: Any
    recomputed: Any

    def line(self) -> str:
        where = f"round {self.round}, province {self.province}" + (f", city {self.city}" if self.city else "")
        return (f"DIFFERENCE at {where}, field {self.field}: recorded {_show(self.recorded)}, "
                f"recomputed {_show(self.recomputed)}")


@dataclass(frozen=True, slots=True)
class Report:
    rounds: int  # scored rounds re-scored
    provinces: int
    difference: Difference | None

    @property
    def ok(self) -> bool:
        return self.difference is None

    def line(self) -> str:
        return self.difference.line() if self.difference else f"OK: {self.rounds} rounds, {self.provinces} provinces"


_MISSING = object()


def _show(value: Any) -> str:
    return "(absent)" if value is _MISSING else json.dumps(value, ensure_ascii=False)


def parse(text: str | bytes) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise LogError(f"not valid JSON (is the file complete?): {exc}") from None
    if not isinstance(data, dict):
        raise LogError("not a log: the document must be a JSON object")
    return data


def _get(obj: Any, key: str, path: str, kind: type | tuple[type, ...]) -> Any:
    where = f"{path}.{key}" if path else key
    if not isinstance(obj, dict) or key not in obj:
        raise LogError(f"{where}: missing")
    value = obj[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
        raise LogError(f"{where}: wrong type ({type(value).__name__})")
    return value


def _read(cls: type, value: Any, path: str) -> Any:
    try:
        return from_data(cls, value, path)
    except DataError as exc:
        raise LogError(str(exc)) from None


def replay(log: Mapping[str, Any]) -> Report:
    schema = log.get("schema", _MISSING)
    if schema is _MISSING:
        raise LogError("schema: missing (is this a log.json from export_session?)")
    if schema != SCHEMA:
        raise LogError(f"schema: unknown version {schema!r} (this program reads version {SCHEMA})")
    province = _read(Province, _get(_get(log, "scenario", "", dict), "province", "scenario", dict), "scenario.province")
    numbers = [_get(p, "number", f"provinces[{n}]", int) for n, p in enumerate(_get(log, "provinces", "", list))]
    treatments = _treatments(log)
    states: dict[int, ProvinceState] = {}
    scored = 0
    for r, rnd in enumerate(_get(log, "rounds", "", list)):
        path = f"rounds[{r}]"
        number = _get(rnd, "number", path, int)
        if number != r + 1:
            raise LogError(f"{path}.number: round {number} where round {r + 1} was expected (rounds out of order)")
        offer = _read(RoundOffer, _get(rnd, "offer", path, dict), f"{path}.offer")
        entries = _get(rnd, "provinces", path, list)
        got = [_get(p, "province", f"{path}.provinces[{n}]", int) for n, p in enumerate(entries)]
        if got != numbers:
            raise LogError(f"{path}.provinces: provinces {got} where {numbers} were expected")
        any_result = False
        if treatments:
            difference = _same_rules_per_treatment(number, entries, treatments, path)
            if difference is not None:
                return Report(scored, len(numbers), difference)
        for n, entry in enumerate(entries):
            difference, has_result = _province(province, number, offer, entry, f"{path}.provinces[{n}]", states)
            if difference is not None:
                return Report(scored, len(numbers), difference)
            any_result |= has_result
        scored += any_result
    return Report(scored, len(numbers), None)


def _treatments(log: Mapping[str, Any]) -> dict[int, str]:
    """Province number → treatment label, for a log of a session with treatments ({}
    otherwise). Every province must name one of the session's treatments."""
    session = _get(log, "session", "", dict)
    if "treatments" not in session:
        return {}
    defined = [_get(t, "label", f"session.treatments[{n}]", str)
               for n, t in enumerate(_get(session, "treatments", "session", list))]
    out = {}
    for n, p in enumerate(log["provinces"]):
        label = _get(p, "treatment", f"provinces[{n}]", str)
        if label not in defined:
            raise LogError(f"provinces[{n}].treatment: '{label}' is not one of the session's treatments {defined}")
        out[p["number"]] = label
    return out


def _same_rules_per_treatment(number: int, entries: list, treatments: dict[int, str],
                              path: str) -> Difference | None:
    """Each province played its own treatment's rules: the provinces of one treatment
    played one round under the same rules, and each entry names its province's treatment."""
    first: dict[str, Any] = {}
    for n, entry in enumerate(entries):
        pnum = entry["province"]
        label = _get(entry, "treatment", f"{path}.provinces[{n}]", str)
        if label != treatments[pnum]:
            return Difference(number, pnum, "", "treatment", label, treatments[pnum])
        rules = _get(entry, "rules", f"{path}.provinces[{n}]", dict)
        if label in first and first[label] != rules:
            return Difference(number, pnum, "", f"rules (treatment {label})", rules, first[label])
        first.setdefault(label, rules)
    return None


def _province(province: Province, number: int, offer: RoundOffer, entry: dict, path: str,
              states: dict[int, ProvinceState]) -> tuple[Difference | None, bool]:
    pnum = entry["province"]
    rules = _read(Rules, _get(entry, "rules", path, dict), f"{path}.rules")
    recorded_before = _get(entry, "state_before", path, dict)
    state = states.get(pnum) or _read(ProvinceState, recorded_before, f"{path}.state_before")
    difference = _compare(recorded_before, to_data(state), "state_before", number, pnum, path=f"{path}.state_before")
    if difference is not None:
        return difference, False
    sheets = _get(entry, "sheets", path, dict)
    agreements = [_read(Agreement, a, f"{path}.agreements[{k}]") for k, a in
                  enumerate(_get(entry, "agreements", path, list))]
    tasks = [_read(AssignedTask, t, f"{path}.tasks[{k}]") for k, t in enumerate(_get(entry, "tasks", path, list))]
    seed = _get(entry, "seed", path, int)
    recorded = _get(entry, "result", path, (dict, type(None)))
    if recorded is None:
        return None, False
    try:
        result = score_round(province, state, rules, offer, sheets_to_score(province, state, rules, offer, sheets),
                             agreements=agreements, tasks=tasks, seed=seed)
    except (ValueError, KeyError) as exc:
        raise LogError(f"{path}: the engine cannot score it: {exc}") from None
    states[pnum] = result.next_state
    return _compare(recorded, to_data(result), "", number, pnum, path=f"{path}.result"), True


# Lists of records are matched by their id, so a difference names the city or project.
_KEYS = ("city_id", "project_id")


def _compare(recorded: Any, recomputed: Any, field: str, rnd: int, province: int, city: str = "",
             path: str = "") -> Difference | None:
    if isinstance(recomputed, dict):
        if not isinstance(recorded, dict):
            return Difference(rnd, province, city, field or "result", recorded, recomputed)
        for key, value in recomputed.items():
            if key not in recorded:
                raise LogError(f"{path}.{key}: missing")
            found = _compare(recorded[key], value, f"{field}.{key}" if field else key, rnd, province, city,
                             f"{path}.{key}")
            if found:
                return found
        for key in recorded:
            if key not in recomputed:
                return Difference(rnd, province, city, f"{field}.{key}" if field else key, recorded[key], _MISSING)
        return None
    if isinstance(recomputed, list) and recomputed and all(isinstance(v, dict) for v in recomputed):
        # Only a key that names each record once (pending pay-outs repeat a city: positional).
        key = next((k for k in _KEYS if all(k in v for v in recomputed)
                    and len({v[k] for v in recomputed}) == len(recomputed)), None)
        if key is not None and isinstance(recorded, list):
            by_id = {v.get(key): v for v in recorded if isinstance(v, dict)}
            for item in recomputed:
                ident = item[key]
                here = ident if key == "city_id" else city
                # A city's own figures are named without the list: "points.rank_prize",
                # "next_state.gdp"; a project's with its id: "joint[rail].completed".
                inner = field.removesuffix("cities").rstrip(".") if key == "city_id" else f"{field}[{ident}]"
                if ident not in by_id:
                    return Difference(rnd, province, here, inner or field, _MISSING, item)
                found = _compare(by_id[ident], item, inner, rnd, province, here, f"{path}[{ident}]")
                if found:
                    return found
            if len(by_id) != len(recomputed):
                return Difference(rnd, province, city, f"{field} (count)", len(recorded), len(recomputed))
            return None
    if isinstance(recomputed, list):
        if not isinstance(recorded, list) or len(recorded) != len(recomputed):
            return Difference(rnd, province, city, field, recorded, recomputed)
        for n, (a, b) in enumerate(zip(recorded, recomputed, strict=True)):
            found = _compare(a, b, f"{field}[{n}]", rnd, province, city, f"{path}[{n}]")
            if found:
                return found
        return None
    if recorded != recomputed or isinstance(recorded, bool) != isinstance(recomputed, bool):
        return Difference(rnd, province, city, field, recorded, recomputed)
    return None
