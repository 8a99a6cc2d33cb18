"""DESIGN §8 holds for what can be derived, not only for what is sent: another student
collects EVERYTHING his socket receives (snapshots, deltas, rankings, results) and the
pages he can load, and still cannot recover a private choice.

The method is two worlds: the same game is played twice, identical except for one
private choice of Alice's or Carol's. If everything Bob received in the two worlds is
the same (ids and clock times aside), no formula over it can recover that choice. The
known formulas are tried as well, so a failure says which one works.

Five students, no bots (every sheet is the test's), round 1 under the implicit
coordination preset: self-reported collaboration without audits, sealed first-price
bids, losing bids hidden. All-pay contests must reveal losing bids (docs/rules.md), so
"losing bids when hidden" is tested under first price, and all-pay with hidden losing
bids is refused."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.test import Client as HttpClient

from game.models import GameSession
from game.services import rounds
from game.services.selectors import expand_tables
from tests.live.helpers import Client, student_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

NAMES = ["Alice", "Bob", "Carol", "Dan", "Eve"]  # taiyuan, xinzhou, yangquan, lvliang, jinzhong
FAIR = {"taiyuan": {"corridor-1": 44}, "xinzhou": {"corridor-1": 25}, "yangquan": {"corridor-1": 23},
        "lvliang": {"fen-1": 43}, "jinzhong": {"fen-1": 41}}  # fair shares rounded up: both projects complete
IDENTITY = {"id", "seat", "seats", "province", "participant", "code", "server_time", "deadline", "opened_at",
            "saved_at", "request_id", "title", "player_ids", "return_code"}


def sheets(*, alice_inflation=10, carol_bid=15, alice_extra=None):
    out = {
        "taiyuan": {"contributions": FAIR["taiyuan"], "inflation_pct": alice_inflation},
        "xinzhou": {"bids": {"r1-nev": 20}, "contributions": FAIR["xinzhou"]},
        "yangquan": {"bids": {"r1-nev": carol_bid}, "contributions": FAIR["yangquan"]},
        "lvliang": {"contributions": FAIR["lvliang"]},
        "jinzhong": {"contributions": FAIR["jinzhong"]},
    }
    if alice_extra:
        out["taiyuan"] = {**out["taiyuan"], **alice_extra}
    return out


def _page_text(html: str, secrets: list[str]) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html)
    html = re.sub(r'data-me="[0-9]+"', "data-me", html)  # Bob's participant id
    for secret in secrets:
        html = html.replace(secret, "<secret>")
    return html


def normalise(value: Any, secrets: list[str]) -> Any:
    """What Bob received without what differs between any two games anyway: database ids,
    clock times, the join code and his own token."""
    if isinstance(value, dict):
        return {k: normalise(v, secrets) for k, v in value.items() if k not in IDENTITY}
    if isinstance(value, list):
        return [normalise(v, secrets) for v in value]
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, "<secret>")
    return value


@sync_to_async
def _pages(participant) -> list[str]:
    http = HttpClient()
    store = __import__("django.contrib.sessions.backends.db", fromlist=["SessionStore"]).SessionStore()
    from game.consumers import session_key

    store[session_key(participant.session.code)] = participant.token
    store.save()
    http.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    secrets = [participant.session.code, participant.token, participant.return_code]
    pages = []
    for path in (f"/play/{participant.session.code}/", "/rules/", "/"):
        response = http.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, (path, response.status_code)
        pages.append(_page_text(response.content.decode(), secrets))
    return pages


async def play_world(make_session, join, instructor, world: dict[str, dict]) -> dict[str, Any]:
    """Play round 1 with these sheets; return what Bob saw before and after scoring."""
    session = await sync_to_async(make_session)(schedule="implicit_coordination", fill_with_bots=False,
                                                bot_strategy="fair_share")
    await sync_to_async(GameSession.objects.filter(pk=session.pk).update)(seed=7)
    session = await sync_to_async(GameSession.objects.get)(pk=session.pk)
    people = {}
    for name in NAMES:
        p = await sync_to_async(join)(session, name)
        people[await sync_to_async(lambda p=p: p.seat.city_id)()] = p
    bob = people["xinzhou"]
    socket = Client(f"/ws/play/{session.code}/", await student_cookie(bob))
    assert (await socket.connect())[0]
    await socket.receive_type("snapshot")
    await sync_to_async(rounds.round_open)(session=session, user=instructor)
    for city, sheet in world.items():
        await sync_to_async(rounds.sheet_save)(participant=people[city], round_number=1, data=sheet)
        # Each save's notice before the next save: the notices are coalesced, and how the
        # saves would group depends on timing, which is not what the two worlds compare.
        await socket.receive_type("submitted")
    await socket.send({"type": "snapshot"})
    await socket.receive_type("snapshot")
    await socket.drain()
    before_pages = await _pages(bob)
    before = list(socket.seen)
    rnd = await sync_to_async(lambda: session.rounds.get(number=1))()
    await sync_to_async(rounds.round_close)(round_id=rnd.id, actor="test")
    assert await sync_to_async(rounds.round_score)(round_id=rnd.id)
    await socket.receive_type("province")
    await socket.send({"type": "snapshot"})
    final = await socket.receive_type("snapshot")
    await socket.drain()
    after_pages = await _pages(bob)
    await socket.close()
    secrets = [session.code, bob.token, bob.return_code]
    return {
        "before": canonical(normalise(expand_tables(before), secrets)) + before_pages,
        "after": canonical(normalise(expand_tables(socket.seen), secrets)) + after_pages,
        "final": expand_tables(final),
        "cities": {city: p.seat.city_id for city, p in people.items()},
    }


def canonical(messages: list[dict]) -> list[str]:
    """Messages as sorted canonical JSON: messages to different groups (the seat, the
    province) may arrive in either order, in either world."""
    return sorted(json.dumps(m, sort_keys=True, ensure_ascii=False) for m in messages)


def first_difference(a: Any, b: Any, path: str = "") -> str | None:
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                return f"{path}.{key}: only in one world"
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items: {sorted(set(a) ^ set(b))[:2]}"
        for n, (x, y) in enumerate(zip(a, b, strict=True)):
            found = first_difference(x, y, f"{path}[{n}]")
            if found:
                return found
        return None
    if isinstance(a, str) and a != b:
        at = next((n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        return f"{path} at {at}: …{a[max(0, at - 60):at + 60]!r} != …{b[max(0, at - 60):at + 60]!r}"
    return None if a == b else f"{path}: {a!r} != {b!r}"


def row_of(final: dict, city: str) -> dict:
    return next(c for c in final["last_result"]["cities"] if c["city_id"] == city)


async def test_a_citys_true_report_inflation_cannot_be_recovered(make_session, join, instructor, channel_layer):
    low = await play_world(make_session, join, instructor, sheets(alice_inflation=10))
    high = await play_world(make_session, join, instructor, sheets(alice_inflation=30))
    # The formula that recovered it before: indicator × budget ÷ contributions to completed projects − 1.
    for world, inflation in ((low, 10), (high, 30)):
        alice = row_of(world["final"], "taiyuan")
        completed = [j for j in world["final"]["last_result"]["joint"] if j["completed"]]
        paid = sum(j["contributions"].get("taiyuan", 0) for j in completed)
        assert paid > 0  # Alice's collaboration is real: the inflation would show if anything did
        reported = alice["indicators"]["collaboration"]
        recovered = None if reported is None else round((reported * alice["budget"] / paid - 1) * 100)
        assert recovered != inflation
        assert reported is None
        assert alice["normalised"]["collaboration"] is None and alice["composite"] is None
        assert alice["inflation_pct"] is None and alice["audited"] is False
        # The composite minus the other weighted scaled indicators would give the scaled report.
        assert all(c["composite"] is None for c in world["final"]["last_result"]["cities"])
    assert first_difference(low["after"], high["after"]) is None, first_difference(low["after"], high["after"])


async def test_a_losing_bid_stays_hidden_after_scoring_when_the_rules_hide_it(make_session, join, instructor,
                                                                             channel_layer):
    a = await play_world(make_session, join, instructor, sheets(carol_bid=15))
    b = await play_world(make_session, join, instructor, sheets(carol_bid=13))
    nev = next(p for p in a["final"]["last_result"]["industrial"] if p["project_id"] == "r1-nev")
    assert nev["winner"] == "xinzhou" and nev["bids"] == {"xinzhou": 20}
    carol = row_of(a["final"], "yangquan")
    assert "bids_placed" not in carol and carol["bids_paid"] == 0
    assert first_difference(a["after"], b["after"]) is None, first_difference(a["after"], b["after"])


async def test_bids_and_contributions_stay_sealed_until_scoring(make_session, join, instructor, channel_layer):
    a = await play_world(make_session, join, instructor, sheets())
    b = await play_world(make_session, join, instructor,
                         sheets(alice_extra={"bids": {"r1-data": 9}, "contributions": {"corridor-1": 30}}))
    assert first_difference(a["before"], b["before"]) is None, first_difference(a["before"], b["before"])
    # ...and the worlds really differ once the round is scored (the test can see a difference).
    assert first_difference(a["after"], b["after"]) is not None


async def test_each_seat_gets_its_own_report_and_nobody_elses(make_session, join, instructor, channel_layer):
    world = await play_world(make_session, join, instructor, sheets(alice_inflation=30))
    own = world["final"]["me"]["private"]  # Bob's own report (he inflated nothing), not Alice's
    assert own["round"] == 1 and own["inflation_pct"] == 0
    assert own["collaboration"] > 0  # his own collaboration indicator, as reported (he paid his fair share)
    private = [json.loads(m) for m in world["after"] if '"private_outcome"' in m]
    assert private and all(m["inflation_pct"] == 0 for m in private)
