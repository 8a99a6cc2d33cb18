"""A worker process of `uvicorn --workers N`, and the beat that `celery worker -B` runs
beside its worker, exit when their master dies.

uvicorn starts its workers with multiprocessing and checks on them through a pipe, but a
worker never checks on its master: after `kill -9` of the master the workers ran on as
orphans, still listening on the port (a new server then failed with "Address already in
use"). Each worker therefore asks Linux for a signal when its parent dies
(PR_SET_PDEATHSIG), and, on any system, a thread checks the parent once a second. The
worker then shuts down as on Ctrl-C (SIGTERM: uvicorn stops listening at once, then
closes its connections), and is ended outright if that takes longer than GRACE_SECONDS.

The same held for the beat process of `celery worker -B` (a second beat then ran beside
the restarted worker's own). Pool processes of Celery already exit with their master.

For uvicorn only in a multiprocessing child (`multiprocessing.parent_process()`): a
single uvicorn process (tests, `nohup`, systemd) is never affected; for beat only when
embedded in a worker (config/celery.py)."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 1.0
GRACE_SECONDS = 10.0


def exit_with_parent() -> bool:
    """Arm the watch in a multiprocessing child; True when armed."""
    if multiprocessing.parent_process() is None:
        return False
    watch_parent()
    return True


def watch_parent() -> None:
    """From now on, this process ends when its parent does."""
    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the thread alone
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(GRACE_SECONDS)
    os._exit(1)
