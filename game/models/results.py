"""Scored rounds: the engine's result per province and per seat, stored as data."""

from __future__ import annotations

from django.db import models

from game.models.play import Round
from game.models.session import Province, Seat


class ProvinceResult(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="province_results")
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="results")
    data = models.JSONField()  # industrial, joint, pledges, totals (engine RoundResult minus cities)
    state_after = models.JSONField()  # engine ProvinceState for the next round

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "province"], name="unique_province_result")]


class SeatResult(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="seat_results")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="results")
    rank = models.PositiveSmallIntegerField()
    points = models.FloatField()
    composite = models.FloatField()
    data = models.JSONField()  # the engine CityOutcome

    class Meta:
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["round", "seat"], name="unique_seat_result")]
