"""The student's page: the live game runs over the websocket; this serves the shell."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from game.consumers import session_key
from game.models import Participant
from game.services import selectors
from game.services.history import student_history
from game.views.seated import seated_participant


def play(request: HttpRequest, code: str) -> HttpResponse:
    participant = seated_participant(request, code)
    if participant is None:
        return redirect(reverse("join") + f"?code={code.upper()}")
    rejoin = request.build_absolute_uri(reverse("rejoin", args=[participant.session.code, participant.token]))
    context = {"participant": participant, "session": participant.session, "rejoin_url": rejoin,
               "play_data": {**selectors.student_page_data(participant),
                             "history": student_history(participant),
                             "history_url": reverse("history", args=[participant.session.code])}}
    return render(request, "play/play.html", context)


def history(request: HttpRequest, code: str) -> JsonResponse:
    """The seat's history charts, refetched by the page after each scoring."""
    participant = seated_participant(request, code)
    if participant is None:
        raise Http404
    response = JsonResponse(student_history(participant))
    response["Cache-Control"] = "no-store"
    return response


def rejoin(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """A personal link: opens the same seat on another device."""
    participant = Participant.objects.filter(token=token, session__code=code.upper(), removed=False).first()
    if participant is None:
        return render(request, "play/join.html", {"code": code.upper(), "name": "",
                                                  "error_code": "bad_link"}, status=404)
    request.session[session_key(code)] = participant.token
    return redirect("play", code=code.upper())
