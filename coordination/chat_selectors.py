"""Reads of the chat, cut per audience: which channels a seat is party to, pages of
history, unread counts, and the state each screen gets after its snapshot.

Privacy (DESIGN §8): a pair channel exists for its two cities and the instructor only.
Its messages, counts and activity are read here only for a seat that is one of its two
cities (`seat_channel`), or for the instructor; no student payload says anything about
a channel the student is not party to. Hidden messages never reach a student.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from coordination.chat_models import PROVINCE_CHANNEL, Announcement, ChatMessage, ChatRead
from game.models import GameSession, Province, Seat
from game.services.errors import GameError
from game.services.selectors import current_round, viewer

PAGE = 30
MAX_KEY = 130


def pair_key(a: str, b: str) -> str:
    x, y = sorted((a, b))
    return f"pair:{x}|{y}"


def pair_cities(key: str) -> tuple[str, str] | None:
    """The two cities of a pair channel's key, or None if the key is not one."""
    if not key.startswith("pair:"):
        return None
    a, sep, b = key[5:].partition("|")
    if not sep or not a or not b or a == b or pair_key(a, b) != key:
        return None
    return a, b


def unknown_channel() -> GameError:
    return GameError("unknown_channel", _("There is no such chat channel for you."))


def province_cities(province_id: int) -> list[str]:
    """The cities of a province in scenario order."""
    return list(Seat.objects.filter(province_id=province_id).order_by("position").values_list("city_id", flat=True))


def channel_key(raw: Any) -> str:
    if not isinstance(raw, str) or not raw or len(raw) > MAX_KEY:
        raise unknown_channel()
    return raw


def seat_channel_named(seat: Seat, raw: Any) -> tuple[str, str | None]:
    """The channel `raw` names if its name makes this seat party to it, with the other
    city of a pair channel (None for the province channel); else `unknown_channel`. The
    caller still checks that the other city has a seat in the province (`seat_channel`)."""
    key = channel_key(raw)
    if key == PROVINCE_CHANNEL:
        return key, None
    cities = pair_cities(key)
    if cities is None or seat.city_id not in cities:
        raise unknown_channel()
    return key, cities[1] if cities[0] == seat.city_id else cities[0]


def seat_channel(seat: Seat, raw: Any) -> str:
    """The channel `raw` names, if this seat is party to it; else `unknown_channel`
    (the same answer whether the channel exists for others or not at all)."""
    key, other = seat_channel_named(seat, raw)
    if other is not None and not Seat.objects.filter(province_id=seat.province_id, city_id=other).exists():
        raise unknown_channel()
    return key


def province_channel(province: Province, raw: Any) -> str:
    """A channel of this province, for the instructor: the province channel or any pair."""
    key = channel_key(raw)
    if key == PROVINCE_CHANNEL:
        return key
    cities = pair_cities(key)
    if cities is None or Seat.objects.filter(province=province, city_id__in=cities).count() != 2:
        raise unknown_channel()
    return key


def seat_channels(seat: Seat, cities: list[str] | None = None) -> list[str]:
    cities = cities if cities is not None else province_cities(seat.province_id)
    return [PROVINCE_CHANNEL] + [pair_key(seat.city_id, c) for c in cities if c != seat.city_id]


def party_seats(province_id: int, key: str) -> list[int]:
    """The seats that read a channel: every seat of the province, or the pair's two."""
    seats = Seat.objects.filter(province_id=province_id)
    cities = pair_cities(key)
    if cities is not None:
        seats = seats.filter(city_id__in=cities)
    return list(seats.values_list("id", flat=True))


def message_payload(m: ChatMessage) -> dict[str, Any]:
    """One message as every screen that may see it gets it (the instructor's history
    adds `hidden`). `id` is the message's number within its channel (never the table's
    id, whose gaps would count other channels' messages); `city` and `name` are the
    author's; `as_province` marks the instructor writing as the province government."""
    return {
        "id": m.seq,
        "province": m.province_id,
        "channel": m.channel,
        "city": m.city or None,
        "name": m.author_name,
        "as_province": m.seat_id is None,
        "kind": m.kind,
        "text": m.body,
        "at": m.created_at.isoformat(),
    }


def history(province_id: int, key: str, before: int | None, *, include_hidden: bool = False
            ) -> tuple[list[dict[str, Any]], bool]:
    """One page of a channel, newest first, older than message number `before` (None:
    the newest page); and whether older messages remain."""
    rows = ChatMessage.objects.filter(province_id=province_id, channel=key)
    if not include_hidden:
        rows = rows.filter(hidden_at__isnull=True)
    if before is not None:
        rows = rows.filter(seq__lt=before)
    page = list(rows.order_by("-seq")[:PAGE + 1])
    messages = []
    for m in page[:PAGE]:
        payload = message_payload(m)
        if include_hidden:
            payload["hidden"] = m.hidden_at is not None
        messages.append(payload)
    return messages, len(page) > PAGE


def unread_counts(seat: Seat, keys: list[str]) -> dict[str, int]:
    """Visible messages of other authors after the seat's read cursor, per channel."""
    reads = dict(ChatRead.objects.filter(seat=seat, channel__in=keys).values_list("channel", "last_read_seq"))
    after = Q()
    for key in keys:
        after |= Q(channel=key, seq__gt=reads.get(key, 0))
    rows = (ChatMessage.objects.filter(after, province_id=seat.province_id, hidden_at__isnull=True)
            .exclude(seat=seat).values("channel").annotate(n=Count("id")))
    counts = dict.fromkeys(keys, 0)
    counts.update({row["channel"]: row["n"] for row in rows})
    return counts


def announcement_payload(a: Announcement, province_number: int | None = None) -> dict[str, Any]:
    return {"id": a.id, "text": a.body, "round": a.round_number, "at": a.created_at.isoformat(),
            "province": a.province_id, "province_number": province_number}


def _round_number(session: GameSession) -> int | None:
    rnd = current_round(session)
    return rnd.number if rnd is not None else None


def current_announcements(session: GameSession, province_id: int | None) -> list[dict[str, Any]]:
    """Announcements of the session's current round to this province (None: the
    projector, which shows those to every province), oldest first. A banner lasts until
    dismissed on that device or until the next round."""
    rows = Announcement.objects.filter(session=session, round_number=_round_number(session))
    if province_id is not None:
        rows = rows.filter(Q(province__isnull=True) | Q(province_id=province_id))
    numbers = dict(Province.objects.filter(session=session).values_list("id", "number"))
    return [announcement_payload(a, numbers.get(a.province_id)) for a in rows.order_by("id")]


def student_state(participant_id: int) -> dict[str, Any]:
    participant = viewer(participant_id)
    seat = participant.seat
    state: dict[str, Any] = {"type": "chat.state", "channels": [], "page": None, "announcements": []}
    if seat is None or participant.removed:
        return state
    cities = province_cities(seat.province_id)
    keys = seat_channels(seat, cities)
    unread = unread_counts(seat, keys)
    state["channels"] = [
        {"key": key, "city": None if key == PROVINCE_CHANNEL else cities_of(key, seat.city_id), "unread": unread[key]}
        for key in keys
    ]
    messages, more = history(seat.province_id, PROVINCE_CHANNEL, None)
    state["page"] = {"channel": PROVINCE_CHANNEL, "messages": messages, "more": more}
    state["announcements"] = current_announcements(participant.session, seat.province_id)
    return state


def cities_of(key: str, me: str) -> str | None:
    """The other city of a pair channel, seen from city `me`."""
    cities = pair_cities(key)
    if cities is None:
        return None
    return cities[1] if cities[0] == me else cities[0]


def instructor_state(session_id: int) -> dict[str, Any]:
    """Every channel with messages in every province (counts include hidden ones, which
    the instructor's history shows marked), the cities to open any other pair, and the
    session's announcements, newest first."""
    session = GameSession.objects.get(pk=session_id)
    provinces = list(session.provinces.order_by("number"))
    cities: dict[int, list[str]] = {p.id: [] for p in provinces}
    for province_id, city in Seat.objects.filter(province__session=session).order_by("position").values_list(
            "province_id", "city_id"):
        cities[province_id].append(city)
    activity: dict[int, list[dict[str, Any]]] = {p.id: [] for p in provinces}
    rows = (ChatMessage.objects.filter(session=session).values("province_id", "channel")
            .annotate(count=Count("id"), hidden=Count("id", filter=Q(hidden_at__isnull=False)))
            .order_by("province_id", "channel"))
    for row in rows:
        activity[row["province_id"]].append({"key": row["channel"], "count": row["count"], "hidden": row["hidden"]})
    numbers = {p.id: p.number for p in provinces}
    announcements = [announcement_payload(a, numbers.get(a.province_id))
                     for a in Announcement.objects.filter(session=session).order_by("-id")[:20]]
    return {
        "type": "chat.state",
        "provinces": [{"id": p.id, "number": p.number, "cities": cities[p.id], "channels": activity[p.id]}
                      for p in provinces],
        "announcements": announcements,
    }


def projector_state(session_id: int) -> dict[str, Any]:
    session = GameSession.objects.get(pk=session_id)
    return {"type": "announcements", "announcements": current_announcements(session, None)}
