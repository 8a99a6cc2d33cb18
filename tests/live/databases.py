"""Databases for the processes tests and benchmarks start: the test database as a URL, or a
scratch database on the same server (the embedded PostgreSQL unless DATABASE_URL is set)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote


def url_for(settings: dict, name: str | None = None) -> str:
    """A Django database settings dict (or database `name` on its server) as a URL; a Unix
    socket directory is %-quoted as the host, as dj-database-url reads it back."""
    if settings["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{os.path.abspath(name or settings['NAME'])}"
    host = settings["HOST"] or "127.0.0.1"
    host = quote(host, safe="") if host.startswith("/") else host
    auth = quote(settings["USER"] or "", safe="") + (f":{quote(settings['PASSWORD'], safe='')}"
                                                     if settings["PASSWORD"] else "")
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{name or settings['NAME']}"


def default_server() -> dict:
    """The default database's settings, as config/settings.py would read them, with the
    embedded PostgreSQL started when DATABASE_URL is unset."""
    import dj_database_url

    from config import embedded_postgres, install

    if os.environ.get("DATABASE_URL"):
        return dj_database_url.parse(os.environ["DATABASE_URL"])
    embedded_postgres.start()
    return dj_database_url.parse(install.embedded_database_url())


@contextmanager
def scratch_database(label: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the default server for one test or benchmark,
    dropped afterwards (WITH FORCE: processes still connected must not keep it alive)."""
    import psycopg
    from psycopg import sql

    server = default_server()
    if not server["ENGINE"].endswith("postgresql"):
        raise RuntimeError(f"scratch databases need PostgreSQL, DATABASE_URL is {server['ENGINE']}")
    name = f"pc_{label}_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(url_for(server, "postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield url_for(server, name)
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
