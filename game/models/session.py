"""A class session, its provinces, the city seats in them and the people in the seats."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L: codes are read off a projector and typed on phones.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(24)


# A return code is read off a student's own card and typed back at the join page with
# their name (docs/architecture.md, "Getting back in"): short, in the join code's alphabet.
RETURN_CODE_LENGTH = 5


def new_return_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(RETURN_CODE_LENGTH))


class GameSession(models.Model):
    class Status(models.TextChoices):
        LOBBY = "lobby", _("Lobby")
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")

    instructor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="game_sessions")
    title = models.CharField(_("title"), max_length=120)
    code = models.CharField(max_length=CODE_LENGTH, unique=True)
    scenario_id = models.CharField(max_length=60)
    total_rounds = models.PositiveSmallIntegerField()
    round_seconds = models.PositiveIntegerField()
    schedule = models.JSONField(default=list)  # one preset id per round, as planned
    students_per_seat = models.PositiveSmallIntegerField(default=1)
    fill_with_bots = models.BooleanField(default=True)
    bot_strategy = models.CharField(max_length=40, default="best_response")
    auto_close = models.BooleanField(default=True)  # close as soon as every seat has saved
    # The instructor closed the session to new students (session_lock); returning ones still get in.
    joining_locked = models.BooleanField(default=False)
    max_provinces = models.PositiveSmallIntegerField(default=12)
    seed = models.BigIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LOBBY)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Set while the instructor has paused the open round; resuming moves its deadline on
    # by the length of the pause (services/housekeeping.py).
    paused_at = models.DateTimeField(null=True, blank=True)
    # A seat whose students have all been gone this many rounds' time is played by a bot
    # standing in until one of them returns; 0 never hands a seat over (services/presence.py).
    absent_rounds = models.PositiveSmallIntegerField(default=1)
    # What the panel was last told about who is connected (services/presence.py compares).
    presence_digest = models.CharField(max_length=64, blank=True, default="")
    # Between-subjects treatments (docs/treatments.md): [{"label": "A", "schedule": [preset per
    # round]}]; an empty list or a single item means every province plays the same rules.
    treatments = models.JSONField(default=list, blank=True)
    # The instructor revealed which province played which treatment (debrief, projector).
    treatments_revealed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"


class Province(models.Model):
    session = models.ForeignKey(GameSession, on_delete=models.CASCADE, related_name="provinces")
    number = models.PositiveSmallIntegerField()
    # The label of the treatment this province plays ("" when the session has none).
    treatment = models.CharField(max_length=16, blank=True, default="")

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="unique_province_number")]

    def __str__(self) -> str:
        return f"{self.session.code} P{self.number}"


class Seat(models.Model):
    """One city of one province: played by 1–3 students sharing a sheet, or by a bot."""

    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="seats")
    city_id = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField()  # the city's order in the scenario
    bot_strategy = models.CharField(max_length=40, blank=True, default="")
    # The bot is standing in for seated students who are all gone; the first to return
    # takes the seat back (services/presence.py).
    stand_in = models.BooleanField(default=False)

    class Meta:
        ordering = ["province__number", "position"]
        constraints = [models.UniqueConstraint(fields=["province", "city_id"], name="unique_city_per_province")]

    @property
    def is_bot(self) -> bool:
        return bool(self.bot_strategy)

    def __str__(self) -> str:
        return f"{self.province} {self.city_id}"


class Participant(models.Model):
    """A student (no account): identified by a secret token kept in the browser's
    session and in a personal rejoin link."""

    session = models.ForeignKey(GameSession, on_delete=models.CASCADE, related_name="participants")
    seat = models.ForeignKey(Seat, on_delete=models.SET_NULL, null=True, blank=True, related_name="participants")
    display_name = models.CharField(max_length=40)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    joined_at = models.DateTimeField(auto_now_add=True)
    removed = models.BooleanField(default=False)
    # Shown on the student's own card; with their name it gets the seat back at the join page.
    return_code = models.CharField(max_length=RETURN_CODE_LENGTH, default=new_return_code)
    # Presence, kept in the database so every server process sees the same (services/presence.py):
    # open sockets, the last heartbeat, and whether the page reported itself idle.
    sockets = models.PositiveSmallIntegerField(default=0)
    last_seen = models.DateTimeField(null=True, blank=True)
    idle = models.BooleanField(default=False)

    class Meta:
        ordering = ["joined_at", "id"]

    def __str__(self) -> str:
        return self.display_name
