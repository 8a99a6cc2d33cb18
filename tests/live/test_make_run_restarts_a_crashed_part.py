"""Fault: parts of `make run` (scripts/run.sh, the real script) killed with SIGKILL. The
part is restarted, not the whole game stopped; nothing of the killed part lives on (no
orphaned uvicorn worker holding the port, no second beat); Ctrl-C stops everything. A
port already taken is said plainly before anything starts."""

import os
import signal
import socket
import subprocess
import urllib.request

import pytest

from tests.live.processes import alive, children, command, kill_tree, port_free
from tests.live.servers import ROOT, base_env, free_port
from tests.live.waiting import wait_for
from tests.live.worker import database_url

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]


def answering(port):
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}/rules/", timeout=2).status == 200
    except OSError:
        return False


def descendants(pid):
    found = children(pid)
    return found + [d for child in found for d in descendants(child)]


def part(supervisord, name):
    """The pid of the running part `name` ("uvicorn" or "celery"), or None."""
    return next((pid for pid in children(supervisord) if name in command(pid) and alive(pid)), None)


@pytest.fixture
def make_run(private_redis, tmp_path):
    port = free_port()
    env = base_env(DATABASE_URL=database_url(), REDIS_URL=private_redis.url, RUN_DIR=str(tmp_path), PORT=str(port),
                   HOST="127.0.0.1", WEB_WORKERS="2")
    log = open(tmp_path / "run.log", "w")  # noqa: SIM115 - closed below
    run = subprocess.Popen([str(ROOT / "scripts" / "run.sh")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                           start_new_session=True)
    try:
        assert wait_for(lambda: answering(port), 90), (tmp_path / "run.log").read_text()[-3000:]
        yield run, port, tmp_path / "run.log"
    finally:
        everything = [run.pid, *descendants(run.pid)]
        run.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            run.wait(60)
        finally:
            for pid in everything:
                kill_tree(pid, signal.SIGKILL)
            log.close()


def test_a_killed_worker_and_a_killed_web_server_are_restarted_and_leave_nothing_behind(make_run):
    run, port, log = make_run
    supervisord = run.pid  # run.sh ends by exec-ing supervisord

    worker = part(supervisord, "celery")
    assert wait_for(lambda: len(descendants(worker)) >= 3, 60)  # the embedded beat and two pool processes
    killed = [worker, *descendants(worker)]
    os.kill(worker, signal.SIGKILL)
    assert wait_for(lambda: part(supervisord, "celery") not in (None, worker), 60), log.read_text()[-3000:]
    assert wait_for(lambda: not any(alive(pid) for pid in killed), 30), [command(p) for p in killed if alive(p)]
    assert answering(port)  # the web server never stopped

    web = part(supervisord, "uvicorn")
    assert wait_for(lambda: len(descendants(web)) >= 2, 60)  # WEB_WORKERS=2
    killed = [web, *descendants(web)]
    os.kill(web, signal.SIGKILL)
    assert wait_for(lambda: part(supervisord, "uvicorn") not in (None, web), 60), log.read_text()[-3000:]
    assert wait_for(lambda: not any(alive(pid) for pid in killed), 30), [command(p) for p in killed if alive(p)]
    assert wait_for(lambda: answering(port), 60), log.read_text()[-3000:]

    text = log.read_text()
    assert "exited: worker (terminated by SIGKILL; not expected)" in text
    assert "exited: web (terminated by SIGKILL; not expected)" in text
    assert text.count("spawned: 'web'") >= 2 and text.count("spawned: 'worker'") >= 2

    everything = descendants(supervisord)
    run.send_signal(signal.SIGINT)  # Ctrl-C stops every part
    run.wait(60)
    assert wait_for(lambda: not any(alive(pid) for pid in everything), 30)
    assert port_free(port)


def test_make_run_says_when_the_port_is_taken_and_starts_nothing(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = base_env(RUN_DIR=str(tmp_path), PORT=str(port), HOST="127.0.0.1", REDIS_URL="redis://127.0.0.1:1/0",
                       DATABASE_URL=f"sqlite:///{tmp_path / 'never.sqlite3'}")
        result = subprocess.run([str(ROOT / "scripts" / "run.sh")], cwd=ROOT, env=env, capture_output=True,
                                text=True, timeout=120)
    assert result.returncode != 0
    assert f"port {port} on 127.0.0.1 is already in use, so nothing was started" in result.stderr
    assert not (tmp_path / "never.sqlite3").exists()  # not even the migrations ran
    assert not (tmp_path / "supervisord.conf").exists()
