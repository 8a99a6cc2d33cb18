"""Agreements and tasks on the sockets (a part of coordination.sockets; messages in
docs/protocol.md, "Agreements and tasks"). Each handler reads the message's fields and
calls one service; identity comes from the socket. Replies are what the sender needs to
confirm its action; everyone concerned (the sender included) also gets the `agreement`
or `task` broadcast after commit."""

from __future__ import annotations

from typing import Any

from coordination import selectors, services
from game.models import GameSession, Participant
from game.services.selectors import current_round, viewer


def _done(agreement) -> dict[str, Any]:
    return {"type": "agreement.done", "agreement": selectors.agreement_payload(agreement)}


def propose(*, participant_id: int, message: dict[str, Any]) -> dict[str, Any]:
    return _done(services.agreement_propose(participant=Participant(pk=participant_id),
                                            project_id=message.get("project"), pledges=message.get("pledges"),
                                            note=message.get("note")))


def accept(*, participant_id: int, message: dict[str, Any]) -> dict[str, Any]:
    return _done(services.agreement_accept(participant=Participant(pk=participant_id), agreement_id=message.get("id")))


def decline(*, participant_id: int, message: dict[str, Any]) -> dict[str, Any]:
    return _done(services.agreement_decline(participant=Participant(pk=participant_id), agreement_id=message.get("id")))


def withdraw(*, participant_id: int, message: dict[str, Any]) -> dict[str, Any]:
    return _done(services.agreement_withdraw(participant=Participant(pk=participant_id),
                                             agreement_id=message.get("id")))


def annul(*, session_id: int, user, message: dict[str, Any]) -> dict[str, Any]:
    session = GameSession.objects.get(pk=session_id)
    return _done(services.agreement_annul(session=session, user=user, agreement_id=message.get("id"),
                                          reason=message.get("reason")))


def assign(*, session_id: int, user, message: dict[str, Any]) -> dict[str, Any]:
    session = GameSession.objects.get(pk=session_id)
    task = services.task_assign(session=session, user=user, province_id=message.get("province"),
                                project_id=message.get("project"), required=message.get("required"),
                                note=message.get("note", ""))
    return {"type": "task.done", "task": selectors.task_payload(task)}


STUDENT = {
    "agreement.propose": propose,
    "agreement.accept": accept,
    "agreement.decline": decline,
    "agreement.withdraw": withdraw,
}
INSTRUCTOR = {
    "agreement.annul": annul,
    "task.assign": assign,
}


def student_state(participant_id: int) -> dict[str, Any] | None:
    participant = viewer(participant_id)
    if participant.seat is None:
        return None
    return {"type": "agreements", **selectors.seat_view(participant.seat, current_round(participant.session))}


def instructor_state(session_id: int) -> dict[str, Any]:
    session = GameSession.objects.get(pk=session_id)
    return {"type": "agreements", **selectors.instructor_view(session, current_round(session))}


def projector_state(session_id: int) -> dict[str, Any]:
    return {"type": "agreement_counts",
            "counts": selectors.counts_for_projector(GameSession.objects.get(pk=session_id))}
