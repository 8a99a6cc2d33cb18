"""CPU per save, by phase, in one process (not a test): what bench/live.py's "CPU during
the saves" is made of, without websockets or other processes in the way, so that a loaded
shared machine still gives comparable figures (CPU time, not wall time).

  .venv/bin/python bench/save_cost.py [--students 300] [--profile]

On a scratch database of the default server (the embedded PostgreSQL), a `shanxi` session
with N students and an open round; each student saves once, as the socket's handler does
it (Channels closes stale connections before and after each call, so with the default
settings every save opens its own database connection), then each saves again (a second
save of the round: an update, not an insert). The notices a save sends go to a channel
layer that drops them (the relay is bench/live.py's part). Prints the CPU per save of this
process and of the embedded PostgreSQL (backends included), and with --profile where the
saving thread's CPU goes. `DB_POOL_SIZE=10` measures it with the web server's pool.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    from tests.live.databases import scratch_database

    with scratch_database("savecost") as url:
        os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="config.settings", DEBUG="false",
                          SECRET_KEY=secrets.token_urlsafe(40))
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True)
        import django

        django.setup()
        from django.conf import settings

        settings.CHANNEL_LAYERS = {"default": {"BACKEND": "bench.save_cost.DropLayer"}}
        run(args.students, args.profile)
    return 0


class DropLayer:
    """A channel layer that accepts every message and delivers none."""

    extensions: list[str] = []

    def __init__(self, **kwargs) -> None:
        pass

    async def group_send(self, group: str, message: dict) -> None:
        return None

    async def send(self, channel: str, message: dict) -> None:
        return None


def run(n: int, profile: bool) -> None:
    from django.contrib.auth.models import User
    from django.db import close_old_connections

    from game.services import broadcast, rounds, sessions

    teacher, _ = User.objects.get_or_create(username="bench-teacher")
    session = sessions.session_create(instructor=teacher, title="save cost", scenario_id="shanxi", total_rounds=2,
                                      round_seconds=3600, schedule="growth_tournament", max_provinces=100,
                                      bot_strategy="best_response", auto_close=False)
    students = [sessions.participant_join(code=session.code, display_name=f"s{i}") for i in range(n)]
    rounds.round_open(session=session, user=teacher)
    # As in the server: notices are handed to a running event loop (broadcast._run).
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    broadcast._server_loop = loop

    def save(student) -> None:
        close_old_connections()  # as channels.db.database_sync_to_async does around each call
        try:
            rounds.sheet_save(participant=student, round_number=1, data={"bids": {}})
        finally:
            close_old_connections()

    from bench.live import _embedded_postmaster

    postmaster = _embedded_postmaster()

    def postgres_cpu() -> float:
        if postmaster is None:
            return 0.0
        return sum(postmaster.cpu_times()[:4]) + sum(sum(p.cpu_times()[:2]) for p in postmaster.children()
                                                     if p.is_running())

    for label in ("first saves", "second saves"):
        pg_started = postgres_cpu()
        profiler = cProfile.Profile(time.thread_time)  # CPU of the saving thread, not waits
        times = []
        process_started = time.process_time()
        for student in students:
            if profile:
                profiler.enable()
            started = time.thread_time()
            save(student)
            times.append(time.thread_time() - started)
            if profile:
                profiler.disable()
        time.sleep(0.5)  # the loop sends what is left
        process = time.process_time() - process_started
        print(f"{label}: {n} saves; CPU per save: {process / n * 1000:.2f} ms for the process (saving thread "
              f"median {statistics.median(times) * 1000:.2f} ms), PostgreSQL "
              f"{(postgres_cpu() - pg_started) / n * 1000:.2f} ms", flush=True)
        if profile:
            print("  cumulative time per save of the main steps (thread CPU under the profiler, so inflated):")
            stats = pstats.Stats(profiler)
            rows = sorted(((ct, f"{Path(file).name}:{name}") for (file, _l, name), (_c, _n, _t, ct, _r)
                           in stats.stats.items() if "site-packages/django/db" in file or "/game/" in file
                           or "psycopg" in file or "channels" in file or "asgiref" in file),
                          reverse=True)
            for ct, where in rows[:30]:
                print(f"    {ct / n * 1000:6.3f} ms  {where}")


if __name__ == "__main__":
    sys.exit(main())
