"""Who is told what about agreements and tasks, after commit (through game's broadcast).

A proposal, its pledges and its note go to the seat group of each party (teammates of a
team seat included) and to the instructor; tasks go to their province; after scoring the
record of promises goes to each province and the counts to the projector and panel."""

from __future__ import annotations

from coordination.models import Agreement, AssignedTask
from coordination.selectors import agreement_payload, counts, counts_for_projector, promise_record, task_payload
from game.models import GameSession, Round, Seat
from game.services import broadcast


def agreement(a: Agreement) -> None:
    message = {"type": "agreement", "agreement": agreement_payload(a)}
    groups = [broadcast.seat_group(p.seat_id) for p in a.parties.all()]
    groups.append(broadcast.instructor_group(a.session_id))
    messages = [(g, message) for g in groups]
    broadcast.on_commit(lambda: broadcast.send_many_now(messages), "agreement")


def task(t: AssignedTask) -> None:
    message = {"type": "task", "task": task_payload(t)}
    messages = [(broadcast.province_group(t.province_id), message),
                (broadcast.instructor_group(t.session_id), message)]
    broadcast.on_commit(lambda: broadcast.send_many_now(messages), "task")


def promises(session: GameSession, rnd: Round, province_ids: list[int]) -> None:
    """After scoring: each province's record of promises, and the round's counts."""

    def send() -> None:
        record = promise_record(province_ids)
        messages = [(broadcast.province_group(pid), {"type": "promises", "round": rnd.number, "record": rows})
                    for pid, rows in record.items()]
        summary = {"type": "agreement_counts", "counts": counts(session, rnd)}
        messages += [(broadcast.projector_group(session.id),
                      {**summary, "counts": counts_for_projector(session, rnd)}),
                     (broadcast.instructor_group(session.id), {**summary, "record": record})]
        broadcast.send_many_now(messages)

    broadcast.on_commit(send, "record of promises")


def bots_honour_later(a: Agreement) -> None:
    """Bot parties of a signed agreement choose their sheet again, now that it binds them."""
    seats = [p.seat for p in a.parties.select_related("seat") if p.seat.bot_strategy]
    bots_honour_later_seats(seats, a.round)


def bots_honour_later_seats(seats: list[Seat], rnd: Round) -> None:
    if not seats:
        return
    from coordination.tasks import bots_resave

    ids = [s.id for s in seats]
    broadcast.on_commit(lambda: bots_resave.delay(rnd.id, ids), "bots honouring an agreement")


def bots_propose_soon(rnd: Round) -> None:
    """Negotiator bots propose once a round has opened and the bots have played."""
    from coordination.tasks import bots_propose

    broadcast.on_commit(lambda: bots_propose.delay(rnd.id), "bots' proposals")
