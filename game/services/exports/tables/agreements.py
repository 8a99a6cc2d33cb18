"""agreements.csv: one row per party of every agreement proposed and per share of every
task the province assigned (DESIGN §7), with its fate."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from coordination.models import AgreementParty, TaskShare
from game.services.exports.context import ExportContext
from game.services.exports.table import SEAT_COLUMNS, Column, Row, Table, fixed, seat_cells

COLUMNS = (
    *SEAT_COLUMNS,
    Column("kind", _("agreement (proposed by a city) or task (assigned by the province).")),
    Column("id", _("Agreement or task id, as the engine and the log name it (a12, t3).")),
    Column("screen_id", _("The number the students' screens show for it (“Agreement #615931”, “Task #3”): "
                          "match a student's words to this row by it.")),
    Column("project_id", _("The joint project it is about.")),
    Column("status", _("Agreement: proposed, signed, declined, withdrawn, lapsed or annulled. Task: assigned.")),
    Column("proposer_city", _("Agreement: the city that proposed it.")),
    Column("created_at", _("When it was proposed or assigned (ISO 8601, UTC).")),
    Column("decided_at", _("When it was signed, declined, withdrawn, lapsed or annulled.")),
    Column("note", _("The benefit-split note or the task's note (left out of anonymised exports).")),
    Column("reason", _("Why the province annulled it.")),
    Column("amount", _("This city's pledge (agreement) or required contribution (task).")),
    Column("accepted_at", _("When this city accepted (agreements).")),
    Column("kept", _("Whether this city contributed what it owed (empty until the round is scored).")),
    Column("penalised", _("Whether this city lost points for it.")),
)


def rows(ctx: ExportContext) -> Iterator[Row]:
    numbers = {r.id: r.number for r in ctx.rounds}
    parties = (AgreementParty.objects.filter(agreement__session=ctx.session)
               .select_related("agreement__proposer")
               .order_by("agreement__round__number", "agreement__province__number", "agreement__created_at",
                         "agreement_id", "seat__position"))
    for p in parties.iterator(chunk_size=1000):
        a = p.agreement
        yield {**seat_cells(ctx, numbers[a.round_id], ctx.seats[p.seat_id]), "kind": "agreement",
               "id": a.engine_id, "screen_id": a.public_id, "project_id": a.project_id, "status": a.status,
               "proposer_city": a.proposer.city_id, "created_at": a.created_at, "decided_at": a.decided_at,
               "note": "" if ctx.anonymise else a.note, "reason": a.reason, "amount": p.pledge,
               "accepted_at": p.accepted_at, "kept": p.kept, "penalised": p.penalised}
    shares = (TaskShare.objects.filter(task__session=ctx.session).select_related("task")
              .order_by("task__round__number", "task__province__number", "task__created_at", "task_id",
                        "seat__position"))
    for s in shares.iterator(chunk_size=1000):
        t = s.task
        yield {**seat_cells(ctx, numbers[t.round_id], ctx.seats[s.seat_id]), "kind": "task", "id": t.engine_id,
               "screen_id": t.id, "project_id": t.project_id, "status": "assigned", "proposer_city": None,
               "created_at": t.created_at,
               "decided_at": None, "note": "" if ctx.anonymise else t.note, "reason": None, "amount": s.required,
               "accepted_at": None, "kept": s.kept, "penalised": s.penalised}


TABLE = Table("agreements.csv", _("Every agreement and assigned task, one row per city named in it."),
              fixed(*COLUMNS), rows)
