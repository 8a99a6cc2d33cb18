"""Bot seats on the platform: they answer proposals, propose (the `negotiator`), and
choose their sheet again once an agreement or a task binds them — through the same
services as people (game/bots/agreements.py decides; this module only loads and calls).
Each function is run by a Celery task and is safe to run twice."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from coordination import services
from coordination.models import Agreement
from coordination.selectors import seat_commitments
from game.bots import STRATEGIES, BotView, make_strategy
from game.bots.agreements import answer, play, proposals
from game.engine import Agreement as EngineAgreement
from game.engine.serialize import rules_from_data
from game.models import Round, Seat
from game.services.bots import _history
from game.services.errors import GameError
from game.services.province_rules import province_version
from game.services.rounds import sheet_save
from game.services.selectors import province_seed, scenario_for, state_before

STOPPING = ("round_not_open", "ended")  # the round moved on: nothing more to do
# A bot's note is stored once and read by parties in either language.
BOT_NOTE = ("各方按公平份额出资，收益按现行规则分配。 "
            "Each city pays its fair share; benefits are split as the rules say.")


def _view(seat: Seat, rnd: Round) -> BotView:
    session = rnd.session
    scenario = scenario_for(session)
    agreements, tasks = seat_commitments(seat, rnd)
    return BotView(scenario.province, state_before(seat.province, rnd.number, session),
                   rules_from_data(province_version(rnd, seat.province).rules), scenario.offers[rnd.number - 1],
                   seat.city_id, _history(seat.province, rnd, scenario), province_seed(session, seat.province.number),
                   agreements=agreements, tasks=tasks)


def bots_answer_due(*, older_than: float | None = None) -> int:
    """Answer, for their bot parties, every proposal of an open round that has waited at
    least `older_than` seconds (BOT_ANSWER_SECONDS): bots answer a few seconds after a
    proposal, as a person would. One indexed query when there is nothing to do."""
    wait = settings.BOT_ANSWER_SECONDS if older_than is None else older_than
    cutoff = timezone.now() - dt.timedelta(seconds=wait)
    due = (Agreement.objects.filter(status=Agreement.Status.PROPOSED, round__status=Round.Status.OPEN,
                                    created_at__lte=cutoff)
           .filter(parties__accepted_at__isnull=True, parties__seat__bot_strategy__gt="")
           .values_list("id", flat=True).distinct())
    return sum(bots_answer(agreement_id=agreement_id) for agreement_id in list(due))


def bots_answer(*, agreement_id: int) -> int:
    """Every bot party that has not answered a proposal answers it by its strategy."""
    agreement = Agreement.objects.select_related("round__session", "round__rules").filter(pk=agreement_id).first()
    if agreement is None or agreement.status != Agreement.Status.PROPOSED:
        return 0
    parties = list(agreement.parties.select_related("seat__province"))
    proposal = EngineAgreement(agreement.engine_id, agreement.project_id, {p.seat.city_id: p.pledge for p in parties})
    answered = 0
    for party in parties:
        seat = party.seat
        if not seat.bot_strategy or party.accepted_at is not None:
            continue
        accept = answer(make_strategy(seat.bot_strategy), _view(seat, agreement.round), proposal)
        act = services.agreement_accept if accept else services.agreement_decline
        try:
            act(seat=seat, agreement_id=agreement.public_id, by_bot=True)
        except GameError as exc:
            if exc.code in STOPPING or exc.code == "not_proposed":
                return answered
            raise
        answered += 1
        if not accept:
            break  # one refusal ends the proposal
    return answered


def bots_resave(*, round_id: int, seat_ids: list[int]) -> int:
    """Bot seats choose and save their sheet again with what now binds them."""
    rnd = Round.objects.select_related("session", "rules").filter(pk=round_id).first()
    if rnd is None or rnd.status != Round.Status.OPEN:
        return 0
    saved = 0
    for seat in Seat.objects.filter(pk__in=seat_ids, province__session=rnd.session).exclude(bot_strategy="") \
            .select_related("province"):
        sheet = play(make_strategy(seat.bot_strategy), _view(seat, rnd))
        data = {"bids": dict(sheet.bids), "contributions": dict(sheet.contributions),
                "inflation_pct": sheet.inflation_pct}
        try:
            sheet_save(participant=None, seat=seat, round_number=rnd.number, data=data, by_bot=True)
        except GameError as exc:
            if exc.code in STOPPING:
                return saved
            raise
        saved += 1
    return saved


def bots_propose(*, round_id: int) -> int:
    """Bot seats whose strategy talks propose their agreements for the open round."""
    rnd = Round.objects.select_related("session", "rules").filter(pk=round_id).first()
    if rnd is None or rnd.status != Round.Status.OPEN:
        return 0
    made = 0
    talkers = [name for name, cls in STRATEGIES.items() if getattr(cls, "proposes", False)]
    for seat in Seat.objects.filter(province__session=rnd.session, bot_strategy__in=talkers) \
            .select_related("province"):
        # A project it already talked about this round (proposed, signed or refused) is not
        # proposed again: safe to run twice.
        busy = set(Agreement.objects.filter(round=rnd, parties__seat=seat).values_list("project_id", flat=True))
        for proposal in proposals(_view(seat, rnd)):
            if proposal.project_id in busy:
                continue
            try:
                services.agreement_propose(seat=seat, project_id=proposal.project_id, pledges=dict(proposal.pledges),
                                           note=BOT_NOTE, by_bot=True)
            except GameError as exc:
                if exc.code in STOPPING:
                    return made
                continue  # e.g. a pledge it can no longer cover: skip that one
            made += 1
    return made

