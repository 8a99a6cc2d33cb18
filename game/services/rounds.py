"""Rounds: open, extend, close (idempotent), score; saving sheets; rules between rounds."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coordination.scoring import agreements_lapse, announce_record, commitments_record
from coordination.selectors import round_commitments
from coordination.selectors import sheet_problems as pledge_problems
from game.engine import InvalidRound, ProvinceState, parse_sheet, score_round, validate_sheet
from game.engine.serialize import rules_from_data, to_data
from game.engine.validate import parsable_part, sheets_to_score
from game.models import (
    GameSession,
    Participant,
    Province,
    ProvinceResult,
    Round,
    RulesVersion,
    Seat,
    SeatResult,
    Sheet,
)
from game.scenarios.loader import rules_from_data as rules_from_untrusted
from game.scenarios.schema import Reader
from game.services import broadcast, save_notices
from game.services.announce import announce_private_outcomes, announce_round, announce_session
from game.services.errors import GameError, SheetRefused, forbidden
from game.services.problems import translate, translate_issues
from game.services.province_rules import (
    engine_rules,
    version_for,
    version_id_for,
    versions_by_label,
    versions_by_province,
)
from game.services.scored_view import scored_payloads
from game.services.selectors import province_seed, public_cities, scenario_for, state_before, states_before
from game.services.sessions import _rules_version, check_owner, log
from game.services.sheet_store import load_for_save, open_round_shared, store_sheet
from game.services.treatment_labels import schedule_of, treatment_labels

MAX_EXTENSION = 3600
# The deadline is enforced from the database: the sweeper (Celery beat, every
# SWEEP_SECONDS) closes a round once it is this many seconds past its deadline. No task
# waits in the broker for a deadline: a countdown task is held unacknowledged by the
# worker for the whole round, and a Redis restart during that time crashed the Celery
# 5.7 worker (docs/deploy.md, "What survives what"). Saves are judged by when the server
# received them, so the grace lets saves received before the deadline, still on their
# way to the database, be stored; it admits nothing received later.
CLOSE_GRACE_SECONDS = 1.0


def _locked_round(session: GameSession) -> Round | None:
    """The session's latest round, locked for update."""
    return Round.objects.select_for_update().filter(session=session).order_by("-number").first()


@transaction.atomic
def round_open(*, session: GameSession, user) -> Round:
    check_owner(session, user)
    session = GameSession.objects.select_for_update().get(pk=session.pk)
    if session.status == GameSession.Status.ENDED:
        raise GameError("ended", _("This game has ended."))
    rnd = _locked_round(session)
    if rnd is None or rnd.status != Round.Status.DRAFT:
        raise GameError("no_draft", _("There is no round waiting to be opened."))
    if not session.provinces.exists():
        raise GameError("empty", _("Nobody has joined yet."))
    now = timezone.now()
    rnd.status = Round.Status.OPEN
    rnd.opened_at = now
    rnd.deadline = now + dt.timedelta(seconds=session.round_seconds)
    rnd.save(update_fields=["status", "opened_at", "deadline"])
    if session.status == GameSession.Status.LOBBY:
        session.status = GameSession.Status.RUNNING
        session.save(update_fields=["status"])
    log(session, "round_opened", user.get_username(), round=rnd.number, deadline=rnd.deadline.isoformat(),
        rules_version=rnd.rules.version,
        **({"treatment_rules": {label: v.version for label, v in versions_by_label(rnd).items()}}
           if rnd.treatment_rules else {}))
    from game.tasks import bots_play

    broadcast.on_commit(lambda: bots_play.delay(rnd.id), "bots' moves")
    announce_session(session)
    return rnd


@transaction.atomic
def round_extend(*, session: GameSession, user, seconds: int = 60) -> Round:
    check_owner(session, user)
    if not 1 <= seconds <= MAX_EXTENSION:
        raise GameError("bad_extension", _("An extension is between 1 second and 60 minutes."))
    rnd = _locked_round(session)
    if rnd is None or rnd.status != Round.Status.OPEN:
        raise GameError("not_open", _("No round is open."))
    rnd.deadline = max(rnd.deadline, timezone.now()) + dt.timedelta(seconds=seconds)
    rnd.save(update_fields=["deadline"])
    log(session, "round_extended", user.get_username(), round=rnd.number, deadline=rnd.deadline.isoformat())
    announce_round(session, rnd)
    return rnd


def round_close(*, round_id: int, actor: str, due_before: dt.datetime | None = None) -> bool:
    """Close an open round; a no-op (False) when it is not open, or, with `due_before`,
    when its deadline (read under the lock: an extension may have just moved it) is not
    before that time. Safe to run twice or concurrently."""
    with transaction.atomic():
        rnd = Round.objects.select_for_update().select_related("session").filter(pk=round_id).first()
        if rnd is None or rnd.status != Round.Status.OPEN:
            return False
        if due_before is not None and (rnd.deadline >= due_before or rnd.session.paused_at is not None):
            return False  # not due yet, or paused: the clock stopped (services/housekeeping.py)
        rnd.status = Round.Status.CLOSED
        rnd.closed_at = timezone.now()
        rnd.save(update_fields=["status", "closed_at"])
        if rnd.session.paused_at is not None:  # closed by the instructor during a pause
            GameSession.objects.filter(pk=rnd.session_id).update(paused_at=None)
            rnd.session.paused_at = None
        log(rnd.session, "round_closed", actor, round=rnd.number)
        agreements_lapse(rnd=rnd)
        from game.tasks import score_round_task

        broadcast.on_commit(lambda: score_round_task.delay(rnd.id), "scoring")
        announce_round(rnd.session, rnd)
    return True


def round_close_now(*, session: GameSession, user) -> bool:
    check_owner(session, user)
    rnd = session.rounds.filter(status=Round.Status.OPEN).first()
    if rnd is None:
        raise GameError("not_open", _("No round is open."))
    return round_close(round_id=rnd.id, actor=user.get_username())


def close_overdue(grace_seconds: float = CLOSE_GRACE_SECONDS, scoring_grace_seconds: float = 10.0) -> int:
    """The sweeper: close every open round whose deadline passed, and score every round
    left closed for long (its scoring task was lost)."""
    now = timezone.now()
    cutoff = now - dt.timedelta(seconds=grace_seconds)
    done = 0
    for round_id in Round.objects.filter(status=Round.Status.OPEN, deadline__lt=cutoff).values_list("id", flat=True):
        done += round_close(round_id=round_id, actor="deadline", due_before=cutoff)
    stuck = now - dt.timedelta(seconds=scoring_grace_seconds)
    for round_id in Round.objects.filter(status=Round.Status.CLOSED, closed_at__lt=stuck).values_list("id", flat=True):
        done += round_score(round_id=round_id)
    return done


@transaction.atomic
def round_score(*, round_id: int) -> bool:
    """Score every province of a closed round with the engine and publish. Idempotent."""
    rnd = Round.objects.select_for_update().select_related("session", "rules").filter(pk=round_id).first()
    if rnd is None or rnd.status != Round.Status.CLOSED:
        return False
    session = rnd.session
    scenario = scenario_for(session)
    offer = scenario.offers[rnd.number - 1]
    provinces = list(session.provinces.all())
    # Each province under its own treatment's rules (one version for all without treatments).
    versions = versions_by_province(rnd, provinces)
    rules_of = {v.id: rules_from_data(v.rules) for v in versions.values()}
    states = states_before(session, provinces, rnd.number)
    seats = {s.id: s for s in Seat.objects.filter(province__session=session)}
    saved_by_province: dict[int, list[Sheet]] = {}
    for saved in rnd.sheets.all():
        saved_by_province.setdefault(seats[saved.seat_id].province_id, []).append(saved)
    province_rows, seat_rows, stored_by_province, after = [], [], {}, {}
    commitments = round_commitments(rnd)  # signed agreements and assigned tasks, per province
    for province in provinces:
        state = states[province.id]
        rules = rules_of[versions[province.id].id]
        sheets = sheets_to_score(scenario.province, state, rules, offer,
                                 {seats[s.seat_id].city_id: s.data for s in saved_by_province.get(province.id, [])})
        seed = province_seed(session, province.number)
        agreements, tasks = commitments.get(province.id, ((), ()))
        try:
            result = score_round(scenario.province, state, rules, offer, sheets, agreements=agreements, tasks=tasks,
                                 seed=seed)
        except InvalidRound as exc:  # pragma: no cover - sheets were validated above
            raise GameError("scoring_failed", str(exc)) from exc
        commitments_record(pledges=result.pledges)
        data = to_data(result)
        by_city = {s.city_id: s for s in seats.values() if s.province_id == province.id}
        stored = {k: v for k, v in data.items() if k not in ("cities", "next_state")}
        # The public table of every city's outcome is written once here and read by every
        # broadcast and reconnect after it (SeatResult keeps each outcome exactly).
        stored["public_cities"] = public_cities(
            sorted(data["cities"], key=lambda c: (c["rank"], by_city[c["city_id"]].id)),
            {c: s.id for c, s in by_city.items()}, reporting=rules.reporting)
        province_rows.append(ProvinceResult(round=rnd, province=province, state_after=data["next_state"],
                                            data=stored))
        stored_by_province[province.id], after[province.id] = stored, result.next_state
        seat_rows += [SeatResult(round=rnd, seat=by_city[c["city_id"]], rank=c["rank"], points=_points(c),
                                 composite=c["composite"], data=c) for c in data["cities"]]
    ProvinceResult.objects.bulk_create(province_rows)
    SeatResult.objects.bulk_create(seat_rows)
    rnd.status = Round.Status.SCORED
    rnd.scored_at = timezone.now()
    rnd.save(update_fields=["status", "scored_at"])
    log(session, "round_scored", "engine", round=rnd.number)
    if rnd.number < session.total_rounds and session.status != GameSession.Status.ENDED:
        by_label = {label: _next_rules(session, schedule_of(session, label), rnd.number, version)
                    for label, version in versions_by_label(rnd).items()} if rnd.treatment_rules else {}
        rules_next = (by_label[treatment_labels(session)[0]] if by_label
                      else _next_rules(session, session.schedule, rnd.number, rnd.rules))
        current = Round.objects.create(session=session, number=rnd.number + 1, rules=rules_next,
                                       treatment_rules={label: v.id for label, v in by_label.items()})
        starts, submitted = after, set()
    else:
        current, starts = rnd, states
        submitted = {saved.seat_id for sheets in saved_by_province.values() for saved in sheets}
    payloads = scored_payloads(session=session, scored=rnd, current=current, provinces=provinces,
                               seats=list(seats.values()), stored=stored_by_province, starts=starts,
                               seat_results=seat_rows, submitted=submitted)
    announce_session(session, payloads=payloads)
    if commitments:
        announce_record(session=session, rnd=rnd, province_ids=list(commitments))
    reporting = {p.id for p in provinces if rules_of[versions[p.id].id].reporting}
    if reporting:
        announce_private_outcomes(rnd.number, [row for row in seat_rows if row.seat.province_id in reporting])
    return True


def _next_rules(session: GameSession, schedule: list[str], scored_no: int, current: RulesVersion) -> RulesVersion:
    """The rules of the round after `scored_no`: the schedule decides when presets change;
    between its changes the rules in force (including the instructor's edits) carry on."""
    planned_now = schedule[scored_no - 1] if scored_no - 1 < len(schedule) else None
    planned_next = schedule[scored_no] if scored_no < len(schedule) else planned_now
    if planned_next == planned_now or planned_next is None:
        return current
    return _rules_version(session, planned_next, current)


def _points(city: dict[str, Any]) -> float:
    p = city["points"]
    return (p["rank_prize"] + p["collaboration_reward"] - p["breach_penalty"] - p["task_penalty"]
            - p["audit_penalty"])


def _open_round_shared(session: GameSession) -> Round | None:
    """The open round, locked FOR SHARE on PostgreSQL: saves run side by side, while a
    close (FOR UPDATE) waits for the saves in flight and later saves see it closed.
    SQLite serialises writers anyway."""
    if connection.vendor == "postgresql":
        return open_round_shared(session.id)
    return Round.objects.filter(session=session, status=Round.Status.OPEN).first()


@lru_cache(maxsize=1024)
def _state_at_open(province_id: int, round_no: int, session_id: int, seed: int) -> ProvinceState:
    """The state a round starts from is fixed once the round is open (the previous round
    is scored); saves read it every time, so keep it. Keyed by the session's seed too, so
    a reused database id can never hit another game's entry."""
    session = GameSession.objects.get(pk=session_id)
    return state_before(Province(pk=province_id, session=session), round_no, session)


def _save_context(participant: Participant | None, seat: Seat | None
                  ) -> tuple[Participant | None, Seat, GameSession, Round | None]:
    """Who saves, for which seat and session, and the open round (locked FOR SHARE)."""
    if participant is not None and connection.vendor == "postgresql":
        found = load_for_save(participant.pk)  # one query, written once (services/sheet_store.py)
        if found is None or found[0].removed:
            raise GameError("no_seat", _("You do not have a seat in this game."))
        return found
    if participant is not None:
        participant = Participant.objects.select_related("seat__province__session").get(pk=participant.pk)
        if participant.removed or participant.seat_id is None:
            raise GameError("no_seat", _("You do not have a seat in this game."))
        seat = participant.seat
    assert seat is not None
    session = seat.province.session
    return participant, seat, session, _open_round_shared(session)


def sheet_save(*, participant: Participant | None, seat: Seat | None = None, round_number: int | None,
               data: Any, by_bot: bool = False, received_at: dt.datetime | None = None) -> Sheet:
    """Validate and store a seat's sheet for the open round; the last save counts.
    Refusals change nothing and say every reason (DESIGN §4).

    `received_at`: when the server received the save (default: now). It is compared with
    the deadline under the round's lock, so a save that arrived in time but waited for a
    lock or a thread past the deadline is still stored; the round is closed only
    CLOSE_GRACE_SECONDS after the deadline, and a close waits for saves holding the round
    FOR SHARE. A save that finds the round closed (by the instructor or the sweeper) is
    refused whenever it arrived."""
    with transaction.atomic():
        participant, seat, session, rnd = _save_context(participant, seat)
        if session.status == GameSession.Status.ENDED:
            raise GameError("ended", _("This game has ended."))
        if session.paused_at is not None:
            raise GameError("paused", _("The instructor has paused the game: your sheet was not saved. Keep it "
                                        "here and save again when the game resumes."))
        if rnd is None or (round_number is not None and rnd.number != round_number):
            raise GameError("round_not_open", _("This round is not open for decisions."))
        if rnd.deadline <= (received_at or timezone.now()):
            raise GameError("round_not_open", _("Time is up: this round no longer accepts decisions."))
        if seat.bot_strategy and not by_bot:
            raise forbidden()
        scenario = scenario_for(session)
        rules = engine_rules(version_id_for(rnd, seat.province.treatment))
        sheet, problems = parse_sheet(seat.city_id, data)
        # A sheet that does not parse is still checked for every other problem (DESIGN §4).
        checkable = sheet or parse_sheet(seat.city_id, parsable_part(data))[0]
        if checkable is not None:
            state = _state_at_open(seat.province_id, rnd.number, session.id, session.seed)
            problems = problems + validate_sheet(
                checkable, city=scenario.province.city(seat.city_id), state=state.city(seat.city_id),
                offer=scenario.offers[rnd.number - 1], rules=rules)
        refusals = translate(problems)
        if checkable is not None:  # binding pledges and tasks are minimums (DESIGN §5.1, §7)
            refusals += pledge_problems(seat=seat, rnd=rnd, rules=rules, sheet=checkable,
                                        project_names=_project_names(scenario, rnd.number))
        if refusals:
            raise SheetRefused(refusals)
        stored = {"bids": dict(sheet.bids), "contributions": dict(sheet.contributions),
                  "inflation_pct": sheet.inflation_pct}
        saved, first_save = store_sheet(rnd=rnd, seat=seat, participant=participant, data=stored, by_bot=by_bot,
                                        now=timezone.now())
        _announce_sheet(session, rnd, seat, saved, first_save)
        # Only a seat's first save can complete the round.
        all_in = first_save and session.auto_close and not Seat.objects.filter(
            province__session=session).exclude(sheets__round=rnd).exists()
    if all_in:
        round_close(round_id=rnd.id, actor="all submitted")
    return saved


def _project_names(scenario, round_no: int) -> dict[str, str]:
    lang = (translation.get_language() or "").lower()
    return {p.id: (p.name_zh if lang.startswith("zh") else p.name_en) or p.id
            for p in scenario.offers[round_no - 1].joint}


def _announce_sheet(session: GameSession, rnd: Round, seat: Seat, saved: Sheet, first_save: bool) -> None:
    """The seat's own sockets (teammates, other tabs) get the sheet at once; the province,
    projector and panel get it in the next coalesced notice (services/save_notices.py)."""
    sheet = {"seat": seat.id, "round": rnd.number, "data": saved.data, "version": saved.version,
             "saved_at": saved.saved_at.isoformat(),
             "saved_by": saved.saved_by.display_name if saved.saved_by else None}

    def send() -> None:
        broadcast.send_many_now([(broadcast.seat_group(seat.id), {"type": "sheet", **sheet})])
        save_notices.sheet_saved(session_id=session.id, round_number=rnd.number, province_id=seat.province_id,
                                 seat_id=seat.id, first_save=first_save, sheet=sheet)

    broadcast.on_commit(send, "sheet")


@transaction.atomic
def rules_set(*, session: GameSession, user, preset: str | None = None, params: dict | None = None,
              treatment: str = "") -> Round:
    """Set the rules of the next (draft) round: a preset, or any parameters edited. With
    treatments, `treatment` names the one to change ("" changes every treatment); only the
    provinces it reaches are told (their notice names what changed for them)."""
    check_owner(session, user)
    rnd = Round.objects.select_for_update().filter(session=session, status=Round.Status.DRAFT).first()
    if rnd is None:
        raise GameError("no_draft", _("Rules can only change between rounds."))
    labels = treatment_labels(session)
    treatment = str(treatment or "")
    if treatment and treatment not in labels:
        raise GameError("bad_treatment", _("Unknown treatment “%(label)s”.") % {"label": treatment[:20]}
                        if labels else _("This session has no treatments."))
    targets = [treatment] if treatment else (labels or [""])
    scenario = scenario_for(session)
    if preset is not None:
        if preset not in scenario.presets:
            raise GameError("bad_preset", _("Unknown rule preset “%(name)s”.") % {"name": preset[:60]})
    else:
        # null, a number, a list or text used to count as "no change" and answer OK.
        if not isinstance(params, dict):
            raise GameError("bad_rules", _("The rules must be an object of named parameters, such as "
                                           "{\"all_pay\": true}; nothing was changed."))
        if not params:
            raise GameError("bad_rules", _("No parameter was given: name at least one parameter to change."))
    # Every target is checked before any is changed: a refusal changes nothing.
    new_data = {label: _rules_data(scenario, preset, params, version_for(rnd, label).rules) for label in targets}
    previous = session.rounds.filter(number=rnd.number - 1).first()
    made = {}
    for label, data in new_data.items():
        before = version_for(previous, label) if previous else None
        made[label] = _rules_version(session, preset or "", before, rules=data)
    if rnd.treatment_rules:
        rnd.treatment_rules = {**rnd.treatment_rules, **{label: v.id for label, v in made.items()}}
        rnd.rules = made.get(labels[0]) or rnd.rules
        rnd.save(update_fields=["rules", "treatment_rules"])
    else:
        rnd.rules = made[""]
        rnd.save(update_fields=["rules"])
    for label, version in made.items():
        log(session, "rules_set", user.get_username(), round=rnd.number, version=version.version,
            changes=version.changes, **({"treatment": label} if label else {}))
    reached = list(session.provinces.filter(treatment__in=targets)) if rnd.treatment_rules else None
    announce_session(session, reached)
    return rnd


def _rules_data(scenario, preset: str | None, params: dict | None, base: dict) -> dict:
    """The engine rules as data: a preset's, or `params` merged over `base` and checked."""
    if preset is not None:
        return to_data(scenario.presets[preset].rules)
    merged = {**base, **params}
    if isinstance(params.get("weights"), dict):  # weights merge key by key; anything else is refused below
        merged["weights"] = {**base.get("weights", {}), **params["weights"]}
    reader = Reader("rules")
    rules = rules_from_untrusted(reader, merged, "rules")
    if reader.issues:
        problems = translate_issues(reader.issues, prefix="rules.")
        raise GameError("bad_rules", _("The rules were not changed: %(reason)s")
                        % {"reason": " ".join(p["message"] for p in problems)}, problems=problems)
    return to_data(rules)
