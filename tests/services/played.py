"""Sessions played to the end for the export, replay and debrief tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.core.management import call_command

from game.models import GameSession


def demo(**options) -> GameSession:
    """manage.py demo_session with these options; the session it played."""
    args = []
    for key, value in options.items():
        args += [f"--{key}", str(value)]
    out = io.StringIO()
    call_command("demo_session", *args, stdout=out)
    return GameSession.objects.get(code=out.getvalue().strip())


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no UTF-8 byte-order mark"
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows
