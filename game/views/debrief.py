"""The debrief: a page of the instructor's panel, and the same charts on the projector."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from game.services.debrief import debrief
from game.services.treatment_labels import results_hidden
from game.views.instructor import _own


def _province(request: HttpRequest) -> int | None:
    value = request.GET.get("province", "")
    return int(value) if value.isdecimal() and len(value) < 6 else None


def _cell(value: Any, fmt: str | None) -> str:
    if value is None:
        return "–"
    if fmt == "percent":
        return f"{100 * value:.0f}%"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if not value.is_integer() else f"{value:,.0f}"
    return str(value)


def _tables(data: dict[str, Any]) -> None:
    """Each chart's data table as display strings (the page shows it one click away)."""
    for chart in data["charts"] + (data["two_worlds"]["charts"] if data.get("two_worlds") else []):
        chart["table"] = [[_cell(row.get(c["key"]), c.get("format")) for c in chart["columns"]]
                          for row in chart["rows"]]


def _page(request: HttpRequest, session_id: int, projector: bool) -> HttpResponse:
    session = _own(request, session_id)
    # Before the reveal the class sees the charts pooled over every province only: one
    # province's charts follow its rules and would name its treatment (issue #13 item 3).
    pooled_only = projector and results_hidden(session)
    data = debrief(session, None if pooled_only else _province(request))
    _tables(data)
    return render(request, "instructor/debrief.html", {"session": session, "debrief": data,
                                                       "projector": projector, "pooled_only": pooled_only})


@login_required
@require_GET
def page(request: HttpRequest, session_id: int) -> HttpResponse:
    return _page(request, session_id, projector=False)


@login_required
@require_GET
def projector(request: HttpRequest, session_id: int) -> HttpResponse:
    return _page(request, session_id, projector=True)
