"""Which student this browser is, for one game: the token kept in its Django session."""

from __future__ import annotations

from django.http import HttpRequest

from game.consumers import session_key
from game.models import Participant


def seated_participant(request: HttpRequest, code: str) -> Participant | None:
    """The browser's participant in game `code`, or None. A token that no longer names a
    participant (removed, or the game deleted) is forgotten, so the join page and the play
    page never send the browser back and forth."""
    key = session_key(code)
    token = request.session.get(key)
    if not token:
        return None
    participant = Participant.objects.select_related("session", "seat__province").filter(
        token=token, session__code=code.upper(), removed=False).first()
    if participant is None:
        del request.session[key]
        request.session[unseated_key(code)] = True  # the join page says why it is asking again
    return participant


def unseated_key(code: str) -> str:
    return f"unseated:{code.upper()}"
