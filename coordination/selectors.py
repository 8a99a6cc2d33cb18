"""Reads of agreements and tasks: for scoring, for sheet checks, and cut per audience.

Who sees what (docs/protocol.md, "Agreements"): a proposal and its pledges and note go to
its parties and the instructor only; assigned tasks are province business, public within
the province; after scoring, the record of promises — which signed agreement and task
each city kept or broke, against what pledge — is public within the province. What a
city contributed is already public in the round's joint-project results; the record adds
no figure that is not (it leaves out how much the engine added to a sheet, which would
tell what the sheet itself said)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch

from coordination.models import Agreement, AgreementParty, AssignedTask, TaskShare
from game.engine import Agreement as EngineAgreement
from game.engine import AssignedTask as EngineTask
from game.engine import Rules, Sheet
from game.engine.commitments import binding_minimums, commitment_problems
from game.models import GameSession, Round, Seat
from game.services.problems import translate
from game.services.treatment_labels import results_hidden


def _signed(rnd: Round, province_ids: Iterable[int] | None = None):
    rows = Agreement.objects.filter(round=rnd, status=Agreement.Status.SIGNED)
    if province_ids is not None:
        rows = rows.filter(province_id__in=list(province_ids))
    return rows.prefetch_related(Prefetch("parties", queryset=AgreementParty.objects.select_related("seat")))


def _tasks(rnd: Round, province_ids: Iterable[int] | None = None):
    rows = AssignedTask.objects.filter(round=rnd)
    if province_ids is not None:
        rows = rows.filter(province_id__in=list(province_ids))
    return rows.prefetch_related(Prefetch("shares", queryset=TaskShare.objects.select_related("seat")))


def round_commitments(rnd: Round) -> dict[int, tuple[tuple[EngineAgreement, ...], tuple[EngineTask, ...]]]:
    """Province id → the round's signed agreements and assigned tasks as engine data:
    what scoring passes to the engine (`agreements`, `tasks`). Two queries per call."""
    out: dict[int, tuple[list, list]] = {}
    for a in _signed(rnd):
        out.setdefault(a.province_id, ([], []))[0].append(
            EngineAgreement(a.engine_id, a.project_id, {p.seat.city_id: p.pledge for p in a.parties.all()}))
    for t in _tasks(rnd):
        out.setdefault(t.province_id, ([], []))[1].append(
            EngineTask(t.engine_id, t.project_id, {s.seat.city_id: s.required for s in t.shares.all()}))
    return {pid: (tuple(a), tuple(t)) for pid, (a, t) in out.items()}


def seat_commitments(seat: Seat, rnd: Round) -> tuple[tuple[EngineAgreement, ...], tuple[EngineTask, ...]]:
    """The signed agreements and tasks of the seat's province this round that name it."""
    agreements = tuple(
        EngineAgreement(a.engine_id, a.project_id, {p.seat.city_id: p.pledge for p in a.parties.all()})
        for a in _signed(rnd, [seat.province_id]).filter(parties__seat=seat))
    tasks = tuple(
        EngineTask(t.engine_id, t.project_id, {s.seat.city_id: s.required for s in t.shares.all()})
        for t in _tasks(rnd, [seat.province_id]).filter(shares__seat=seat))
    return agreements, tasks


def sheet_problems(*, seat: Seat, rnd: Round, rules: Rules, sheet: Sheet, project_names: dict[str, str]
                   ) -> list[dict[str, Any]]:
    """Translated problems for a sheet below a binding pledge or required share; none
    when the rules bind nothing (then the sheet only shows a reminder)."""
    if not (rules.binding_agreements or rules.enforce_tasks):
        return []
    agreements, tasks = seat_commitments(seat, rnd)
    problems = commitment_problems(sheet, binding_minimums(seat.city_id, rules, agreements, tasks))
    # The engine names an agreement by its table id; the student knows it by its public id.
    public = dict(Agreement.objects.filter(round=rnd, province_id=seat.province_id)
                  .values_list("id", "public_id")) if problems else {}
    out = []
    for p in problems:
        params = dict(p.params)
        source = params["source"]
        number = public.get(int(source[1:]), "?") if source.startswith("a") else source[1:]
        params.update(number=number, name=project_names.get(params["project"], params["project"]))
        out.append(type(p)(p.code, p.field, p.message, params))
    return translate(out)


def _party(p: AgreementParty) -> dict[str, Any]:
    return {"city": p.seat.city_id, "seat": p.seat_id, "pledge": p.pledge, "accepted": p.accepted_at is not None,
            "kept": p.kept, "penalised": p.penalised}


def agreement_payload(a: Agreement) -> dict[str, Any]:
    """An agreement as its parties and the instructor see it. `id` is its random public id:
    the table's id would tell a city how many proposals others made in between."""
    return {
        "id": a.public_id, "round": a.round.number, "province": a.province_id, "project": a.project_id,
        "proposer": a.proposer.city_id, "proposer_seat": a.proposer_id, "note": a.note, "status": a.status,
        "reason": a.reason, "created_at": a.created_at.isoformat(),
        "parties": [_party(p) for p in a.parties.all()],
    }


def task_payload(t: AssignedTask) -> dict[str, Any]:
    """A task as its province sees it (public within the province)."""
    return {
        "id": t.id, "round": t.round.number, "province": t.province_id, "project": t.project_id, "note": t.note,
        "created_at": t.created_at.isoformat(),
        "shares": [{"city": s.seat.city_id, "seat": s.seat_id, "required": s.required, "kept": s.kept,
                    "penalised": s.penalised} for s in t.shares.all()],
    }


def _with_parties(rows):
    return rows.select_related("round", "proposer").prefetch_related(
        Prefetch("parties", queryset=AgreementParty.objects.select_related("seat")))


def load_agreement(agreement_id: int) -> Agreement:
    return _with_parties(Agreement.objects.filter(pk=agreement_id)).get()


def promise_record(province_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Province id → every scored signed agreement and task, with kept or broken per city,
    oldest first: the record of promises, public within the province. No note (it belongs
    to the parties) and no contributed amounts (see the module docstring)."""
    out: dict[int, list[dict[str, Any]]] = {pid: [] for pid in province_ids}
    order: dict[int, int] = {}  # entry → its place in time (public ids are random)
    agreements = _with_parties(Agreement.objects.filter(
        province_id__in=province_ids, status=Agreement.Status.SIGNED, round__status=Round.Status.SCORED))
    for a in agreements:
        entry = {
            "kind": "agreement", "id": a.public_id, "round": a.round.number, "project": a.project_id,
            "proposer": a.proposer.city_id,
            "parties": [{"city": p.seat.city_id, "pledge": p.pledge, "kept": p.kept, "penalised": p.penalised}
                        for p in a.parties.all()]}
        order[id(entry)] = a.pk
        out[a.province_id].append(entry)
    tasks = AssignedTask.objects.filter(province_id__in=province_ids, round__status=Round.Status.SCORED) \
        .select_related("round").prefetch_related(Prefetch("shares", queryset=TaskShare.objects.select_related("seat")))
    for t in tasks:
        entry = {
            "kind": "task", "id": t.id, "round": t.round.number, "project": t.project_id, "proposer": None,
            "parties": [{"city": s.seat.city_id, "pledge": s.required, "kept": s.kept, "penalised": s.penalised}
                        for s in t.shares.all()]}
        order[id(entry)] = t.pk
        out[t.province_id].append(entry)
    for rows in out.values():
        rows.sort(key=lambda r: (r["round"], r["kind"], order[id(r)]))
    return out


def counts(session: GameSession, rnd: Round | None = None) -> list[dict[str, Any]]:
    """Per province, for one scored round (the last scored when None): agreements signed,
    kept by every party, and broken by at least one. For the projector and the panel."""
    if rnd is None:
        rnd = session.rounds.filter(status=Round.Status.SCORED).order_by("-number").first()
    if rnd is None:
        return []
    by_province: dict[int, dict[str, Any]] = {}
    for a in _signed(rnd):
        row = by_province.setdefault(a.province_id, {"province": a.province_id, "round": rnd.number,
                                                     "signed": 0, "kept": 0, "broken": 0})
        row["signed"] += 1
        kept = [p.kept for p in a.parties.all()]
        if all(k is True for k in kept):
            row["kept"] += 1
        elif any(k is False for k in kept):
            row["broken"] += 1
    return [by_province[k] for k in sorted(by_province)]


def counts_for_projector(session: GameSession, rnd: Round | None = None) -> list[dict[str, Any]]:
    """`counts` as the whole class may see them: before the treatments are revealed, one
    total over every province (province None). Agreements are signed and kept for the rules'
    sake (a collaboration reward), so counts per province would name each one's treatment."""
    rows = counts(session, rnd)
    if not rows or not results_hidden(session):
        return rows
    return [{"province": None, "round": rows[0]["round"],
             **{k: sum(r[k] for r in rows) for k in ("signed", "kept", "broken")}}]


def seat_view(seat: Seat, rnd: Round | None) -> dict[str, Any]:
    """What a student's screen holds about agreements: the current round's agreements the
    seat is party to (any status), the province's tasks this round, and the record."""
    mine: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    if rnd is not None:
        mine = [agreement_payload(a) for a in _with_parties(
            Agreement.objects.filter(round=rnd, province_id=seat.province_id, parties__seat=seat))]
        tasks = [task_payload(t) for t in _tasks(rnd, [seat.province_id]).select_related("round")]
    return {"round": rnd.number if rnd else None, "agreements": mine, "tasks": tasks,
            "record": promise_record([seat.province_id])[seat.province_id]}


def instructor_view(session: GameSession, rnd: Round | None) -> dict[str, Any]:
    """Every agreement and task of the current round, every province's record, the counts."""
    province_ids = list(session.provinces.values_list("id", flat=True))
    agreements: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    if rnd is not None:
        agreements = [agreement_payload(a) for a in _with_parties(Agreement.objects.filter(round=rnd))]
        tasks = [task_payload(t) for t in _tasks(rnd).select_related("round")]
    return {"round": rnd.number if rnd else None, "agreements": agreements, "tasks": tasks,
            "record": promise_record(province_ids), "counts": counts(session)}
