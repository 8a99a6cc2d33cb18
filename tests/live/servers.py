"""Real ASGI servers (uvicorn subprocesses) for cross-process tests and benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WS_PROTOCOL = "config.websocket:WebSocketProtocol"  # as make run starts uvicorn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str, stdin: str | None = None) -> str:
    run = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, input=stdin,
                         capture_output=True, text=True, timeout=180)
    if run.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{run.stdout}\n{run.stderr}")
    return run.stdout


WEB_DB_POOL_SIZE = "10"  # as scripts/run.sh starts the web server


def start_server(env: dict, port: int, log: Path, extra: tuple[str, ...] = ()) -> subprocess.Popen:
    out = open(log, "w")  # noqa: SIM115 - lives as long as the process
    env = {"DB_POOL_SIZE": WEB_DB_POOL_SIZE, **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "config.asgi:application", "--ws", WS_PROTOCOL, "--host", "127.0.0.1",
         "--port", str(port),
         "--log-level", "warning", *extra],
        cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
    )
    end = time.monotonic() + 30
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/rules/", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"server did not answer: {log.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def base_env(**extra: str) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings", PYTHONUNBUFFERED="1")
    env.update(extra)
    return env
