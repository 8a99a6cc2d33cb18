"""Sessions, seating and the roster: create, join, rename, move, remove, bots, end."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from game.bots import STRATEGIES
from game.engine.serialize import to_data
from game.models import Event, GameSession, Participant, Province, Round, RulesVersion, Seat
from game.models.session import new_code
from game.scenarios import ScenarioError, parse_schedule
from game.services import broadcast
from game.services.errors import GameError, forbidden, not_found
from game.services.names import name_key, name_normalise
from game.services.scenarios import get_scenario
from game.services.treatment_labels import has_treatments
from game.services.treatments import label_for_new_province, parse_treatments

MIN_ROUND_SECONDS = 3


def log(session: GameSession, kind: str, actor: str = "", **data: Any) -> None:
    Event.objects.create(session=session, kind=kind, actor=actor, data=data)


def check_owner(session: GameSession, user) -> None:
    if not user.is_authenticated or session.instructor_id != user.id:
        raise forbidden()


@transaction.atomic
def session_create(
    *,
    instructor,
    title: str,
    scenario_id: str,
    total_rounds: int,
    round_seconds: int,
    schedule: str,
    students_per_seat: int = 1,
    fill_with_bots: bool = True,
    bot_strategy: str = "best_response",
    auto_close: bool = True,
    max_provinces: int = 12,
    absent_rounds: int = 1,
    seed: int | None = None,
    treatments: str = "",
) -> GameSession:
    """`seed`: every draw of the session derives from it; drawn at random unless given
    (demo sessions and tests replay a known game). `treatments`: rule schedules played
    side by side (services/treatments.py); given, they replace `schedule`."""
    try:
        scenario = get_scenario(scenario_id)
    except ScenarioError:
        raise GameError("bad_scenario", _("Unknown scenario “%(id)s”.") % {"id": scenario_id}) from None
    if not 1 <= total_rounds <= scenario.max_rounds:
        raise GameError("bad_rounds", _("The number of rounds must be between 1 and %(max)s.")
                        % {"max": scenario.max_rounds})
    # The form asks for at least 30 s; the service allows short rounds for demos and tests.
    if not MIN_ROUND_SECONDS <= round_seconds <= 3600:
        raise GameError("bad_round_length", _("A round lasts between %(min)s seconds and 60 minutes.")
                        % {"min": MIN_ROUND_SECONDS})
    if not 1 <= students_per_seat <= 3:
        raise GameError("bad_team_size", _("A seat holds 1 to 3 students."))
    if bot_strategy not in STRATEGIES:
        raise GameError("bad_strategy", _("Unknown bot strategy “%(name)s”.") % {"name": bot_strategy})
    if not 1 <= max_provinces <= 100:
        raise GameError("bad_provinces", _("A session holds 1 to 100 provinces."))
    if not 0 <= absent_rounds <= 10:
        raise GameError("bad_absent_rounds", _("A bot takes over an absent seat after 0 (never) to 10 rounds."))
    split = parse_treatments(treatments, scenario.presets, total_rounds)
    if split:  # the treatments' schedules replace the session's (the first one stands for it)
        plan = list(split[0]["schedule"])
    else:
        try:
            plan = parse_schedule(schedule, scenario.presets, total_rounds)
        except ValueError as exc:
            raise GameError("bad_schedule", _("The rule schedule is not valid: %(reason)s")
                            % {"reason": exc}) from None
    if seed is not None and not 0 <= seed < 2**31:
        raise GameError("bad_seed", _("A seed is a whole number from 0 to %(max)s.") % {"max": 2**31 - 1})
    title = (title or "").strip()[:120] or scenario.name_en
    for _attempt in range(20):
        try:
            with transaction.atomic():
                session = GameSession.objects.create(
                    instructor=instructor, title=title, code=new_code(), scenario_id=scenario.id,
                    total_rounds=total_rounds, round_seconds=round_seconds, schedule=plan,
                    students_per_seat=students_per_seat, fill_with_bots=fill_with_bots, bot_strategy=bot_strategy,
                    auto_close=auto_close, max_provinces=max_provinces,
                    seed=secrets.randbelow(2**31) if seed is None else seed,
                    absent_rounds=absent_rounds, treatments=split,
                )
            break
        except IntegrityError:  # join code collision: draw another
            continue
    else:  # pragma: no cover
        raise GameError("no_code", _("Could not draw a free join code; try again."))
    by_label = {}
    if has_treatments(session):
        by_label = {t["label"]: _rules_version(session, t["schedule"][0], previous=None) for t in split}
        first = by_label[split[0]["label"]]
    else:
        first = _rules_version(session, plan[0], previous=None)
    Round.objects.create(session=session, number=1, rules=first,
                         treatment_rules={label: v.id for label, v in by_label.items()})
    log(session, "session_created", instructor.get_username(), scenario=scenario.id, schedule=plan,
        **({"treatments": split} if by_label else {}))
    return session


def _rules_version(session: GameSession, preset: str, previous: RulesVersion | None,
                   rules: dict | None = None) -> RulesVersion:
    data = rules if rules is not None else to_data(get_scenario(session.scenario_id).presets[preset].rules)
    if previous is not None and previous.rules == data:
        return previous
    number = (previous.version + 1) if previous else 1
    last = session.rules_versions.order_by("-version").first()
    if last is not None:
        number = last.version + 1
    return RulesVersion.objects.create(
        session=session, version=number, preset=preset, rules=data, changes=rules_diff(previous, data)
    )


def rules_diff(previous: RulesVersion | None, new: dict) -> list[dict[str, Any]]:
    if previous is None:
        return []
    old = previous.rules
    changes = []
    for key in sorted(set(old) | set(new)):
        if key == "weights":
            for w in sorted(set(old.get("weights", {})) | set(new.get("weights", {}))):
                a, b = old.get("weights", {}).get(w), new.get("weights", {}).get(w)
                if a != b:
                    changes.append({"param": f"weights.{w}", "old": a, "new": b})
        elif old.get(key) != new.get(key):
            changes.append({"param": key, "old": old.get(key), "new": new.get(key)})
    return changes


def _seat_counts(session: GameSession) -> dict[int, int]:
    counts: dict[int, int] = {}
    for seat_id in Participant.objects.filter(session=session, removed=False, seat__isnull=False).values_list(
        "seat_id", flat=True
    ):
        counts[seat_id] = counts.get(seat_id, 0) + 1
    return counts


def _new_province(session: GameSession) -> Province:
    scenario = get_scenario(session.scenario_id)
    number = (session.provinces.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    province = Province.objects.create(session=session, number=number, treatment=label_for_new_province(session))
    Seat.objects.bulk_create(
        Seat(province=province, city_id=c.id, position=n, bot_strategy=session.bot_strategy if session.fill_with_bots
             else "")
        for n, c in enumerate(scenario.province.cities)
    )
    return province


def _free_seat(session: GameSession) -> Seat | None:
    """Fill provinces in order: first one student per seat, then a second per seat, up to
    the team size; open a new province when all are full (DESIGN §3)."""
    counts = _seat_counts(session)
    # Ids only: at 300 students, building every Seat and Province object cost more than
    # the rest of the join.
    by_province: dict[int, list[int]] = {}
    for seat_id, province_id in Seat.objects.filter(province__session=session).values_list("id", "province_id"):
        by_province.setdefault(province_id, []).append(seat_id)  # by province number, then position
    for seats in by_province.values():
        for level in range(session.students_per_seat):
            for seat_id in seats:
                if counts.get(seat_id, 0) == level:
                    return Seat.objects.select_related("province").get(pk=seat_id)
    provinces = session.provinces.count()
    if provinces >= session.max_provinces:
        return None
    if session.status != GameSession.Status.LOBBY and provinces:
        return None  # new provinces only before the game starts: they would miss rounds
    return _new_province(session).seats.order_by("position").first()


@transaction.atomic
def participant_join(*, code: str, display_name: str, return_code: str = "") -> Participant:
    """Seat a new student, or give a returning one their seat back.

    A name already in the game is never enough to get its seat: the student must also
    type the return code shown on their own card (docs/architecture.md, "Getting back
    in"), so nobody takes over a classmate's seat by typing their name."""
    code = (code or "").strip().upper()
    session = GameSession.objects.select_for_update().filter(code=code).first()
    if session is None:
        raise GameError("bad_code", _("No game has the code “%(code)s”. Check it and try again.") % {"code": code})
    if session.status == GameSession.Status.ENDED:
        raise GameError("ended", _("This game has ended."))
    name = name_normalise(display_name)
    same_name = _participant_named(session, name)
    return_code = (return_code or "").strip().upper()
    if return_code:
        return _participant_return(session, same_name, name, return_code)
    if session.joining_locked:  # a returning student (above) still gets back in
        raise GameError("locked", _("The instructor has closed this game to new players. If you were already "
                                    "playing, type your name and the return code from your game card."),
                        reclaim=True)
    if same_name is not None:
        raise GameError("name_in_game", _("Someone called “%(name)s” is already in this game. If that is you, "
                                          "type the return code shown on your game card to get your seat back; "
                                          "otherwise choose another name.") % {"name": name}, reclaim=True)
    seat = _free_seat(session)
    if seat is None:
        raise GameError("full", _("This game is full. If you were already playing, type the name you used and "
                                  "the return code from your game card to get your seat back."), reclaim=True)
    if seat.bot_strategy:
        Seat.objects.filter(pk=seat.pk).update(bot_strategy="", stand_in=False)
    participant = Participant.objects.create(session=session, seat=seat, display_name=name)
    log(session, "joined", name, participant=participant.id, seat=seat.id, city=seat.city_id,
        province=seat.province.number)
    from game.services.announce import announce_session_soon

    announce_session_soon(session)  # a class joins in a burst: one announcement for many joins
    return participant


def _participant_named(session: GameSession, name: str) -> Participant | None:
    """The student (not removed) with this name, compared as names.name_key does: without
    regard to case or compatibility forms (ANN, Ａｎｎ and Ann are one name)."""
    key = name_key(name)
    # Names only, under the session lock every join waits for: building 300 participants
    # with their seats per join made a class's join burst queue here.
    for participant_id, display_name in session.participants.filter(removed=False).values_list("id", "display_name"):
        if name_key(display_name) == key:
            return session.participants.select_related("seat__province").get(pk=participant_id)
    return None


def _participant_return(session: GameSession, participant: Participant | None, name: str,
                        return_code: str) -> Participant:
    if participant is None or not secrets.compare_digest(participant.return_code, return_code):
        raise GameError("bad_return_code", _("That name and return code do not match a seat in this game. Check "
                                             "both, or ask the instructor for your return code."), reclaim=True)
    log(session, "returned", participant.display_name, participant=participant.id)
    return participant


def _announce_roster(session: GameSession, *provinces: Province | None) -> None:
    from game.services.announce import announce_session

    announce_session(session, provinces)


def _owned_participant(session: GameSession, participant_id: int) -> Participant:
    participant = session.participants.select_related("seat__province").filter(pk=participant_id).first()
    if participant is None:
        raise not_found(_("That student"))
    return participant


@transaction.atomic
def participant_rename(*, session: GameSession, user, participant_id: int, display_name: str) -> Participant:
    check_owner(session, user)
    session = GameSession.objects.select_for_update().get(pk=session.pk)  # one rename or join at a time
    participant = _owned_participant(session, participant_id)
    old = participant.display_name
    name = name_normalise(display_name)
    same_name = _participant_named(session, name)
    if same_name is not None and same_name.id != participant.id:
        raise GameError("duplicate_name", _("Another student in this game is already called “%(name)s”.")
                        % {"name": same_name.display_name})
    participant.display_name = name
    participant.save(update_fields=["display_name"])
    log(session, "renamed", user.get_username(), participant=participant.id, old=old, new=participant.display_name)
    _announce_roster(session, participant.seat.province if participant.seat else None)
    return participant


@transaction.atomic
def participant_move(*, session: GameSession, user, participant_id: int, seat_id: int) -> Participant:
    check_owner(session, user)
    participant = _owned_participant(session, participant_id)
    seat = Seat.objects.select_related("province").filter(pk=seat_id, province__session=session).first()
    if seat is None:
        raise not_found(_("That seat"))
    taken = Participant.objects.filter(seat=seat, removed=False).exclude(pk=participant.pk).count()
    if taken >= session.students_per_seat:
        raise GameError("seat_full", _("That seat already has %(n)s students: swap with one of them instead.")
                        % {"n": taken})
    old_seat = participant.seat
    participant.seat = seat
    participant.removed = False
    participant.save(update_fields=["seat", "removed"])
    if seat.bot_strategy:
        Seat.objects.filter(pk=seat.pk).update(bot_strategy="", stand_in=False)
    _refill_with_bot(session, old_seat)
    log(session, "moved", user.get_username(), participant=participant.id,
        old=old_seat.id if old_seat else None, new=seat.id)
    _announce_roster(session, old_seat.province if old_seat else None, seat.province)
    broadcast.send_control_on_commit(broadcast.participant_group(participant.id), "reconnect")
    return participant


@transaction.atomic
def participant_swap(*, session: GameSession, user, participant_id: int,
                     other_id: int) -> tuple[Participant, Participant]:
    """Exchange the seats of two seated students, both or neither (moving onto a full seat)."""
    check_owner(session, user)
    if participant_id == other_id:
        raise GameError("same_student", _("Choose two different students to swap."))
    locked = {p.id: p for p in Participant.objects.select_for_update().filter(
        session=session, pk__in=[participant_id, other_id], removed=False)}
    if participant_id not in locked or other_id not in locked:
        raise not_found(_("That student"))
    first, second = locked[participant_id], locked[other_id]
    if first.seat_id is None or second.seat_id is None:
        raise GameError("no_seat", _("Both students need a seat to swap; move the one without a seat instead."))
    if first.seat_id == second.seat_id:
        raise GameError("same_seat", _("These students already share a seat."))
    first.seat_id, second.seat_id = second.seat_id, first.seat_id
    first.save(update_fields=["seat"])
    second.save(update_fields=["seat"])
    seats = {s.id: s for s in Seat.objects.select_related("province").filter(pk__in=[first.seat_id, second.seat_id])}
    log(session, "swapped", user.get_username(), participants=[first.id, second.id],
        seats=[first.seat_id, second.seat_id])
    _announce_roster(session, *{s.province_id: s.province for s in seats.values()}.values())
    for moved in (first, second):
        broadcast.send_control_on_commit(broadcast.participant_group(moved.id), "reconnect")
    return first, second


def _refill_with_bot(session: GameSession, seat: Seat | None) -> None:
    if seat is None or not session.fill_with_bots:
        return
    if not Participant.objects.filter(seat=seat, removed=False).exists():
        Seat.objects.filter(pk=seat.pk).update(bot_strategy=session.bot_strategy, stand_in=False)
        _bots_play_now(session)


def _bots_play_now(session: GameSession) -> None:
    """A seat that becomes a bot during a round plays it (bots otherwise play at open)."""
    open_round = session.rounds.filter(status=Round.Status.OPEN).values_list("id", flat=True).first()
    if open_round is not None:
        from game.tasks import bots_play

        broadcast.on_commit(lambda: bots_play.delay(open_round), "bots' moves")


@transaction.atomic
def participant_remove(*, session: GameSession, user, participant_id: int) -> Participant:
    check_owner(session, user)
    participant = _owned_participant(session, participant_id)
    seat = participant.seat
    participant.removed = True
    participant.seat = None
    participant.save(update_fields=["removed", "seat"])
    _refill_with_bot(session, seat)
    log(session, "removed", user.get_username(), participant=participant.id, name=participant.display_name)
    _announce_roster(session, seat.province if seat else None)
    broadcast.send_control_on_commit(broadcast.participant_group(participant.id), "removed")
    return participant


@transaction.atomic
def seat_set_bot(*, session: GameSession, user, seat_id: int, strategy: str) -> Seat:
    """Put a bot in an empty seat (strategy) or take it out (strategy "")."""
    check_owner(session, user)
    seat = Seat.objects.select_related("province").filter(pk=seat_id, province__session=session).first()
    if seat is None:
        raise not_found(_("That seat"))
    if strategy and strategy not in STRATEGIES:
        raise GameError("bad_strategy", _("Unknown bot strategy “%(name)s”.") % {"name": strategy})
    if strategy and Participant.objects.filter(seat=seat, removed=False).exists():
        raise GameError("seat_taken", _("Students sit in that seat; move them before adding a bot."))
    seat.bot_strategy = strategy
    seat.stand_in = False
    seat.save(update_fields=["bot_strategy", "stand_in"])
    if strategy:
        _bots_play_now(session)
    log(session, "bot_set", user.get_username(), seat=seat.id, strategy=strategy)
    _announce_roster(session, seat.province)
    return seat


@transaction.atomic
def province_add(*, session: GameSession, user) -> Province:
    check_owner(session, user)
    if session.status != GameSession.Status.LOBBY:
        raise GameError("started", _("Provinces can only be added before the first round."))
    if session.provinces.count() >= session.max_provinces:
        raise GameError("full", _("This game is full."))
    province = _new_province(session)
    _announce_roster(session, province)
    return province


@transaction.atomic
def session_lock(*, session: GameSession, user) -> GameSession:
    """Close the session to new students (those with a return code still get back in)."""
    return _set_joining_locked(session, user, True)


@transaction.atomic
def session_unlock(*, session: GameSession, user) -> GameSession:
    return _set_joining_locked(session, user, False)


def _set_joining_locked(session: GameSession, user, locked: bool) -> GameSession:
    check_owner(session, user)
    session = GameSession.objects.select_for_update().get(pk=session.pk)
    if session.status == GameSession.Status.ENDED:
        raise GameError("ended", _("This game has ended."))
    if session.joining_locked != locked:
        session.joining_locked = locked
        session.save(update_fields=["joining_locked"])
        log(session, "session_locked" if locked else "session_unlocked", user.get_username())
        _announce_roster(session, *session.provinces.all())
    return session


@transaction.atomic
def session_end(*, session: GameSession, user) -> GameSession:
    check_owner(session, user)
    session = GameSession.objects.select_for_update().get(pk=session.pk)
    if session.status == GameSession.Status.ENDED:
        return session
    from game.services.rounds import round_close

    open_round = session.rounds.filter(status=Round.Status.OPEN).first()
    if open_round is not None:  # the round in play is closed and scored, not abandoned
        round_close(round_id=open_round.id, actor=user.get_username())
    session.status = GameSession.Status.ENDED
    session.ended_at = timezone.now()
    session.paused_at = None
    session.save(update_fields=["status", "ended_at", "paused_at"])
    session.rounds.filter(status=Round.Status.DRAFT).delete()
    log(session, "session_ended", user.get_username())
    _announce_roster(session, *session.provinces.all())
    return session
