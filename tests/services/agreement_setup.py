"""A province of central-cluster with two students, Alice (Taiyuan) and Bob (Xinzhou),
and a round open: what the agreement tests start from."""

from __future__ import annotations

from dataclasses import dataclass

from game.models import GameSession, Participant, Round
from game.services import rounds

PROJECT = "corridor-1"  # round 1: Taiyuan, Xinzhou, Yangquan; threshold 61, every budget 45


@dataclass
class Table:
    session: GameSession
    rnd: Round
    alice: Participant
    bob: Participant
    carol: Participant  # Yangquan


def open_table(make_session, join, instructor, schedule: str, **options) -> Table:
    options.setdefault("fill_with_bots", False)
    session = make_session(schedule=schedule, total_rounds=3, **options)
    alice, bob, carol = join(session, "Alice"), join(session, "Bob"), join(session, "Carol")
    assert (alice.seat.city_id, bob.seat.city_id, carol.seat.city_id) == ("taiyuan", "xinzhou", "yangquan")
    rnd = rounds.round_open(session=session, user=instructor)
    return Table(session, rnd, alice, bob, carol)


def score(table: Table) -> None:
    assert rounds.round_close(round_id=table.rnd.id, actor="test")
    assert rounds.round_score(round_id=table.rnd.id)
