"""The one write path of agreements and assigned tasks (DESIGN §7).

Every function is keyword-only, runs in a transaction, logs an `Event` and tells the
screens after commit. Students act for their seat (`participant`), bots for theirs
(`seat`, `by_bot=True`), the instructor as the session's owner (`user`). Whatever is
refused changes nothing and says why, translated.

Outsiders learn nothing: an agreement id the caller is not a party to (another
province's, another session's, or one that does not exist) is "not found" alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coordination import announce
from coordination.models import NOTE_MAX, Agreement, AgreementParty, AssignedTask, TaskShare, new_public_id
from coordination.selectors import load_agreement, seat_commitments
from game.engine import JointProject, Rules
from game.engine.commitments import binding_minimums
from game.engine.serialize import rules_from_data
from game.models import GameSession, Participant, Round, Seat
from game.services.errors import GameError, forbidden
from game.services.province_rules import province_version
from game.services.rounds import _open_round_shared
from game.services.selectors import scenario_for, state_before
from game.services.sessions import check_owner, log

MAX_OPEN_PER_SEAT = 6  # open proposals one seat may have made at once
FLOOD_WINDOW = dt.timedelta(seconds=10)
FLOOD_MAX = 3  # proposals per seat per window


def _city(session: GameSession, city_id: str) -> str:
    """A city's name in the language of the answer."""
    city = scenario_for(session).province.city(city_id)
    return city.name_zh if (translation.get_language() or "").lower().startswith("zh") else city.name_en


def _not_found() -> GameError:
    return GameError("agreement_not_found", _("There is no such agreement for your city."))


def _acting_seat(participant: Participant | None, seat: Seat | None, by_bot: bool) -> Seat:
    if participant is not None:
        participant = Participant.objects.select_related("seat__province__session").get(pk=participant.pk)
        if participant.removed or participant.seat is None:
            raise GameError("no_seat", _("You do not have a seat in this game."))
        seat = participant.seat
    if seat is None:
        raise forbidden()
    if seat.bot_strategy and not by_bot:
        raise forbidden()
    return seat


def _not_paused(session: GameSession) -> None:
    """Agreements bind sheets, and sheets are frozen during a pause: signing one then
    changed what a city owed while no one could save. Chat stays open (docs/protocol.md)."""
    if session.paused_at is not None:
        raise GameError("paused", _("The instructor has paused the game: agreements wait until it resumes. "
                                    "Nothing was changed; try again then."))


def _open_round(session: GameSession) -> Round:
    if session.status == GameSession.Status.ENDED:
        raise GameError("ended", _("This game has ended."))
    _not_paused(session)
    rnd = _open_round_shared(session)
    if rnd is None or rnd.deadline <= timezone.now():
        raise GameError("round_not_open", _("Agreements can only be made while a round is open."))
    return rnd


def _project(session: GameSession, rnd: Round, project_id: Any) -> JointProject:
    offer = scenario_for(session).offers[rnd.number - 1]
    project = offer.joint_by_id().get(project_id) if isinstance(project_id, str) else None
    if project is None:
        raise GameError("unknown_project", _("There is no joint project “%(project)s” this round.")
                        % {"project": str(project_id)[:60]})
    return project


def _note(text: Any, *, required: bool) -> str:
    if text is None and not required:
        return ""
    if not isinstance(text, str):
        raise GameError("bad_note", _("The note must be text."))
    text = text.strip()
    if required and not text:
        raise GameError("bad_note", _("Write a note on how the benefits will be shared."))
    if len(text) > NOTE_MAX:
        raise GameError("bad_note", _("A note has at most %(max)s characters.") % {"max": NOTE_MAX})
    return text


def _amounts(session: GameSession, raw: Any, project: JointProject, seats: dict[str, Seat],
             budgets: dict[str, int], what: str) -> dict[str, int]:
    """{city id: whole units} for members of the project, each within the city's budget."""
    if not isinstance(raw, Mapping) or not raw:
        raise GameError("bad_pledges", _("Name at least one city and its amount."))
    out: dict[str, int] = {}
    for city_id, amount in raw.items():
        if not isinstance(city_id, str) or city_id not in seats:
            raise GameError("bad_party", _("“%(city)s” is not a city of this province.") % {"city": str(city_id)[:60]})
        if city_id not in project.members:
            raise GameError("bad_party", _("%(city)s is not a member of this joint project.")
                            % {"city": _city(session, city_id)})
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise GameError("bad_pledge", _("%(what)s must be whole numbers.") % {"what": what})
        if amount < 0:
            raise GameError("bad_pledge", _("%(what)s cannot be negative.") % {"what": what})
        if amount > budgets[city_id]:
            raise GameError("bad_pledge", _("%(city)s cannot give %(amount)s: its budget this round is %(budget)s.")
                            % {"city": _city(session, city_id), "amount": amount, "budget": budgets[city_id]})
        out[city_id] = amount
    if not any(out.values()):
        raise GameError("bad_pledges", _("At least one amount must be more than zero."))
    return out


def _rules(rnd: Round, province) -> Rules:
    """The rules the province plays the round under (its own treatment's)."""
    return rules_from_data(province_version(rnd, province).rules)


def _check_covered(seat: Seat, rnd: Round, rules: Rules, project_id: str, amount: int, source: str,
                   budget: int) -> None:
    """Refuse a new binding commitment that, with the city's other binding commitments,
    would ask more than its budget: no sheet could then honour them all."""
    binding = rules.binding_agreements if source == "agreement" else rules.enforce_tasks
    if not binding:
        return
    agreements, tasks = seat_commitments(seat, rnd)
    minimums = {k: m.amount for k, m in binding_minimums(seat.city_id, rules, agreements, tasks).items()}
    minimums[project_id] = max(minimums.get(project_id, 0), amount)
    if sum(minimums.values()) > budget:
        raise GameError("cannot_cover", _("%(city)s cannot cover this: its binding pledges and tasks would total "
                                          "%(total)s, more than its budget of %(budget)s.")
                        % {"city": _city(seat.province.session, seat.city_id), "total": sum(minimums.values()),
                           "budget": budget})


def agreement_propose(*, participant: Participant | None = None, seat: Seat | None = None, project_id: Any,
                      pledges: Any, note: Any, by_bot: bool = False) -> Agreement:
    """A seat proposes pledges to one joint project of the open round it is a member of;
    it accepts its own proposal by making it. Every party must be a member."""
    with transaction.atomic():
        seat = _acting_seat(participant, seat, by_bot)
        session = seat.province.session
        rnd = _open_round(session)
        project = _project(session, rnd, project_id)
        if seat.city_id not in project.members:
            raise GameError("not_member", _("Your city is not a member of joint project “%(project)s”.")
                            % {"project": project.id})
        text = _note(note, required=True)
        seats = {s.city_id: s for s in Seat.objects.filter(province_id=seat.province_id)}
        state = state_before(seat.province, rnd.number, session)
        budgets = {c.city_id: c.budget for c in state.cities}
        amounts = _amounts(session, pledges, project, seats, budgets, _("Pledges"))
        if seat.city_id not in amounts or len(amounts) < 2:
            raise GameError("bad_parties", _("An agreement names your city and at least one other member."))
        mine = Agreement.objects.filter(round=rnd, proposer=seat)
        if mine.filter(created_at__gt=timezone.now() - FLOOD_WINDOW).count() >= FLOOD_MAX:
            raise GameError("flood", _("Too many proposals at once: wait a few seconds."))
        if mine.filter(status=Agreement.Status.PROPOSED).count() >= MAX_OPEN_PER_SEAT:
            raise GameError("flood", _("You have %(max)s open proposals: wait for answers or withdraw one.")
                            % {"max": MAX_OPEN_PER_SEAT})
        rules = _rules(rnd, seat.province)
        _check_covered(seat, rnd, rules, project.id, amounts[seat.city_id], "agreement", budgets[seat.city_id])
        now = timezone.now()
        agreement = _create_with_public_id(session=session, province_id=seat.province_id, round=rnd,
                                           project_id=project.id, proposer=seat, note=text)
        AgreementParty.objects.bulk_create([
            AgreementParty(agreement=agreement, seat=seats[c], pledge=n, accepted_at=now if c == seat.city_id else None)
            for c, n in amounts.items()])
        log(session, "agreement_proposed", _actor(participant, seat), agreement=agreement.id, round=rnd.number,
            province=seat.province.number, project=project.id, pledges=amounts, note=text)
        agreement = load_agreement(agreement.id)
        announce.agreement(agreement)  # bot parties answer from the sweeper (coordination.bots.bots_answer_due)
    return agreement


PUBLIC_ID_ATTEMPTS = 5


def _create_with_public_id(**fields: Any) -> Agreement:
    """A new agreement with a random public id no other agreement of the session has
    (docs/protocol.md §9: the table's id would count everyone's proposals)."""
    used = set(Agreement.objects.filter(session=fields["session"]).values_list("public_id", flat=True))
    for attempt in range(PUBLIC_ID_ATTEMPTS):
        public_id = new_public_id()
        if public_id in used:
            continue
        try:
            with transaction.atomic():  # a proposal elsewhere in the session may draw it at the same moment
                return Agreement.objects.create(public_id=public_id, **fields)
        except IntegrityError:
            if attempt == PUBLIC_ID_ATTEMPTS - 1:
                raise
    raise GameError("busy", _("The agreement could not be recorded: try again."))


def _actor(participant: Participant | None, seat: Seat) -> str:
    return participant.display_name if participant is not None else f"bot:{seat.city_id}"


def _party_agreement(agreement_id: Any, seat: Seat) -> Agreement:
    """The agreement, locked, when the seat is one of its parties; else "not found"."""
    if isinstance(agreement_id, bool) or not isinstance(agreement_id, int):
        raise _not_found()
    agreement = (Agreement.objects.select_for_update().select_related("round", "session")
                 .filter(public_id=agreement_id, province_id=seat.province_id, parties__seat=seat).first())
    if agreement is None:
        raise _not_found()
    return agreement


def _still_proposed(agreement: Agreement) -> None:
    _not_paused(agreement.session)
    if agreement.status != Agreement.Status.PROPOSED:
        raise GameError("not_proposed", _("This agreement is already %(status)s.")
                        % {"status": Agreement.Status(agreement.status).label.lower()})
    if agreement.round.status != Round.Status.OPEN or agreement.round.deadline <= timezone.now():
        raise GameError("round_not_open", _("Agreements can only be made while a round is open."))


def agreement_accept(*, participant: Participant | None = None, seat: Seat | None = None, agreement_id: Any,
                     by_bot: bool = False) -> Agreement:
    """A named party accepts; when the last one does, the agreement is signed."""
    with transaction.atomic():
        seat = _acting_seat(participant, seat, by_bot)
        agreement = _party_agreement(agreement_id, seat)
        _open_round(agreement.session)
        _still_proposed(agreement)
        party = AgreementParty.objects.select_for_update().get(agreement=agreement, seat=seat)
        if party.accepted_at is None:
            rnd = agreement.round
            state = state_before(seat.province, rnd.number, agreement.session)
            _check_covered(seat, rnd, _rules(rnd, seat.province), agreement.project_id, party.pledge, "agreement",
                           state.city(seat.city_id).budget)
            party.accepted_at = timezone.now()
            party.save(update_fields=["accepted_at"])
            log(agreement.session, "agreement_accepted", _actor(participant, seat), agreement=agreement.id,
                city=seat.city_id)
        if not agreement.parties.filter(accepted_at__isnull=True).exists():
            agreement.status = Agreement.Status.SIGNED
            agreement.decided_at = timezone.now()
            agreement.save(update_fields=["status", "decided_at"])
            log(agreement.session, "agreement_signed", "", agreement=agreement.id)
            announce.bots_honour_later(agreement)
        agreement = load_agreement(agreement.id)
        announce.agreement(agreement)
    return agreement


def _end(agreement: Agreement, status: str, kind: str, actor: str, **data: Any) -> Agreement:
    agreement.status = status
    agreement.decided_at = timezone.now()
    agreement.save(update_fields=["status", "decided_at", "reason"])
    log(agreement.session, kind, actor, agreement=agreement.id, **data)
    agreement = load_agreement(agreement.id)
    announce.agreement(agreement)
    return agreement


def agreement_decline(*, participant: Participant | None = None, seat: Seat | None = None, agreement_id: Any,
                      by_bot: bool = False) -> Agreement:
    """A named party declines: the proposal ends (an agreement needs every party)."""
    with transaction.atomic():
        seat = _acting_seat(participant, seat, by_bot)
        agreement = _party_agreement(agreement_id, seat)
        _still_proposed(agreement)
        return _end(agreement, Agreement.Status.DECLINED, "agreement_declined", _actor(participant, seat),
                    city=seat.city_id)


def agreement_withdraw(*, participant: Participant, agreement_id: Any) -> Agreement:
    """The proposer takes a proposal back before every party has accepted."""
    with transaction.atomic():
        seat = _acting_seat(participant, None, False)
        agreement = _party_agreement(agreement_id, seat)
        if agreement.proposer_id != seat.id:
            raise GameError("not_proposer", _("Only the city that proposed an agreement can withdraw it."))
        _still_proposed(agreement)
        return _end(agreement, Agreement.Status.WITHDRAWN, "agreement_withdrawn", _actor(participant, seat))


def agreement_annul(*, session: GameSession, user, agreement_id: Any, reason: Any) -> Agreement:
    """The province annuls a proposed or signed agreement of a round not yet scored,
    with a reason its parties are told."""
    check_owner(session, user)
    text = _note(reason, required=False)
    if not text:
        raise GameError("bad_reason", _("Give the parties a reason for annulling their agreement."))
    with transaction.atomic():
        if isinstance(agreement_id, bool) or not isinstance(agreement_id, int):
            raise _not_found()
        agreement = (Agreement.objects.select_for_update().select_related("round", "session")
                     .filter(public_id=agreement_id, session=session).first())
        if agreement is None:
            raise _not_found()
        if agreement.status not in (Agreement.Status.PROPOSED, Agreement.Status.SIGNED):
            raise GameError("not_annullable", _("Only a proposed or signed agreement can be annulled."))
        if agreement.round.status not in (Round.Status.OPEN, Round.Status.CLOSED):
            raise GameError("not_annullable", _("An agreement of a scored round stands in the record."))
        agreement.reason = text
        return _end(agreement, Agreement.Status.ANNULLED, "agreement_annulled", user.get_username(), reason=text)


def task_assign(*, session: GameSession, user, province_id: Any, project_id: Any, required: Any,
                note: Any = "") -> AssignedTask:
    """专项式发包: assign a joint project of the open round to named member cities of one
    province, each with a required contribution."""
    check_owner(session, user)
    with transaction.atomic():
        rnd = _open_round(session)
        if isinstance(province_id, bool) or not isinstance(province_id, int):
            raise GameError("unknown_province", _("There is no such province in this game."))
        province = session.provinces.filter(pk=province_id).first()
        if province is None:
            raise GameError("unknown_province", _("There is no such province in this game."))
        project = _project(session, rnd, project_id)
        text = _note(note, required=False)
        seats = {s.city_id: s for s in Seat.objects.filter(province=province)}
        state = state_before(province, rnd.number, session)
        budgets = {c.city_id: c.budget for c in state.cities}
        amounts = _amounts(session, required, project, seats, budgets, _("Required contributions"))
        rules = _rules(rnd, province)
        for city_id, amount in amounts.items():
            _check_covered(seats[city_id], rnd, rules, project.id, amount, "task", budgets[city_id])
        task = AssignedTask.objects.create(session=session, province=province, round=rnd, project_id=project.id,
                                           note=text)
        TaskShare.objects.bulk_create([TaskShare(task=task, seat=seats[c], required=n) for c, n in amounts.items()])
        log(session, "task_assigned", user.get_username(), task=task.id, round=rnd.number,
            province=province.number, project=project.id, required=amounts, note=text)
        task = AssignedTask.objects.select_related("round").prefetch_related("shares__seat").get(pk=task.pk)
        announce.task(task)
        announce.bots_honour_later_seats([seats[c] for c in amounts if seats[c].bot_strategy], rnd)
    return task
