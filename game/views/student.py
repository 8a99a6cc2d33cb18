"""The student's page: the live game runs over the websocket; this serves the shell."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from game.consumers import session_key
from game.models import Participant, Round, SeatResult
from game.services.selectors import scenario_for


def _participant(request: HttpRequest, code: str) -> Participant | None:
    token = request.session.get(session_key(code))
    if not token:
        return None
    return Participant.objects.select_related("session", "seat__province").filter(
        token=token, session__code=code.upper(), removed=False).first()


def play(request: HttpRequest, code: str) -> HttpResponse:
    participant = _participant(request, code)
    if participant is None:
        return redirect(reverse("join") + f"?code={code.upper()}")
    rejoin = request.build_absolute_uri(reverse("rejoin", args=[participant.session.code, participant.token]))
    return render(request, "play/play.html", {"participant": participant, "session": participant.session,
                                              "rejoin_url": rejoin, "play_data": _play_data(participant)})


def _play_data(participant: Participant) -> dict:
    """Facts the page needs beside the live snapshot: every project's name (the last
    result names projects by id only, and the offer is gone once a round is scored),
    this seat's points in each scored round (the snapshot has only the totals), and the
    rules version of each round (to explain a scored round with *its* weights, and to
    tell whether the rules really changed since the previous round)."""
    scenario = scenario_for(participant.session)
    projects = {}
    for number, offer in enumerate(scenario.offers, 1):
        for p in offer.industrial:
            projects[p.id] = {"round": number, "kind": "industrial", "name": {"zh": p.name_zh, "en": p.name_en},
                              "sector": p.sector, "value": p.value, "reserve": p.reserve}
        for j in offer.joint:
            projects[j.id] = {"round": number, "kind": "joint", "name": {"zh": j.name_zh, "en": j.name_en},
                              "type": j.type, "threshold": j.threshold, "host": j.host, "members": list(j.members)}
    points = []
    if participant.seat_id is not None:
        points = [
            {"round": r.round.number, "city": r.seat.city_id, "points": r.points, "rank": r.rank}
            for r in SeatResult.objects.filter(seat_id=participant.seat_id, round__status=Round.Status.SCORED)
            .select_related("round", "seat").order_by("round__number")
        ]
    rounds = [
        {"number": r.number, "status": r.status, "version": r.rules.version, "preset": r.rules.preset,
         "params": r.rules.rules}
        for r in participant.session.rounds.select_related("rules").order_by("number")
    ]
    return {"projects": projects, "points": points, "rounds": rounds}


def rejoin(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """A personal link: opens the same seat on another device."""
    participant = Participant.objects.filter(token=token, session__code=code.upper(), removed=False).first()
    if participant is None:
        return render(request, "play/join.html", {"code": code.upper(), "name": "",
                                                  "error_code": "bad_link"}, status=404)
    request.session[session_key(code)] = participant.token
    return redirect("play", code=code.upper())
