"""Checks a city's sheet against its budget, the round's offer and the rules.

Every problem is returned (not just the first) with a stable code and parameters, so
the shell can translate the message; `message` is the plain English text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.engine.types import MAX_INFLATION_PCT, City, CityState, Province, ProvinceState, RoundOffer, Rules, Sheet


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    field: str  # e.g. "bids.ind-3", "contributions.rail", "inflation_pct", "sheet"
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_sheet(
    sheet: Sheet, *, city: City, state: CityState, offer: RoundOffer, rules: Rules
) -> list[Problem]:
    problems: list[Problem] = []
    if sheet.city_id != city.id:
        problems.append(
            Problem(
                "wrong_city",
                "sheet",
                f"This sheet belongs to {sheet.city_id}, not {city.id}.",
                {"sheet_city": sheet.city_id, "city": city.id},
            )
        )
    industrial = offer.industrial_ids()
    joint = offer.joint_by_id()
    total = 0
    for project_id, amount in sheet.bids.items():
        where = f"bids.{project_id}"
        if project_id not in industrial:
            problems.append(
                Problem(
                    "unknown_project",
                    where,
                    f"There is no industrial project '{project_id}' this round.",
                    {"project": project_id},
                )
            )
        total += _amount(amount, where, problems)
    for project_id, amount in sheet.contributions.items():
        where = f"contributions.{project_id}"
        project = joint.get(project_id)
        if project is None:
            problems.append(
                Problem(
                    "unknown_project",
                    where,
                    f"There is no joint project '{project_id}' this round.",
                    {"project": project_id},
                )
            )
        elif city.id not in project.members and amount != 0:
            problems.append(
                Problem(
                    "not_member",
                    where,
                    f"{city.id} is not a member of joint project '{project_id}'.",
                    {"project": project_id, "city": city.id},
                )
            )
        total += _amount(amount, where, problems)
    if total > state.budget:
        problems.append(
            Problem(
                "over_budget",
                "sheet",
                f"Bids and contributions total {total}, more than the budget of {state.budget}.",
                {"total": total, "budget": state.budget},
            )
        )
    inflation = sheet.inflation_pct
    if not _is_whole(inflation):
        problems.append(
            Problem(
                "not_a_number",
                "inflation_pct",
                "The report inflation must be a whole percentage.",
                {"value": repr(inflation)},
            )
        )
    elif not 0 <= inflation <= MAX_INFLATION_PCT:
        problems.append(
            Problem(
                "inflation_range",
                "inflation_pct",
                f"The report inflation must be between 0 and {MAX_INFLATION_PCT} %.",
                {"value": inflation, "max": MAX_INFLATION_PCT},
            )
        )
    elif inflation and not rules.reporting:
        problems.append(
            Problem(
                "reporting_off",
                "inflation_pct",
                "These rules do not use collaboration reports, so nothing can be inflated.",
                {},
            )
        )
    return problems


def _amount(amount: Any, where: str, problems: list[Problem]) -> int:
    if not _is_whole(amount):
        problems.append(
            Problem("not_a_number", where, "Amounts must be whole units.", {"value": repr(amount)})
        )
        return 0
    if amount < 0:
        problems.append(Problem("negative", where, "Amounts cannot be negative.", {"value": amount}))
        return 0
    return amount


def parse_sheet(city_id: str, raw: Any) -> tuple[Sheet | None, list[Problem]]:
    """Build a Sheet from untrusted JSON-like data ({"bids": {...}, "contributions": {...},
    "inflation_pct": n}); strings holding whole numbers are accepted, anything else is a
    problem."""
    problems: list[Problem] = []
    if not isinstance(raw, Mapping):
        return None, [
            Problem("malformed", "sheet", "A sheet must be an object with bids and contributions.", {})
        ]
    unknown = set(raw) - {"bids", "contributions", "inflation_pct"}
    for key in sorted(unknown):
        problems.append(Problem("unknown_field", str(key), f"Unknown field '{key}'.", {"field": str(key)}))
    parts: dict[str, dict[str, int]] = {}
    for part in ("bids", "contributions"):
        value = raw.get(part, {})
        if not isinstance(value, Mapping):
            problems.append(
                Problem("malformed", part, f"'{part}' must map project ids to amounts.", {"part": part})
            )
            value = {}
        parts[part] = {}
        for key, amount in value.items():
            number = _to_int(amount)
            if number is None:
                problems.append(
                    Problem(
                        "not_a_number",
                        f"{part}.{key}",
                        "Amounts must be whole units.",
                        {"value": repr(amount)},
                    )
                )
            else:
                parts[part][str(key)] = number
    inflation = _to_int(raw.get("inflation_pct", 0))
    if inflation is None:
        problems.append(
            Problem(
                "not_a_number",
                "inflation_pct",
                "The report inflation must be a whole percentage.",
                {"value": repr(raw.get("inflation_pct"))},
            )
        )
    if problems:
        return None, problems
    return Sheet(city_id, parts["bids"], parts["contributions"], inflation or 0), []


def parsable_part(raw: Any) -> dict[str, Any]:
    """The entries of untrusted sheet data that do parse (the others dropped), so a sheet
    refused for a non-number can still be checked for every other problem."""
    if not isinstance(raw, Mapping):
        return {}
    out: dict[str, Any] = {}
    for part in ("bids", "contributions"):
        value = raw.get(part, {})
        if isinstance(value, Mapping):
            out[part] = {str(k): n for k, v in value.items() if (n := _to_int(v)) is not None}
    inflation = _to_int(raw.get("inflation_pct", 0))
    if inflation is not None:
        out["inflation_pct"] = inflation
    return out


MAX_AMOUNT_DIGITS = 18


# ASCII digits only, nothing around them (docs/protocol.md §5): str.isdecimal and int()
# also take "５", "٣" and " 5 ", which no sheet form sends and a log reader would not expect.
# Kept short: int() refuses strings over Python's 4,300-digit limit with ValueError, and no
# budget comes near 18 digits. A leading minus parses, so the validator can say "negative".
_AMOUNT_TEXT = re.compile(rf"-?[0-9]{{1,{MAX_AMOUNT_DIGITS}}}", re.ASCII)


def _to_int(value: Any) -> int | None:
    if _is_whole(value):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _AMOUNT_TEXT.fullmatch(value):
        return int(value)
    return None


def sheets_to_score(
    province: Province,
    state: ProvinceState,
    rules: Rules,
    offer: RoundOffer,
    saved: Mapping[str, Any],
) -> dict[str, Sheet]:
    """The sheets a round is scored with, from the saved data of each city: a sheet that
    does not parse or is not valid against the state the round started from is ignored
    (that city invests locally). The live scoring and the replay of a log both use it."""
    sheets: dict[str, Sheet] = {}
    for city_id, data in saved.items():
        sheet, problems = parse_sheet(city_id, data)
        if sheet is None or problems:
            continue
        try:
            city, city_state = province.city(city_id), state.city(city_id)
        except KeyError:
            continue
        if not validate_sheet(sheet, city=city, state=city_state, offer=offer, rules=rules):
            sheets[city_id] = sheet
    return sheets
