"""Limits on abuse that are game rules of their own: how often one seat may save.

Counted in the database (the seat's sheet revisions), under the sheet row's lock that
every save of the seat takes (services/sheet_store.py), so the limit holds across server
processes and threads with no extra store. Wrong join codes and failed instructor logins
are limited at the HTTP layer instead (game/views/public.py, django-axes; docs/deploy.md).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from game.services.errors import GameError

SAVES_PER_WINDOW = 10
SAVE_WINDOW_SECONDS = 10


def save_window_start(now: dt.datetime) -> dt.datetime:
    """A seat may have saved at most SAVES_PER_WINDOW times after this moment (a teammate's
    saves count: the seat shares one sheet)."""
    return now - dt.timedelta(seconds=SAVE_WINDOW_SECONDS)


def too_many_saves() -> GameError:
    return GameError("too_many_saves", _("Your city's sheet was saved %(n)s times in the last %(s)s seconds: "
                                         "wait a few seconds, then save again. Your last saved sheet counts.")
                     % {"n": SAVES_PER_WINDOW, "s": SAVE_WINDOW_SECONDS},
                     retry_after=SAVE_WINDOW_SECONDS)
