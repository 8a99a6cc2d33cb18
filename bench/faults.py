"""Fault runs (not a test): Redis killed at random moments of open rounds, while a Celery
worker started as `make run` starts it (prefork, two processes, beat embedded) closes,
scores and plays the bots. Counts what survived.

  .venv/bin/python bench/faults.py [--rounds 6] [--kills 2] [--busy 0] [--db postgres|sqlite] [--seed 1]

Each round lasts 6 s; during it and the 4 s after its deadline, Redis (a private
redis-server, never the shared one) is killed with SIGKILL `--kills` times at random
moments, for 0.5-3 s each, and restarted empty. At the end, for every round: closed once,
scored once, one result per seat and province, every bot seat played; and whether the
worker lived through it all.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.live import pick_database  # noqa: E402
from tests.live.private_redis import PrivateRedis  # noqa: E402
from tests.live.waiting import wait_for  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--kills", type=int, default=2, help="Redis kills per round")
    parser.add_argument("--db", default="auto", choices=["auto", "postgres", "sqlite"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--busy", type=int, default=0,
                        help="tasks sent just before each kill (bots_play again: a no-op once the bots played), so "
                             "that messages are delivered but not yet acknowledged when the connection breaks")
    args = parser.parse_args()
    chance = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="faults-"))
    database_url, drop = pick_database(args.db)
    redis_server = PrivateRedis(tmp)
    redis_server.start()
    os.environ.update(DATABASE_URL=database_url, REDIS_URL=redis_server.url, DJANGO_SETTINGS_MODULE="config.settings",
                      SWEEP_SECONDS="1", CHANNEL_PREFIX="faults", CELERY_KEY_PREFIX="faults:")
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True)
    import django

    django.setup()
    from django.contrib.auth.models import User

    from game.models import Event, ProvinceResult, Round, Seat, SeatResult
    from game.services import rounds, sessions
    from game.tasks import bots_play

    log = open(tmp / "worker.log", "w")  # noqa: SIM115 - closed at the end
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-B", "--concurrency=2", "--loglevel=info",
         f"--schedule={tmp / 'beat'}"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    kills, results = 0, []
    try:
        teacher = User.objects.create_user(f"faults-{os.getpid()}", password="x")
        session = sessions.session_create(
            instructor=teacher, title="Faults", scenario_id="central-cluster", total_rounds=args.rounds,
            round_seconds=6, schedule="growth_tournament", fill_with_bots=True, bot_strategy="fair_share",
            auto_close=False, absent_rounds=0)  # Alice never connects: no stand-in bot for her seat
        sessions.participant_join(code=session.code, display_name="Alice")
        bots = Seat.objects.filter(province__session=session).exclude(bot_strategy="").count()
        seats = Seat.objects.filter(province__session=session).count()
        provinces = session.provinces.count()
        time.sleep(8)  # the worker's start
        for number in range(1, args.rounds + 1):
            assert wait_for(lambda: redis_up(redis_server), 10)
            rnd = rounds.round_open(session=session, user=teacher)
            moments = sorted(chance.uniform(0, 10) for _ in range(args.kills))
            started = time.monotonic()
            for moment in moments:
                time.sleep(max(0.0, started + moment - time.monotonic()))
                for _ in range(args.busy):
                    bots_play.delay(rnd.id)
                redis_server.blip(down_seconds=chance.uniform(0.5, 3))
                kills += 1
            scored = wait_for(lambda r=rnd: Round.objects.get(pk=r.pk).status == Round.Status.SCORED, 90)
            rnd.refresh_from_db()
            results.append({
                "round": number, "scored": scored,
                "closed_events": Event.objects.filter(session=session, kind="round_closed", data__round=number).count(),
                "scored_events": Event.objects.filter(session=session, kind="round_scored", data__round=number).count(),
                "seat_results": SeatResult.objects.filter(round=rnd).count(),
                "province_results": ProvinceResult.objects.filter(round=rnd).count(),
                "bot_sheets": rnd.sheets.filter(seat__bot_strategy__gt="").count(),
                "worker_alive": worker.poll() is None,
            })
            print(results[-1], flush=True)
            if worker.poll() is not None:
                break
    finally:
        worker.terminate()
        worker.wait(30)
        log.close()
        redis_server.kill()
        from django.db import connections

        connections.close_all()
        drop()
    good = [r for r in results if r["scored"] and r["closed_events"] == 1 and r["scored_events"] == 1
            and r["seat_results"] == seats and r["province_results"] == provinces and r["bot_sheets"] == bots]
    alive = all(r["worker_alive"] for r in results)
    print(f"\n{kills} Redis kills in {len(results)} rounds: {len(good)} rounds closed and scored exactly once with "
          f"every result and every bot's sheet; worker alive throughout: {alive}. Worker log: {tmp / 'worker.log'}")
    text = (tmp / "worker.log").read_text()
    print(f"connection losses that found an unacknowledged message (\"Restoring … unacknowledged\"): "
          f"{text.count('unacknowledged message')}; 'Unrecoverable error' in the worker log: "
          f"{text.count('Unrecoverable error')}")
    return 0 if len(good) == len(results) and alive else 1


def redis_up(server: PrivateRedis) -> bool:
    import redis

    try:
        return bool(redis.Redis(port=server.port, socket_connect_timeout=0.3).ping())
    except redis.RedisError:
        return False


if __name__ == "__main__":
    sys.exit(main())
