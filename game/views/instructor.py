"""The instructor's panel: thin views over the session and round services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.limits import MAX_RULES_BYTES
from game.bots import STRATEGIES
from game.forms import SessionForm
from game.models import GameSession
from game.services import broadcast, housekeeping, province_rules, rounds, sessions, treatment_reveal, treatments
from game.services.errors import GameError
from game.services.scenarios import get_scenario, scenario_choices
from game.views.public import join_url
from game.wire import BadJSON, load_json


def _own(request: HttpRequest, session_id: int) -> GameSession:
    session = get_object_or_404(GameSession, pk=session_id)
    if session.instructor_id != request.user.id:
        raise Http404  # another instructor's session does not exist for you
    return session


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = sessions.session_create(instructor=request.user, **form.cleaned_data)
        except GameError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("panel", session_id=session.id)
    own = GameSession.objects.filter(instructor=request.user)
    return render(request, "instructor/dashboard.html", {"form": form, "sessions": own},
                  status=400 if form.errors else 200)


@login_required
def panel(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _own(request, session_id)
    scenario = get_scenario(session.scenario_id)
    return render(request, "instructor/panel.html", {
        "session": session, "join_url": join_url(request, session.code), "strategies": list(STRATEGIES),
        "presets": scenario.presets.values(), "scenarios": scenario_choices(),
        # Every round's joint projects by name: the record of promises names past rounds'
        # projects, which the live snapshot's offer no longer holds.
        "joint_names": {j.id: {"zh": j.name_zh, "en": j.name_en} for offer in scenario.offers for j in offer.joint},
    })


@login_required
def projector(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _own(request, session_id)
    return render(request, "instructor/projector.html", {"session": session,
                                                         "join_url": join_url(request, session.code)})


def _int(request: HttpRequest, name: str) -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise GameError("bad_request", f"'{name}' must be a number") from None


ACTIONS = {
    "open": lambda r, s: rounds.round_open(session=s, user=r.user),
    "extend": lambda r, s: rounds.round_extend(session=s, user=r.user, seconds=_int(r, "seconds")),
    "close": lambda r, s: rounds.round_close_now(session=s, user=r.user),
    "preset": lambda r, s: rounds.rules_set(session=s, user=r.user, preset=r.POST.get("preset", ""),
                                            treatment=r.POST.get("treatment", "")),
    "treatment": lambda r, s: treatments.province_set_treatment(session=s, user=r.user,
                                                                province_id=_int(r, "province"),
                                                                label=r.POST.get("treatment", "")),
    "rename": lambda r, s: sessions.participant_rename(session=s, user=r.user, participant_id=_int(r, "participant"),
                                                       display_name=r.POST.get("name", "")),
    "move": lambda r, s: sessions.participant_move(session=s, user=r.user, participant_id=_int(r, "participant"),
                                                   seat_id=_int(r, "seat")),
    "swap": lambda r, s: sessions.participant_swap(session=s, user=r.user, participant_id=_int(r, "participant"),
                                                   other_id=_int(r, "other")),
    "remove": lambda r, s: sessions.participant_remove(session=s, user=r.user, participant_id=_int(r, "participant")),
    "bot": lambda r, s: sessions.seat_set_bot(session=s, user=r.user, seat_id=_int(r, "seat"),
                                              strategy=r.POST.get("strategy", "")),
    "add_province": lambda r, s: sessions.province_add(session=s, user=r.user),
    "end": lambda r, s: sessions.session_end(session=s, user=r.user),
    "lock": lambda r, s: sessions.session_lock(session=s, user=r.user),
    "unlock": lambda r, s: sessions.session_unlock(session=s, user=r.user),
    "pause": lambda r, s: housekeeping.session_pause(session=s, user=r.user),
    "resume": lambda r, s: housekeeping.session_resume(session=s, user=r.user),
    "reveal": lambda r, s: treatment_reveal.treatments_reveal(session=s, user=r.user),
}


@login_required
@require_POST
def manage(request: HttpRequest, session_id: int, name: str) -> HttpResponse:
    """Dashboard buttons: duplicate a session's settings, or delete it (confirm=yes)."""
    session = _own(request, session_id)
    try:
        if name == "duplicate":
            copy = housekeeping.session_duplicate(session=session, user=request.user)
            return redirect("panel", session_id=copy.id)
        if name == "delete":
            housekeeping.session_delete(session=session, user=request.user,
                                        confirm=request.POST.get("confirm") == "yes")
            messages.success(request, _("Session “%(title)s” deleted.") % {"title": session.title})
            return redirect("dashboard")
        raise GameError("unknown_action", _("Unknown action."))
    except GameError as exc:
        messages.error(request, exc.message)
        return redirect("dashboard")


@login_required
@require_POST
def action(request: HttpRequest, session_id: int, name: str) -> HttpResponse:
    """Every panel button posts here; answers JSON for fetch() and redirects for forms."""
    session = _own(request, session_id)
    handler = ACTIONS.get(name)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        if handler is None:
            raise GameError("unknown_action", f"unknown action '{name}'")
        with broadcast.delivery_report() as undelivered:
            handler(request, session)
    except GameError as exc:
        if wants_json:
            return JsonResponse(exc.as_message(), status=400)
        return redirect("panel", session_id=session.id)
    if wants_json:
        return JsonResponse({"type": "ok", "action": name, **_undelivered_warning(undelivered)})
    return redirect("panel", session_id=session.id)


def _undelivered_warning(undelivered: list[str]) -> dict[str, str]:
    """The change is committed either way; say plainly when nobody could be told yet."""
    if not undelivered:
        return {}
    return {"warning_code": "not_delivered", "warning": _(
        "Saved. But the live updates could not be sent: the message service (Redis) is not "
        "answering. Students' screens, the projector and this panel catch up by themselves "
        "within seconds once it answers again; bots play then too.")}


@login_required
@require_POST
def rules_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    """The rules editor posts JSON parameters for the next round."""
    session = _own(request, session_id)
    try:
        params = load_json(request.body or b"{}", max_bytes=MAX_RULES_BYTES)
    except BadJSON as exc:
        return JsonResponse(GameError(exc.code, _("The rules could not be read: send one JSON object of "
                                                  "parameters.")).as_message(), status=400)
    try:
        # ?treatment=A changes one treatment's rules; without it, every province's.
        treatment = request.GET.get("treatment", "")
        with broadcast.delivery_report() as undelivered:
            rnd = rounds.rules_set(session=session, user=request.user, params=params, treatment=treatment)
    except GameError as exc:
        return JsonResponse(exc.as_message(), status=400)
    version = province_rules.version_for(rnd, treatment)
    return JsonResponse({"type": "ok", "version": version.version, "changes": version.changes,
                         **_undelivered_warning(undelivered)})
