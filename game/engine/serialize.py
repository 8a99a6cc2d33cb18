"""Engine data to and from plain JSON-ready data (pure; the shell stores it)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from game.engine.types import CityState, Payout, ProvinceState, Rules, Weights


def to_data(obj: Any) -> Any:
    """Dataclasses → dicts, mappings → dicts, tuples/frozensets → lists (sets sorted)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, frozenset | set):
        return sorted(to_data(v) for v in obj)
    if isinstance(obj, list | tuple):
        return [to_data(v) for v in obj]
    return obj


def rules_from_data(data: Mapping[str, Any]) -> Rules:
    """Trusted data only (written by to_data); untrusted rules go through the scenario
    loader's validating reader."""
    values = dict(data)
    values["weights"] = Weights(**values.get("weights", {}))
    values["prizes"] = tuple(values.get("prizes", Rules().prizes))
    return Rules(**values)


def state_from_data(data: Mapping[str, Any]) -> ProvinceState:
    return ProvinceState(
        round_no=data["round_no"],
        total_rounds=data["total_rounds"],
        cities=tuple(
            CityState(c["city_id"], c["gdp"], c["budget"], frozenset(c.get("hosted", ()))) for c in data["cities"]
        ),
        pending=tuple(Payout(**p) for p in data.get("pending", ())),
    )
