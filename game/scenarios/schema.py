"""Small typed readers for untrusted YAML: each problem is recorded with the file and
the path inside it (`projects[3].members[1]: unknown city 'taiyuan2'`), never raised as
a traceback."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

_MISSING = object()
# Larger than any figure a game holds, small enough for float() and the engine's arithmetic.
MAX_MAGNITUDE = 10**15


@dataclass(frozen=True)
class Issue:
    """One problem with a stable `code` and its `params`, so a shell can translate it
    (game/services/problems.py); `message` is the plain English text."""

    path: str
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)


class Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []
        self.issues: list[Issue] = []

    def fail(self, path: str, message: str, code: str = "invalid", **params: Any) -> None:
        self.problems.append(f"{self.source}: {path}: {message}" if path else f"{self.source}: {message}")
        self.issues.append(Issue(path, code, message, params))

    def get(self, obj: Any, key: str, path: str, default: Any = _MISSING) -> Any:
        where = f"{path}.{key}" if path else key
        if not isinstance(obj, dict):
            return None if default is _MISSING else default
        if key not in obj:
            if default is _MISSING:
                self.fail(where, "missing", "missing")
                return None
            return default
        if obj[key] is None and default is _MISSING:
            # `gdp:` with nothing after it: the typed readers take None as "already reported".
            self.fail(where, "is empty", "missing")
            return None
        return obj[key]

    def mapping(self, obj: Any, key: str, path: str, default: Any = _MISSING) -> dict:
        value = self.get(obj, key, path, default)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(_join(path, key), f"must be a mapping, got {_kind(value)}", "not_mapping")
            return {}
        return value

    def seq(self, obj: Any, key: str, path: str, default: Any = _MISSING, min_len: int = 0,
            max_len: int | None = None) -> list:
        value = self.get(obj, key, path, default)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(_join(path, key), f"must be a list, got {_kind(value)}", "not_list")
            return []
        if len(value) < min_len:
            self.fail(_join(path, key), f"needs at least {min_len} entries, has {len(value)}", "too_few",
                      min=min_len)
        if max_len is not None and len(value) > max_len:
            self.fail(_join(path, key), f"has {len(value)} entries, at most {max_len} are allowed", "too_many",
                      max=max_len)
            return value[:max_len]
        return value

    def text(self, obj: Any, key: str, path: str, default: Any = _MISSING) -> str:
        value = self.get(obj, key, path, default)
        if value is None:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(_join(path, key), f"must be non-empty text, got {_kind(value)}", "not_text")
            return ""
        return value

    def number(
        self,
        obj: Any,
        key: str,
        path: str,
        default: Any = _MISSING,
        *,
        lo: float | None = None,
        hi: float | None = None,
        whole: bool = False,
        decimals: int | None = None,
        least_above_zero: float | None = None,
    ) -> float:
        value = self.get(obj, key, path, default)
        where = _join(path, key)
        if value is None and default is _MISSING:
            return 0
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(where, f"must be a {'whole ' if whole else ''}number, got {_kind(value)}", "not_number")
            return 0
        if isinstance(value, float) and not math.isfinite(value):  # YAML .nan / .inf, Python's NaN
            self.fail(where, f"must be a finite number, got {value}", "not_finite")
            return 0
        if abs(value) > MAX_MAGNITUDE:  # float() of a 400-digit int raises OverflowError
            if value > 0:
                self.fail(where, f"must be at most {hi if hi is not None else MAX_MAGNITUDE}", "too_big",
                          max=hi if hi is not None else MAX_MAGNITUDE)
            else:
                self.fail(where, f"must be at least {lo if lo is not None else -MAX_MAGNITUDE}", "too_small",
                          min=lo if lo is not None else -MAX_MAGNITUDE)
            return 0
        if whole and not (isinstance(value, int) or float(value).is_integer()):
            self.fail(where, f"must be a whole number, got {value}", "not_whole")
            return 0
        if lo is not None and value < lo:
            self.fail(where, f"must be at least {lo}, got {value}", "too_small", min=lo)
        if hi is not None and value > hi:
            self.fail(where, f"must be at most {hi}, got {value}", "too_big", max=hi)
        self.precision(value, where, decimals=decimals, least_above_zero=least_above_zero)
        return int(value) if whole else float(value)

    def precision(self, value: float, where: str, *, decimals: int | None,
                  least_above_zero: float | None = None) -> bool:
        """Refuse a number too close to 0 to mean anything (0 itself is fine) or written
        with more decimal places than `decimals` (5e-324 has 324)."""
        if least_above_zero is not None and 0 < value < least_above_zero:
            self.fail(where, f"must be 0 or at least {least_above_zero}, got {value!r}", "near_zero",
                      min=least_above_zero)
            return False
        if decimals is not None and decimal_places(value) > decimals:
            self.fail(where, f"may have at most {decimals} decimal places, got {value!r}", "too_precise",
                      decimals=decimals)
            return False
        return True

    def flag(self, obj: Any, key: str, path: str, default: bool) -> bool:
        value = self.get(obj, key, path, default)
        if not isinstance(value, bool):
            self.fail(_join(path, key), f"must be true or false, got {_kind(value)}", "not_flag")
            return default
        return value

    def choice(self, obj: Any, key: str, path: str, options: tuple[str, ...], default: Any = _MISSING) -> str:
        value = self.get(obj, key, path, default)
        if not isinstance(value, str) or value not in options:
            self.fail(_join(path, key), f"must be one of {', '.join(options)}, got {value!r}", "not_choice",
                      options=", ".join(options))
            return options[0]
        return value

    def names(self, obj: Any, key: str, path: str) -> tuple[str, str]:
        value = self.mapping(obj, key, path)
        where = _join(path, key)
        return self.text(value, "zh", where), self.text(value, "en", where)


def decimal_places(value: float) -> int:
    """Decimal places of a number as written in its shortest exact form: 0.125 → 3,
    1e-300 → 300, 20.0 → 0."""
    exponent = Decimal(repr(value)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


MAX_COUNT_DIGITS = 6  # no game has a million rounds or seats; callers compare the total with theirs


def parse_counted(text: str, known: Iterable[str], *, what: str, unit: str, empty: str) -> list[tuple[str, int | None]]:
    """`a:3,b:2` (or `a`) → [(name, count or None)], names checked against `known`, counts
    whole and ≥ 1. Shared by rule schedules (rounds) and bot mixes (seats). Callers add the
    counts up and compare them with what the game has BEFORE expanding them: `[name] * count`
    with a count of 1,000,000,000 asked for 8 GB."""
    known = list(known)
    parts = [p.strip() for p in str(text).split(",") if p.strip()]
    if not parts:
        raise ValueError(empty)
    out: list[tuple[str, int | None]] = []
    for part in parts:
        name, colon, count = part.partition(":")
        name = name.strip()
        if name not in known:
            raise ValueError(f"unknown {what} '{name}' (known: {', '.join(sorted(known))})")
        if colon:
            if not re.fullmatch(r"[0-9]+", count.strip()) or int(count[:12]) < 1:
                raise ValueError(f"'{part[:60]}': the number of {unit} must be a whole number ≥ 1")
            if len(count.strip()) > MAX_COUNT_DIGITS:  # before int(): 5,000 digits is past Python's limit
                raise ValueError(f"'{part[:60]}': {count.strip()[:20]}… {unit} is more than any game has")
            out.append((name, int(count)))
        else:
            out.append((name, None))
    return out
