"""Agreements between cities and tasks the province assigns (DESIGN §7).

Written only by `coordination.services`; read for screens and for scoring through
`coordination.selectors`. A party or a share is a seat (one city of one province), so a
team of 2–3 students acts for its city together."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from game.models import GameSession, Province, Round, Seat

NOTE_MAX = 500


def new_public_id() -> int:
    """What students and the instructor call an agreement: random, so it says nothing about
    how many agreements were proposed before it (the table's id would, docs/protocol.md §8)."""
    return secrets.randbelow(PUBLIC_ID_HIGH - PUBLIC_ID_LOW) + PUBLIC_ID_LOW


PUBLIC_ID_LOW, PUBLIC_ID_HIGH = 100_000, 1_000_000  # six digits, read aloud in class


class Agreement(models.Model):
    """A proposal of pledges to one joint project of one round. Signed when every party
    has accepted; only signed agreements reach the engine."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        SIGNED = "signed", _("Signed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        LAPSED = "lapsed", _("Lapsed")
        ANNULLED = "annulled", _("Annulled")

    session = models.ForeignKey(GameSession, on_delete=models.CASCADE, related_name="agreements")
    public_id = models.PositiveIntegerField(default=new_public_id)
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="agreements")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="agreements")
    project_id = models.CharField(max_length=60)
    proposer = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="proposed_agreements")
    note = models.TextField(max_length=NOTE_MAX)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    reason = models.TextField(blank=True, default="")  # why the province annulled it
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)  # signed, declined, withdrawn, lapsed, annulled

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["round", "province", "status"])]
        constraints = [models.UniqueConstraint(fields=["session", "public_id"], name="unique_agreement_public_id")]

    @property
    def engine_id(self) -> str:
        return f"a{self.pk}"


class AgreementParty(models.Model):
    """One city's pledge in an agreement, its acceptance, and (after scoring) whether it
    kept it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="agreement_parties")
    pledge = models.PositiveIntegerField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    kept = models.BooleanField(null=True)  # None until the round is scored
    penalised = models.BooleanField(default=False)

    class Meta:
        ordering = ["seat__position"]
        constraints = [models.UniqueConstraint(fields=["agreement", "seat"], name="unique_agreement_party")]


class AssignedTask(models.Model):
    """专项式发包: the province assigns one joint project of a round to named cities with
    required contributions."""

    session = models.ForeignKey(GameSession, on_delete=models.CASCADE, related_name="assigned_tasks")
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="assigned_tasks")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assigned_tasks")
    project_id = models.CharField(max_length=60)
    note = models.TextField(max_length=NOTE_MAX, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    @property
    def engine_id(self) -> str:
        return f"t{self.pk}"


class TaskShare(models.Model):
    task = models.ForeignKey(AssignedTask, on_delete=models.CASCADE, related_name="shares")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="task_shares")
    required = models.PositiveIntegerField()
    kept = models.BooleanField(null=True)
    penalised = models.BooleanField(default=False)

    class Meta:
        ordering = ["seat__position"]
        constraints = [models.UniqueConstraint(fields=["task", "seat"], name="unique_task_share")]


# The chat's models live in their own module; imported here so Django finds them.
from coordination.chat_models import Announcement, ChatMessage, ChatRead  # noqa: E402

__all__ = ["Agreement", "AgreementParty", "Announcement", "AssignedTask", "ChatMessage", "ChatRead", "TaskShare"]
