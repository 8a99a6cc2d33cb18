"""The chat's one write path: post, post as the province, hide, mark read, announce.

Each function checks identity and input first (a refusal changes nothing), then writes
in one transaction, logs an `Event`, and queues who is told for after the commit
(through `game.services.broadcast`): a province channel's message goes to the province
group, a pair channel's only to the seat groups of its two cities; the instructor group
gets every message of the session.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.chat_models import PROVINCE_CHANNEL, Announcement, ChatMessage, ChatRead
from coordination.chat_selectors import (
    announcement_payload,
    message_payload,
    party_seats,
    province_channel,
    seat_channel,
    seat_channel_named,
    unknown_channel,
    unread_counts,
)
from game.models import GameSession, Participant, Province, Seat
from game.services import broadcast
from game.services.errors import GameError, not_found
from game.services.names import VISIBLE_CATEGORIES, is_invisible
from game.services.selectors import current_round
from game.services.sessions import check_owner, log

MAX_CHARS = 500
BURST = 5  # messages a seat may post …
WINDOW = dt.timedelta(seconds=10)  # … within this window
# Control characters other than newline and tab: invisible, and PostgreSQL refuses NUL.
# Bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069) are dropped
# as in names (game/services/names.py): an override reorders the text after it. Other
# format characters stay (a zero-width joiner builds 👨‍👩‍👧, a non-joiner shapes Persian).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def clean_text(raw: Any) -> str:
    """The message text: a string of 1–500 characters once trimmed."""
    if not isinstance(raw, str):
        raise GameError("bad_text", _("A message must be text."))
    text = _CONTROL.sub("", raw).strip()
    # Only zero-width spaces and the like: a blank bubble in everyone's chat.
    if not any(not is_invisible(ch) and unicodedata.category(ch)[0] in VISIBLE_CATEGORIES for ch in text):
        raise GameError("empty", _("Write something before sending."))
    if len(text) > MAX_CHARS:
        raise GameError("too_long", _("A message can be at most %(max)s characters (this one has %(n)s).")
                        % {"max": MAX_CHARS, "n": len(text)})
    return text


def whole_id(raw: Any, what: str, *, optional: bool = False) -> int | None:
    if raw is None and optional:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 < raw < 2**63:
        raise GameError("bad_message", _("“%(field)s” must be a whole number.") % {"field": what})
    return raw


def student_seat(participant_id: int) -> tuple[Participant, Seat]:
    participant = Participant.objects.select_related("seat__province__session").filter(pk=participant_id).first()
    if participant is None or participant.removed or participant.seat is None:
        raise GameError("no_seat", _("You do not have a seat in this game."))
    return participant, participant.seat


def owned_province(session: GameSession, raw: Any) -> Province:
    province = Province.objects.filter(session=session, pk=whole_id(raw, "province")).first()
    if province is None:
        raise not_found(_("That province"))
    return province


def _seat_locked(seat: Seat, key: str, other_city: str | None) -> tuple[int, int | None, int]:
    """Locks the seat's row and returns, in that one statement, how many messages the seat
    posted within WINDOW, the seat id of `other_city` in its province (None if it has
    none) and the last number used in channel `key`. The lock orders a seat's teammates'
    posts, so the count is exact; the number is a first guess (`_create_numbered`)."""
    recent = (ChatMessage.objects.filter(seat=OuterRef("pk"), created_at__gt=timezone.now() - WINDOW)
              .order_by().values("seat").annotate(n=Count("id")).values("n"))
    other = Seat.objects.filter(province_id=OuterRef("province_id"), city_id=other_city or "").values("id")[:1]
    last = (ChatMessage.objects.filter(province_id=OuterRef("province_id"), channel=key)
            .order_by("-seq").values("seq")[:1])
    return (Seat.objects.select_for_update().filter(pk=seat.pk)
            .annotate(recent=Coalesce(Subquery(recent), 0), other=Subquery(other), last=Coalesce(Subquery(last), 0))
            .values_list("recent", "other", "last").get())


def chat_post(*, participant_id: int, channel: Any, text: Any) -> ChatMessage:
    """A student writes in a channel of their city: at most BURST messages per WINDOW per seat.
    Four statements in all (who, lock and count, insert, log): at 2 messages per second in
    every province of a class, each one counts."""
    with transaction.atomic():
        participant, seat = student_seat(participant_id)
        session = seat.province.session
        key, other_city = seat_channel_named(seat, channel)
        recent, other_seat, last_seq = _seat_locked(seat, key, other_city)
        if other_city is not None and other_seat is None:
            raise unknown_channel()
        body = clean_text(text)
        if session.status == GameSession.Status.ENDED:
            raise GameError("ended", _("This game has ended."))
        if recent >= BURST:
            limit = {"n": BURST, "s": int(WINDOW.total_seconds())}
            raise GameError("too_fast", _("You are sending messages too fast: at most %(n)s every %(s)s seconds. "
                                          "Wait a moment and send again.") % limit)
        message = _create_numbered(
            session=session, province=seat.province, channel=key, seat=seat, city=seat.city_id,
            participant=participant, author_name=participant.display_name, body=body, last_seq=last_seq)
        log(session, "chat_posted", participant.display_name, message=message.id, province=seat.province_id,
            channel=key)
        _tell(message, None if other_seat is None else [seat.id, other_seat])
    return message


def chat_post_as_province(*, session: GameSession, user, province_id: Any, channel: Any, text: Any) -> ChatMessage:
    """The instructor writes as the province government into any channel of the session."""
    with transaction.atomic():
        check_owner(session, user)
        province = owned_province(session, province_id)
        key = province_channel(province, channel)
        body = clean_text(text)
        message = _create_numbered(session=session, province=province, channel=key, body=body)
        log(session, "chat_posted", user.get_username(), message=message.id, province=province.id, channel=key,
            as_province=True)
        _tell(message)
    return message


def chat_hide(*, session: GameSession, user, province_id: Any, channel: Any, message_id: Any) -> ChatMessage:
    """The instructor hides message number `message_id` of a channel: it leaves every
    screen, and stays in the record marked hidden. Hiding a hidden message changes nothing."""
    with transaction.atomic():
        check_owner(session, user)
        province = owned_province(session, province_id)
        key = province_channel(province, channel)
        message = ChatMessage.objects.select_for_update().filter(
            province=province, channel=key, seq=whole_id(message_id, "id")).first()
        if message is None:
            raise not_found(_("That message"))
        if message.hidden_at is not None:
            return message
        message.hidden_at = timezone.now()
        message.save(update_fields=["hidden_at"])
        log(session, "chat_hidden", user.get_username(), message=message.id, province=message.province_id,
            channel=message.channel)
        _tell_hidden(message)
    return message


def chat_read(*, participant_id: int, channel: Any, up_to: Any) -> int:
    """The seat has read a channel up to message number `up_to` (of that channel); the
    cursor only moves forward. Returns the channel's unread count for the seat, which
    every device of the seat is told."""
    with transaction.atomic():
        _participant, seat = student_seat(participant_id)
        key = seat_channel(seat, channel)
        last = whole_id(up_to, "up_to")
        if not ChatMessage.objects.filter(province_id=seat.province_id, channel=key, seq=last).exists():
            raise not_found(_("That message"))
        moved = ChatRead.objects.filter(seat=seat, channel=key, last_read_seq__lt=last).update(last_read_seq=last)
        if not moved and not ChatRead.objects.filter(seat=seat, channel=key).exists():
            try:
                with transaction.atomic():  # a teammate may create the cursor at the same moment
                    ChatRead.objects.create(seat=seat, channel=key, last_read_seq=last)
            except IntegrityError:
                ChatRead.objects.filter(seat=seat, channel=key, last_read_seq__lt=last).update(last_read_seq=last)
        unread = unread_counts(seat, [key])[key]
        update = {"type": "chat.unread", "channel": key, "unread": unread}
        broadcast.on_commit(lambda: broadcast.send_many_now([(broadcast.seat_group(seat.id), update)]), "chat")
    return unread


def announcement_post(*, session: GameSession, user, text: Any, province_id: Any = None) -> Announcement:
    """The instructor announces to one province or (province_id None) to all: a banner on
    every student screen of it, a line in each province channel, and the projector."""
    with transaction.atomic():
        check_owner(session, user)
        province = None if province_id is None else owned_province(session, province_id)
        body = clean_text(text)
        provinces = [province] if province is not None else list(session.provinces.order_by("number"))
        if not provinces:
            raise GameError("empty", _("Nobody has joined yet."))
        rnd = current_round(session)
        announcement = Announcement.objects.create(session=session, province=province, body=body,
                                                   round_number=rnd.number if rnd else None)
        lines = [_create_numbered(session=session, province=p, channel=PROVINCE_CHANNEL, body=body,
                                  kind=ChatMessage.Kind.ANNOUNCEMENT, announcement=announcement)
                 for p in provinces]
        log(session, "announced", user.get_username(), announcement=announcement.id,
            province=province.id if province else None)
        _tell_announcement(session, announcement, provinces, lines)
    return announcement


SEQ_ATTEMPTS = 5


def _create_numbered(*, last_seq: int | None = None, **fields: Any) -> ChatMessage:
    """A new message with the next number of its channel (after `last_seq` when the caller
    has just read it). Two posts to one channel at the same moment pick the same number:
    the unique constraint makes the second wait for the first and fail, and it takes the
    next number."""
    rows = ChatMessage.objects.filter(province=fields["province"], channel=fields["channel"])
    for attempt in range(SEQ_ATTEMPTS):
        if attempt or last_seq is None:
            last_seq = rows.aggregate(last=Max("seq"))["last"] or 0
        seq = last_seq + 1
        try:
            with transaction.atomic():
                return ChatMessage.objects.create(seq=seq, **fields)
        except IntegrityError:
            if attempt == SEQ_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


# --- who is told, after commit ---------------------------------------------------------

def _audience(message: ChatMessage, seats: list[int] | None = None) -> list[str]:
    """The groups that read a message: its province, or its pair's two seats (`seats`,
    when the caller already knows them), and the instructor."""
    if message.channel == PROVINCE_CHANNEL:
        groups = [broadcast.province_group(message.province_id)]
    else:
        if seats is None:
            seats = party_seats(message.province_id, message.channel)
        groups = [broadcast.seat_group(seat_id) for seat_id in seats]
    return groups + [broadcast.instructor_group(message.session_id)]


def _tell(message: ChatMessage, seats: list[int] | None = None) -> None:
    """One encoded message for every group that reads it."""
    text = broadcast.encode({"type": "chat.message", "message": message_payload(message)})
    encoded = [(group, text) for group in _audience(message, seats)]
    broadcast.on_commit(lambda: broadcast.send_encoded_now(encoded), "chat")


def _tell_hidden(message: ChatMessage) -> None:
    """Everyone who could see it drops it; each party seat for which it was still unread
    gets its new count."""
    gone = {"type": "chat.hidden", "id": message.seq, "province": message.province_id, "channel": message.channel}
    messages = [(group, gone) for group in _audience(message)]
    seats = Seat.objects.filter(pk__in=party_seats(message.province_id, message.channel)).exclude(pk=message.seat_id)
    for seat in seats:
        read = (ChatRead.objects.filter(seat=seat, channel=message.channel)
                .values_list("last_read_seq", flat=True).first())
        if (read or 0) < message.seq:
            unread = unread_counts(seat, [message.channel])[message.channel]
            messages.append((broadcast.seat_group(seat.id),
                             {"type": "chat.unread", "channel": message.channel, "unread": unread}))
    broadcast.on_commit(lambda: broadcast.send_many_now(messages), "chat")


def _tell_announcement(session: GameSession, announcement: Announcement, provinces: list[Province],
                       lines: list[ChatMessage]) -> None:
    number = provinces[0].number if announcement.province_id else None
    payload = announcement_payload(announcement, number)
    encoded = [(broadcast.province_group(line.province_id),
                broadcast.encode({"type": "announcement", "announcement": payload, "message": message_payload(line)}))
               for line in lines]
    encoded.append((broadcast.projector_group(session.id),
                    broadcast.encode({"type": "announcement", "announcement": payload})))
    encoded.append((broadcast.instructor_group(session.id), broadcast.encode(
        {"type": "announcement", "announcement": payload, "messages": [message_payload(line) for line in lines]})))
    broadcast.on_commit(lambda: broadcast.send_encoded_now(encoded), "chat")

