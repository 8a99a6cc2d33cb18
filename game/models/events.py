"""An append-only log of what happened in a session, with timestamps (DESIGN §9)."""

from __future__ import annotations

from django.db import models

from game.models.session import GameSession


class Event(models.Model):
    session = models.ForeignKey(GameSession, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=40)
    actor = models.CharField(max_length=80, blank=True, default="")
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["session", "kind"])]
