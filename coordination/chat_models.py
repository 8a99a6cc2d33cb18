"""The province's chat and the instructor's announcements (DESIGN §7).

A channel is named by a key within one province: "province" (every city of it) or
"pair:<a>|<b>" (two cities, ids sorted), so there is no channel row to create or to
guess: who may read a channel follows from the key and the reader's seat. A seat of
2–3 students shares its city's channels and its unread counts.
"""

from __future__ import annotations

from django.db import models

from game.models import GameSession, Participant, Province, Seat

PROVINCE_CHANNEL = "province"


class Announcement(models.Model):
    """An instructor's announcement to one province or (province null) to all of them;
    each target province also gets it as a line in its province channel."""

    session = models.ForeignKey(GameSession, on_delete=models.CASCADE, related_name="announcements")
    province = models.ForeignKey(Province, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    body = models.TextField()
    round_number = models.PositiveSmallIntegerField(null=True, blank=True)  # the session's round when posted
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class ChatMessage(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text"
        ANNOUNCEMENT = "announcement"

    session = models.ForeignKey(GameSession, on_delete=models.CASCADE, related_name="chat_messages")
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="chat_messages")
    channel = models.CharField(max_length=130)
    # The message's number within its channel (1, 2, 3…): what every screen calls its id.
    # Never the table's id, which counts every channel of every game, so its gaps would
    # tell a third city how much two others wrote to each other (docs/protocol.md §8).
    seq = models.PositiveIntegerField()
    # The author's city; null when the instructor wrote as the province government.
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, null=True, blank=True, related_name="chat_messages")
    city = models.CharField(max_length=60, blank=True, default="")  # the author seat's city, "" for the province
    participant = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    author_name = models.CharField(max_length=40, blank=True, default="")  # as it was when posted
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TEXT)
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="lines")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)  # hidden by the instructor: kept, never shown to students

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["seat", "created_at"], name="chat_seat_recent"),
        ]
        constraints = [
            # Also the index pages of a channel are read by.
            models.UniqueConstraint(fields=["province", "channel", "seq"], name="chat_channel_seq"),
        ]


class ChatRead(models.Model):
    """How far a seat has read a channel (the `seq` of the last message it saw): unread
    counts are per seat, so every device of the seat and every teammate sees the same
    badge."""

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="chat_reads")
    channel = models.CharField(max_length=130)
    last_read_seq = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["seat", "channel"], name="unique_chat_read")]
