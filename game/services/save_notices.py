"""What a save tells the other screens, gathered for a moment and sent as one message per
screen: a class saving near the deadline would otherwise cost one message per save to
every student of the province, the projector and the panel.

A committed save adds itself here (this process's buffer). The first save of an empty
buffer schedules a flush DELAY_SECONDS later on the event loop that sends this process's
broadcasts; the saves committed until then travel in the same messages:

- `submitted` → each province that had a first save: the seats, never a sheet's contents
  (which seat has saved is public within the province and on the projector, DESIGN §8);
- `submitted` → the projector: the same seats, every province in one message;
- `sheets` → the instructor's panel: the latest saved sheet of each seat (the instructor
  sees every sheet).

The seat's own group still gets its `sheet` at once (rounds._announce_sheet): teammates
and the student's other tabs see a conflicting save without waiting for a batch.

Like every broadcast these are at-most-once (a process that dies with notices pending
loses them); screens heal from their snapshot. The acknowledgement of a save never
waits for them: it is sent once the save commits.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from game.services import broadcast

DELAY_SECONDS = 0.25  # how late a province and the panel may learn of a save
# A flush this late, or scheduled on a loop that has stopped since (a server shutting
# down, a test's loop), was lost: the next save schedules another rather than wait behind
# it forever.
LOST_AFTER_SECONDS = 2.0


@dataclass
class _Round:
    """Pending notices of one round of one session."""

    provinces: dict[int, list[int]] = field(default_factory=dict)  # province → seats that saved first
    sheets: dict[int, dict[str, Any]] = field(default_factory=dict)  # seat → its latest sheet payload


_lock = threading.Lock()
_pending: dict[tuple[int, int], _Round] = {}  # (session id, round number) → notices; a buffer, not game state
_due: float | None = None  # when the scheduled flush should run (time.monotonic), None when none is
_loop: Any = None  # the event loop it was scheduled on


def sheet_saved(*, session_id: int, round_number: int, province_id: int, seat_id: int, first_save: bool,
                sheet: dict[str, Any]) -> None:
    """Note a committed save (call after commit). `sheet` is the panel's view of it."""
    global _due, _loop
    with _lock:
        now = time.monotonic()
        lost = _loop is not None and not _loop.is_running()
        schedule = _due is None or now > _due + LOST_AFTER_SECONDS or lost
        if schedule:
            _due, _loop = now + DELAY_SECONDS, None
        notices = _pending.setdefault((session_id, round_number), _Round())
        if first_save:
            notices.provinces.setdefault(province_id, []).append(seat_id)
        known = notices.sheets.get(seat_id)
        if known is None or known["version"] < sheet["version"]:
            notices.sheets[seat_id] = sheet
    if not schedule:
        return
    loop = broadcast.send_later(DELAY_SECONDS, take_messages)
    if loop is None:
        broadcast.send_encoded_now(take_messages())  # no loop in this process sends later: send now
        return
    with _lock:
        if _due is not None and _loop is None:
            _loop = loop


def take_messages() -> list[tuple[str, str]]:
    """Empty the buffer into encoded (group, message) pairs, each encoded once."""
    global _pending, _due, _loop
    with _lock:
        taken, _pending, _due, _loop = _pending, {}, None, None
    out = []
    for (session_id, number), notices in taken.items():
        for province_id, seats in notices.provinces.items():
            out.append((broadcast.province_group(province_id),
                        {"type": "submitted", "round": number, "province": province_id, "seats": seats}))
        if notices.provinces:
            every = [seat for seats in notices.provinces.values() for seat in seats]
            out.append((broadcast.projector_group(session_id), {"type": "submitted", "round": number, "seats": every}))
        out.append((broadcast.instructor_group(session_id),
                    {"type": "sheets", "round": number, "sheets": list(notices.sheets.values())}))
    return [(group, broadcast.encode(payload)) for group, payload in out]
