"""The parse layer for untrusted JSON from sockets and forms: one place that turns any
text into plain data or a refusal with a stable code, never an exception a transport
did not expect (a 5,000-digit number, NaN, 7,000 nested arrays, invalid UTF-8)."""

from __future__ import annotations

import json
import re
from typing import Any

from config.limits import MAX_JSON_DEPTH


class BadJSON(ValueError):
    """Refused input; `code` is "too_large", "bad_json" or "too_deep"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number in JSON")


# One decoder: json.loads with a hook builds a new one per call, which cost more than parsing
# a save message.
_DECODER = json.JSONDecoder(parse_constant=_no_constant)
_SPACE = re.compile(r"[ \t\n\r]*")


def _skip_space(string: str, at: int) -> int:
    return _SPACE.match(string, at).end()  # type: ignore[union-attr]


def load_json(text: str | bytes, *, max_bytes: int, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse `text`; BadJSON when over `max_bytes`, not strict JSON (NaN and Infinity are
    refused: Python accepts them, browsers never send them), or nested deeper than
    `max_depth` arrays and objects."""
    try:
        raw = text.encode() if isinstance(text, str) else text
        string = text if isinstance(text, str) else text.decode()
    except UnicodeError:  # a lone surrogate, or bytes that are not UTF-8
        raise BadJSON("bad_json") from None
    if len(raw) > max_bytes:
        raise BadJSON("too_large")
    try:
        value, end = _DECODER.raw_decode(string, _skip_space(string, 0))
    except RecursionError:  # thousands of nested arrays: the C parser gives up
        raise BadJSON("too_deep") from None
    except ValueError:  # includes Python's integer digit limit
        raise BadJSON("bad_json") from None
    if _skip_space(string, end) != len(string):
        raise BadJSON("bad_json")  # text after the value
    # Only a message with more brackets than the limit can be too deep; the walk is
    # iterative (a recursive one would fail where the parser did not).
    if raw.count(b"[") + raw.count(b"{") > max_depth and _parsed_depth(value) > max_depth:
        raise BadJSON("too_deep")
    # "\ud800" is valid JSON but decodes to a lone surrogate, which no reply, page or
    # database text can encode later: refuse it here.
    if _SURROGATE_ESCAPE.search(raw) and not _encodable(value):
        raise BadJSON("bad_json")
    return value


def _parsed_depth(value: Any) -> int:
    """How deeply arrays and objects nest in parsed JSON, without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _encodable(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode()
            except UnicodeEncodeError:
                return False
    return True


def echo_id(value: Any) -> str | int | None:
    """A client's request id as it may be echoed back: short text or a plain integer."""
    if isinstance(value, str) and len(value) <= 64:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**53:
        return value
    return None
