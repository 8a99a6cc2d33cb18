"""What closing and scoring a round ask of the platform: open proposals lapse when the
round closes; after scoring each pledge and required share is marked kept or broken from
the engine's `PledgeOutcome`s. Called by game/services/rounds.py inside its transactions."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from coordination import announce
from coordination.models import Agreement, AgreementParty, TaskShare
from coordination.selectors import load_agreement
from game.engine import PledgeOutcome
from game.models import GameSession, Round
from game.services.sessions import log


def agreements_lapse(*, rnd: Round) -> int:
    """Every proposal of the round still waiting for an answer lapses (the round closed)."""
    waiting = list(Agreement.objects.filter(round=rnd, status=Agreement.Status.PROPOSED).values_list("id", flat=True))
    if not waiting:
        return 0
    Agreement.objects.filter(pk__in=waiting).update(status=Agreement.Status.LAPSED, decided_at=timezone.now())
    log(rnd.session, "agreements_lapsed", "", round=rnd.number, agreements=waiting)
    for agreement_id in waiting:
        announce.agreement(load_agreement(agreement_id))
    return len(waiting)


def commitments_record(*, pledges: Iterable[PledgeOutcome]) -> None:
    """Mark each party of the engine's pledges kept or broken (and penalised or not)."""
    for p in pledges:
        number = int(p.source_id[1:])
        model, key = (AgreementParty, "agreement_id") if p.source == "agreement" else (TaskShare, "task_id")
        model.objects.filter(**{key: number, "seat__city_id": p.city_id}).update(kept=p.kept, penalised=p.penalised)


def announce_record(*, session: GameSession, rnd: Round, province_ids: list[int]) -> None:
    announce.promises(session, rnd, province_ids)
