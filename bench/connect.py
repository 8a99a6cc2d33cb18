"""Connecting only (not a test): the first phase of bench/live.py, alone and quick, to
compare changes to what a socket does when it opens. Real uvicorn (2 processes, as make
run), real Redis and PostgreSQL, N students in separate client processes.

  .venv/bin/python bench/connect.py [--clients 300] [--py-spy FILE]

Prints the time until every student has its snapshot, the CPU seconds of each part while
connecting, and the server's memory per connected student (RSS growth of the uvicorn
processes over N, measured 1 s after the last snapshot).
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.live import REDIS_DB, Clients, CpuMeter, end_profile, pick_database, rss  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--uvicorn", default="", help="extra uvicorn options")
    parser.add_argument("--py-spy", default="", metavar="FILE", help="profile the server while connecting")
    args = parser.parse_args()
    database_url, drop_database = pick_database("default")
    base = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
    redis_url = f"{base}/{REDIS_DB}"
    os.environ.update(DATABASE_URL=database_url, REDIS_URL=redis_url, DJANGO_SETTINGS_MODULE="config.settings",
                      DEBUG="false", SECRET_KEY=secrets.token_urlsafe(40), ALLOWED_HOSTS="127.0.0.1,localhost")
    subprocess.run([str(ROOT / "scripts" / "ensure_redis.sh")], check=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True)
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    from game.consumers import session_key
    from game.services import rounds, sessions
    from tests.live.servers import free_port, start_server, stop

    logs = Path(tempfile.mkdtemp(prefix="pc-connect-"))
    port = free_port()
    server = start_server(dict(os.environ, PYTHONUNBUFFERED="1"), port, logs / "server.log",
                          ("--workers", str(args.workers), *args.uvicorn.split()))
    clients = None
    try:
        teacher, _ = User.objects.get_or_create(username="bench-teacher")
        session = sessions.session_create(instructor=teacher, title="connect", scenario_id="shanxi", total_rounds=3,
                                          round_seconds=3600, schedule="growth_tournament", max_provinces=100,
                                          auto_close=False)
        cookies = []
        for i in range(args.clients):
            participant = sessions.participant_join(code=session.code, display_name=f"s{i}")
            store = SessionStore()
            store[session_key(session.code)] = participant.token
            store.save()
            cookies.append(store.session_key)
        rounds.round_open(session=session, user=teacher)  # the snapshot of a class in a round
        cookie_file = logs / "cookies.txt"
        cookie_file.write_text("\n".join(cookies))
        time.sleep(1)
        before = rss(server.pid)
        clients = Clients(args.client_processes)
        cpu = CpuMeter(server.pid, server.pid, clients.pids)
        spy = None
        if args.py_spy:
            spy = subprocess.Popen([str(Path(sys.executable).parent / "py-spy"), "record", "-p", str(server.pid),
                                    "-r", "200", "--subprocesses", "-f", "raw", "-o", args.py_spy],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)
        cpu.start()
        connected = clients.connect(f"ws://127.0.0.1:{port}/ws/play/{session.code}/", cookie_file)
        used = cpu.report().replace("worker", "(server again)")
        end_profile(spy)
        time.sleep(1)
        after = rss(server.pid)
        print(f"connect: {connected['connected']} sockets in {connected['seconds']} s; {used}; server RSS "
              f"{before / 2**20:.0f} → {after / 2**20:.0f} MiB, {(after - before) / args.clients / 1024:.0f} KiB"
              f" per client; load average {os.getloadavg()[0]:.1f}", flush=True)
        clients.ask("close")
    finally:
        if clients is not None:
            clients.stop()
        stop(server)
        drop_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
