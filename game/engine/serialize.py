"""Engine data to and from plain JSON-ready data (pure; the shell stores it)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import UnionType
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

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


class DataError(ValueError):
    """Untrusted data that does not fit an engine type; `path` says where."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


def from_data(cls: type[T], data: Any, path: str = "") -> T:
    """Build an engine dataclass from untrusted plain data (the inverse of to_data),
    strictly: a missing field without a default, an unknown field or a value of the
    wrong type raises DataError naming the path (`cities[3].gdp`). A field added to an
    engine type later, with a default, reads older data as that default."""
    return _read(cls, data, path)


T = TypeVar("T")


def _read(kind: Any, value: Any, path: str) -> Any:
    origin, args = get_origin(kind), get_args(kind)
    if dataclasses.is_dataclass(kind):
        return _read_dataclass(kind, value, path)
    if kind is Any:
        return value
    if origin is Literal:
        if value not in args:
            raise DataError(path, f"must be one of {', '.join(map(str, args))}, got {value!r}")
        return value
    if origin in (Union, UnionType):
        if value is None and type(None) in args:
            return None
        others = [a for a in args if a is not type(None)]
        return _read(others[0], value, path)
    if kind is bool:
        if not isinstance(value, bool):
            raise DataError(path, f"must be true or false, got {value!r}")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise DataError(path, f"must be a whole number, got {value!r}")
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DataError(path, f"must be a number, got {value!r}")
        return float(value)
    if kind is str:
        if not isinstance(value, str):
            raise DataError(path, f"must be text, got {value!r}")
        return value
    if origin in (tuple, frozenset, list):
        if not isinstance(value, list):
            raise DataError(path, "must be a list")
        item = args[0] if args else Any
        items = [_read(item, v, f"{path}[{n}]") for n, v in enumerate(value)]
        return frozenset(items) if origin is frozenset else tuple(items)
    if origin in (Mapping, dict) or kind is dict:
        if not isinstance(value, dict):
            raise DataError(path, "must be an object")
        item = args[1] if len(args) == 2 else Any
        return {str(k): _read(item, v, f"{path}.{k}") for k, v in value.items()}
    raise DataError(path, f"cannot read a {kind!r}")  # pragma: no cover - engine types only


def _read_dataclass(cls: Any, value: Any, path: str) -> Any:
    if not isinstance(value, dict):
        raise DataError(path, "must be an object")
    hints = get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in value:
        if key not in fields:
            raise DataError(f"{path}.{key}" if path else key, "unknown field")
    values = {}
    for name, f in fields.items():
        where = f"{path}.{name}" if path else name
        if name not in value:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise DataError(where, "missing")
            continue
        values[name] = _read(hints[name], value[name], where)
    return cls(**values)
