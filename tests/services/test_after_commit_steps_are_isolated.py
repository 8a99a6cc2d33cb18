"""Every after-commit step is isolated: one that fails (Redis down) is logged and
reported, and the steps after it still run; nothing sidesteps broadcast.on_commit."""

from pathlib import Path

import pytest
from django.db import transaction

from game.services import broadcast

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def test_a_failing_step_is_reported_and_the_steps_after_it_still_run():
    ran = []

    def fails():
        raise ConnectionError("Redis is down")

    with broadcast.delivery_report() as failed:
        with transaction.atomic():
            broadcast.on_commit(fails, "the deadline task")
            broadcast.on_commit(lambda: ran.append("bots"), "bots' moves")
    assert ran == ["bots"]
    assert failed == ["the deadline task"]


def test_steps_that_succeed_report_nothing():
    with broadcast.delivery_report() as failed:
        with transaction.atomic():
            broadcast.on_commit(lambda: None, "nothing")
    assert failed == []


def test_no_code_in_the_game_calls_transaction_on_commit_directly():
    direct = [str(path.relative_to(ROOT)) for app in ("game", "coordination") for path in (ROOT / app).rglob("*.py")
              if "transaction.on_commit(" in path.read_text() and path.name != "broadcast.py"]
    assert direct == []
