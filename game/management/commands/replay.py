"""python manage.py replay log.json — re-score a session from its log and compare.

Exit status: 0 every outcome reproduced; 1 a difference (the first is printed);
2 the log cannot be read (one line says what is wrong)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from game.logs.replay import LogError, parse, replay


class Command(BaseCommand):
    help = "Re-score every round of every province of a log.json and compare with the recorded outcomes."

    def add_arguments(self, parser):
        parser.add_argument("log", help="a log.json written by export_session or the panel's download")

    def handle(self, *args, log: str, **opts):
        try:
            with open(log, "rb") as f:
                report = replay(parse(f.read()))
        except OSError as exc:
            self._refuse(f"cannot read {log}: {exc.strerror}")
        except LogError as exc:
            self._refuse(f"{log}: {exc}")
        self.stdout.write(report.line())
        sys.exit(0 if report.ok else 1)

    def _refuse(self, line: str) -> None:
        self.stderr.write(f"ERROR: {line}")
        sys.exit(2)
