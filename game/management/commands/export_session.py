"""python manage.py export_session CODE --out DIR [--format csv|json|both] [--anonymise]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from game.models import GameSession
from game.services.exports import FORMATS, export_to_dir


class Command(BaseCommand):
    help = "Write a session's round logs (CSV tables, README.txt, log.json) into a directory."

    def add_arguments(self, parser):
        parser.add_argument("code", help="the session's join code")
        parser.add_argument("--out", required=True, help="directory to write into (created if missing)")
        parser.add_argument("--format", default="both", choices=FORMATS)
        parser.add_argument("--anonymise", action="store_true",
                            help="replace names with pseudonyms, leave chat text out")

    def handle(self, *args, code: str, out: str, format: str, anonymise: bool, **opts):
        session = GameSession.objects.filter(code=code.strip().upper()).first()
        if session is None:
            raise CommandError(f"no session has the code '{code}'", returncode=2)
        directory = Path(out)
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"--out: '{out}' exists and is not a directory", returncode=2)
        written = export_to_dir(session=session, directory=directory, fmt=format, anonymise=anonymise)
        self.stdout.write(f"{session.code}: wrote {', '.join(written)} to {directory}")
