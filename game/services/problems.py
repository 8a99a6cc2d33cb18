"""Translate the engine's sheet problems and the rule reader's issues (stable codes) into
the user's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from game.engine import Problem
from game.scenarios.schema import Issue


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
        "below_pledge": _("Agreement #%(number)s binds your city to at least %(pledge)s for “%(name)s”; "
                          "this sheet gives %(contributed)s."),
        "below_task": _("The province's task #%(number)s requires at least %(pledge)s from your city for "
                        "“%(name)s”; this sheet gives %(contributed)s."),
    }


def _render(template: str | None, params: dict[str, Any], fallback: str) -> str:
    """The translated template filled in, or the English fallback when there is none (or
    its placeholders do not fit the parameters)."""
    try:
        return template % params if template else fallback
    except (KeyError, TypeError, ValueError):
        return fallback


def translate(problems: list[Problem]) -> list[dict[str, Any]]:
    if not problems:  # every valid save: translating the whole table cost more than checking the sheet
        return []
    messages = _messages()
    return [{"code": p.code, "field": p.field, "message": _render(messages.get(p.code), dict(p.params), p.message)}
            for p in problems]


def _rule_messages() -> dict[str, str]:
    return {
        "missing": _("“%(param)s” is missing."),
        "not_mapping": _("“%(param)s” must be an object of named values, not a list or a single value."),
        "not_list": _("“%(param)s” must be a list."),
        "too_few": _("“%(param)s” needs at least %(min)s entries."),
        "too_many": _("“%(param)s” may have at most %(max)s entries."),
        "not_text": _("“%(param)s” must be text."),
        "not_number": _("“%(param)s” must be a number."),
        "not_finite": _("“%(param)s” must be a finite number (not NaN or infinity)."),
        "not_whole": _("“%(param)s” must be a whole number."),
        "too_small": _("“%(param)s” must be at least %(min)s."),
        "too_big": _("“%(param)s” must be at most %(max)s."),
        "near_zero": _("“%(param)s” must be 0 or at least %(min)s."),
        "too_precise": _("“%(param)s” may have at most %(decimals)s decimal places."),
        "not_flag": _("“%(param)s” must be true or false."),
        "not_choice": _("“%(param)s” must be one of: %(options)s."),
        "unknown_param": _("“%(param)s” is not a rule parameter."),
        "unknown_indicator": _("“%(param)s” is not an indicator (known: %(known)s)."),
        "bad_prize": _("“%(param)s” must be a number of points from 0 to %(max)s."),
        "no_weight": _("“%(param)s”: at least one indicator needs a weight above 0, or nothing is ranked."),
        "no_prize": _("“%(param)s”: at least one prize must be above 0, or rank earns nothing."),
        "all_pay_reveals": _("“%(param)s” must be on when “all_pay” is on: in an all-pay contest every losing bid is "
                             "paid, and what a city paid can be worked out from its public GDP and money figures."),
    }


def translate_issues(issues: list[Issue], prefix: str) -> list[dict[str, Any]]:
    """The reader's issues about `prefix…` paths, each naming the parameter without the
    prefix (`weights.gdp_growth`, `prizes[3]`), translated."""
    messages = _rule_messages()
    out = []
    for issue in issues:
        param = issue.path.removeprefix(prefix)
        text = _render(messages.get(issue.code), {**issue.params, "param": param}, f"{param}: {issue.message}")
        out.append({"code": issue.code, "param": param, "message": text})
    return out
