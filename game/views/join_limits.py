"""How the join form limits guessing without ever locking a class out (docs/deploy.md §15).

A class reaches the server from one router address, mistypes the code now and then, and
must never be refused its real code. A guesser from one address must not get unlimited
tries at the code space. Both hold because a game's code becomes *known* to an address
the first time anyone there joins it:

- wrong join codes (`bad_code`) count per address; past JOIN_FAILURE_RATE the address
  is refused every code it has not joined yet, right or wrong, so a guesser learns
  nothing more until the period ends;
- a code the address has already joined always goes through (for KNOWN_CODE_SECONDS):
  the class's first student gets in within seconds, and every later classmate gets in
  however many typos the room has made; successful joins never count;
- wrong return codes count per (address, game), against RETURN_FAILURE_RATE, refused
  past it whatever the code: a returning classmate's typos do not touch other games,
  and guessing a seat's return code stays slow.

Everything is counted in the shared cache (Redis), so every server process sees it.
"""

from __future__ import annotations

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited as _is_limited

from game.services.errors import GameError

# Refusals that may be someone guessing.
WRONG_CODE = "bad_code"
WRONG_RETURN_CODE = "bad_return_code"
KNOWN_CODE_SECONDS = 12 * 3600  # longer than any lesson


def _address(request: HttpRequest) -> str:
    """The client address as django-ratelimit's "ip" key sees it: an IPv6 client owns a
    whole /64, so it is counted as one."""
    raw = request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address) if address.version == 6 \
        else str(address)


def _per_game(code: str):
    return lambda group, request: f"{_address(request)}|{code}"


def _known_key(request: HttpRequest, code: str) -> str:
    digest = hashlib.sha256(f"{_address(request)}|{code}".encode()).hexdigest()[:32]
    return f"join-known:{digest}"


def _over(request: HttpRequest, group: str, key, rate: str, increment: bool) -> bool:
    return _is_limited(request, group=group, key=key, rate=rate, method="POST", increment=increment)


def check_join_attempt(request: HttpRequest, *, code: str, return_code: str) -> None:
    """GameError("too_many_attempts") when this attempt must not be looked at (see above)."""
    if return_code and _over(request, "return-failures", _per_game(code), settings.RETURN_FAILURE_RATE, False):
        raise GameError("too_many_attempts", _("Too many wrong return codes were tried for this game from this "
                                               "network. Wait a few minutes, check your game card, and try "
                                               "again."))
    if cache.get(_known_key(request, code)):
        return
    if _over(request, "join-failures", "ip", settings.JOIN_FAILURE_RATE, False):
        raise GameError("too_many_attempts", _("Too many wrong join codes were tried from this network. Wait a "
                                               "few minutes, check the code with your instructor, and try again."))


def record_join_refusal(request: HttpRequest, *, code: str, error_code: str) -> None:
    if error_code == WRONG_CODE:
        _over(request, "join-failures", "ip", settings.JOIN_FAILURE_RATE, True)
    elif error_code == WRONG_RETURN_CODE:
        _over(request, "return-failures", _per_game(code), settings.RETURN_FAILURE_RATE, True)


def record_join(request: HttpRequest, *, code: str) -> None:
    """The code is now known to this address: its joins are never limited again today."""
    cache.set(_known_key(request, code), 1, KNOWN_CODE_SECONDS)
