"""Rounds, the versioned rules attached to them, and the sheets cities save."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from game.models.session import GameSession, Participant, Seat


class RulesVersion(models.Model):
    session = models.ForeignKey(GameSession, on_delete=models.CASCADE, related_name="rules_versions")
    version = models.PositiveIntegerField()
    preset = models.CharField(max_length=60, blank=True, default="")  # "" when edited by hand
    rules = models.JSONField()  # engine Rules as data (game.engine.serialize)
    changes = models.JSONField(default=list)  # [{"param", "old", "new"}] against the previous version
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version"]
        constraints = [models.UniqueConstraint(fields=["session", "version"], name="unique_rules_version")]


class Round(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Not started")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed, scoring")
        SCORED = "scored", _("Scored")

    session = models.ForeignKey(GameSession, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    # The rules of the whole round; in a session with treatments, those of its first treatment.
    rules = models.ForeignKey(RulesVersion, on_delete=models.PROTECT, related_name="rounds")
    # Treatment label → RulesVersion id, in a session with treatments only ({} otherwise):
    # each province plays its own treatment's version (services/province_rules.py).
    treatment_rules = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    deadline = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="unique_round_number")]

    def __str__(self) -> str:
        return f"{self.session.code} R{self.number} {self.status}"


class Sheet(models.Model):
    """The last saved sheet of a seat for a round; every save is kept in SheetRevision."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sheets")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="sheets")
    data = models.JSONField()  # {"bids": {...}, "contributions": {...}, "inflation_pct": n}
    version = models.PositiveIntegerField(default=1)
    saved_by = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True)
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "seat"], name="unique_sheet_per_round_seat")]


class SheetRevision(models.Model):
    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    data = models.JSONField()
    saved_by = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True)
    by_bot = models.BooleanField(default=False)
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["version"]
