"""One reading: while a socket's views are built (the game's snapshot, then each
coordination part's state), what every part reads first (the viewer, the current round)
is read once and shared. Outside a reading every call goes to the database, as before.

Connecting a class is ~30 statements per socket; the parts read the same participant
three times and the current round four times.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_reading: ContextVar[dict[Hashable, Any] | None] = ContextVar("one_reading", default=None)


@contextmanager
def one_reading() -> Iterator[None]:
    token = _reading.set({})
    try:
        yield
    finally:
        _reading.reset(token)


def once(key: Hashable, read: Callable[[], T]) -> T:
    """`read()`, or within a reading the value it gave the first time for `key`."""
    memo = _reading.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]
