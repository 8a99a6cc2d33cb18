"""One log.json of a short demo session, made once per test module."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command


def make_log(django_db_blocker, **options) -> str:
    from django.contrib.auth import get_user_model

    from game.services.exports import export_to_dir
    from tests.services.played import demo

    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(username="instructor", password="pw-instructor-1")
        try:
            session = demo(**options)
            with tempfile.TemporaryDirectory() as folder:
                export_to_dir(session=session, directory=Path(folder), fmt="json")
                return (Path(folder) / "log.json").read_text(encoding="utf-8")
        finally:  # leave the database as the other tests expect it: empty
            from game.models import GameSession, Round

            Round.objects.filter(session__instructor=user).delete()  # rounds protect their rules versions
            GameSession.objects.filter(instructor=user).delete()
            user.delete()


def run_replay(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("replay", str(path), stdout=out, stderr=err)
    return exited.value.code, out.getvalue().strip(), err.getvalue().strip()
