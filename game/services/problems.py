"""Translate the engine's sheet problems (stable codes) into the user's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from game.engine import Problem


def _messages() -> dict[str, str]:
    return {
        "wrong_city": _("This sheet belongs to another city."),
        "unknown_project": _("There is no project “%(project)s” this round."),
        "not_member": _("Your city is not a member of joint project “%(project)s”."),
        "not_a_number": _("Amounts must be whole numbers."),
        "negative": _("Amounts cannot be negative."),
        "over_budget": _("Bids and contributions total %(total)s, more than your budget of %(budget)s."),
        "inflation_range": _("The report inflation must be between 0 and %(max)s %%."),
        "reporting_off": _("These rules do not use collaboration reports, so nothing can be inflated."),
        "malformed": _("The sheet is malformed."),
        "unknown_field": _("Unknown field “%(field)s”."),
    }


def translate(problems: list[Problem]) -> list[dict[str, Any]]:
    messages = _messages()
    out = []
    for p in problems:
        template = messages.get(p.code)
        try:
            text = template % dict(p.params) if template else p.message
        except (KeyError, TypeError, ValueError):
            text = p.message
        out.append({"code": p.code, "field": p.field, "message": text})
    return out
