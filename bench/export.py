"""Export and replay speed (not a test): .venv/bin/python bench/export.py [--provinces 50]
[--rounds 10] [--repeat 3] [--fresh]

1. Makes (once, then reuses) a P-province × R-round shanxi session played to the end by
   bots with `manage.py demo_session`, in its own database: DATABASE_URL if set, else the
   database `pc_bench_export` on the embedded PostgreSQL `make run` uses (kept between runs).
2. Times, each in a fresh process and `--repeat` times: `export_session --format both`
   (CSV + README + log.json into a directory), the panel's zip (`export_zip`), and
   `replay log.json`; reports the median wall time (process start included) and the peak
   RSS of each process (os.wait4).
Target (issue #10): export and replay each ≤ 10 s, memory bounded.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
MANAGE = str(ROOT / "manage.py")
STATE = ROOT / ".run" / "bench-export.json"

ZIP_CHILD = """
import django, os, sys, time
django.setup()
from game.models import GameSession
from game.services.exports import export_zip
f = export_zip(session=GameSession.objects.get(code=sys.argv[1]))
print(f.seek(0, 2))
"""


def default_database() -> str:
    """The engine a class plays on (`make run`'s embedded PostgreSQL), in a database of its own."""
    sys.path.insert(0, str(ROOT))
    from config.embedded_postgres import create_database, start
    from config.install import embedded_database_url

    start()
    create_database("pc_bench_export")
    return embedded_database_url("pc_bench_export")


_DATABASE: list[str] = []


def env() -> dict[str, str]:
    e = dict(os.environ)
    if "DATABASE_URL" not in e:
        if not _DATABASE:
            _DATABASE.append(default_database())
        e["DATABASE_URL"] = _DATABASE[0]
    e.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Broadcasts and queued tasks of the demo stay under names nobody else listens to.
    e["CHANNEL_PREFIX"] = "asgi-bench-export"
    e["CELERY_KEY_PREFIX"] = "bench-export:"
    return e


def measure(cmd: list[str]) -> tuple[float, float, str, float]:
    """Wall seconds, peak RSS in MB, the standard output and the CPU seconds (user + system)
    of one process. On a shared machine the CPU time says what the work costs; the wall
    time adds the wait for a core."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0,):
        sys.exit(f"{' '.join(cmd[1:3])} failed ({proc.returncode}): {err.decode()[-2000:]}{out.decode()[-500:]}")
    return wall, usage.ru_maxrss / 1024, out.decode().strip(), usage.ru_utime + usage.ru_stime


def session_code(args) -> str:
    key = f"{env()['DATABASE_URL']}|{args.provinces}|{args.rounds}"
    known = json.loads(STATE.read_text()) if STATE.exists() else {}
    # A kept session's database follows the code's migrations (new columns are read).
    subprocess.run([PY, MANAGE, "migrate", "-v0"], env=env(), cwd=ROOT, check=True)
    if key in known and not args.fresh:
        return known[key]
    subprocess.run([PY, MANAGE, "createinstructor", "instructor", "--password", "bench-only-pw-1", "--if-missing"],
                   env=env(), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"playing a {args.provinces} × {args.rounds} demo session (once; --fresh to replay it)…", flush=True)
    wall, _rss, code, _cpu = measure([PY, MANAGE, "demo_session", "--provinces", str(args.provinces), "--rounds",
                                str(args.rounds), "--strategy", args.strategy, "--seed", "1"])
    print(f"  played in {wall:.0f} s: session {code}")
    known[key] = code
    STATE.write_text(json.dumps(known))
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--strategy", default="fair_share:4,best_response:4,always_compete:3")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="play a new session even if one is kept")
    args = parser.parse_args()
    code = session_code(args)
    print(f"database: {env()['DATABASE_URL'].split('://')[0]}; session {code}; median of {args.repeat} runs")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "export"
        runs = {
            "export_session (csv+json to a directory)": [PY, MANAGE, "export_session", code, "--out", str(out)],
            "panel zip (export_zip)": [PY, "-c", ZIP_CHILD, code],
            "replay log.json": [PY, MANAGE, "replay", str(out / "log.json")],
        }
        for label, cmd in runs.items():
            results = [measure(cmd) for _ in range(args.repeat)]
            walls, rss, cpu = [r[0] for r in results], [r[1] for r in results], [r[3] for r in results]
            print(f"{label:<42} wall median {statistics.median(walls):6.2f} s (min {min(walls):.2f}, "
                  f"max {max(walls):.2f})  CPU median {statistics.median(cpu):5.2f} s  "
                  f"peak RSS {max(rss):6.1f} MB   {results[-1][2][:40]}")
        sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir())}
        print("files: " + ", ".join(f"{n} {s / 1e6:.1f} MB" for n, s in sizes.items()))
    idle = measure([PY, MANAGE, "check", "-v0"])
    print(f"{'(a bare manage.py check, for comparison)':<42} wall {idle[0]:6.2f} s  CPU {idle[3]:5.2f} s  "
          f"peak RSS {idle[1]:6.1f} MB")
    print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
