"""The debrief's "two worlds" section (issue #13 item 4): the comparison of treatments per
round as three charts (completion, welfare, bids), each with its data table and a reading in
plain words generated from the numbers, honest when an interval is wide or missing.

The debrief is shown on the projector too, so it follows the projector's rule: until the
instructor reveals, treatments are named by label only and no province is listed."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from game.models import GameSession
from game.services.treatment_compare import ALL_ROUNDS, MEASURES, for_projector, treatment_comparison


def two_worlds(session: GameSession) -> dict[str, Any] | None:
    """None in a session without two treatments."""
    comparison = for_projector(treatment_comparison(session))
    if comparison is None:
        return None
    scored = [b["round"] for b in comparison["rounds"] if b["round"] != ALL_ROUNDS]
    last = scored[-1] if scored else None
    names = {t["label"]: treatment_name(t, through=last) for t in comparison["treatments"]}
    return {
        "revealed": comparison["revealed"],
        "comparison": comparison,
        "treatments": [{"label": t["label"], "name": treatment_name(t), "provinces": t["provinces"]}
                       for t in comparison["treatments"]],
        "charts": [_chart(comparison, measure, names, len(scored)) for measure in MEASURES] if scored else [],
        "method": _("Each figure is the mean over a treatment's provinces. The interval is a percentile bootstrap "
                    "interval of that mean (%(level)s%%, %(n)s resamples of the provinces, seeded so it is the "
                    "same every time), given once a treatment has %(min)s provinces or more.") % {
            "level": round(100 * comparison["level"]), "n": comparison["resamples"],
            "min": comparison["min_provinces"]},
    }


def treatment_name(treatment: dict[str, Any], round: int | None = None, through: int | None = None) -> str:
    """"Treatment A", with its rules once they may be named: those it played in `round`, or
    the sequence up to round `through` ("Treatment A: growth tournament → implicit
    coordination"), or over the whole schedule. The rules are the ones each round was played
    under (Round.treatment_rules), so a change mid-game shows."""
    base = _("Treatment %(label)s") % {"label": treatment["label"]}
    phases = treatment["phases"] or []
    if round is not None:
        phases = [p for p in phases if p["from"] <= round <= p["to"]]
    elif through is not None:
        phases = [p for p in phases if p["from"] <= through]
    if not phases:
        return base
    zh = _chinese()
    names: list[str] = []
    for phase in phases:
        name = (phase["name"]["zh"] if zh else phase["name"]["en"]) if phase["name"] else _("Rules edited by hand")
        if not names or names[-1] != name:
            names.append(name)
    return f"{base}{'：' if zh else ': '}{' → '.join(names)}"


TITLES = {
    "completion": lambda: _("Two worlds: joint projects completed, per round and treatment"),
    "welfare": lambda: _("Two worlds: welfare per province, per round and treatment"),
    "bids": lambda: _("Two worlds: bids paid per province, per round and treatment"),
}


def _chart(comparison: dict[str, Any], measure: str, names: dict[str, str], rounds: int) -> dict[str, Any]:
    percent = measure == "completion"
    fmt = "percent" if percent else None
    rows = []
    by_label = {t["label"]: t for t in comparison["treatments"]}
    for block in comparison["rounds"]:
        every = block["round"] == ALL_ROUNDS
        when = _("All rounds") if every else block["round"]
        for label, cell in block["treatments"].items():
            estimate = cell[measure]
            name = names[label] if every else treatment_name(by_label[label], round=block["round"])
            rows.append({"round": when, "treatment": name, "provinces": estimate["n"],
                         "mean": estimate["mean"], "low": estimate["low"], "high": estimate["high"]})
        if block["difference"] is not None:
            d = block["difference"]
            rows.append({"round": when, "treatment": _("Difference %(first)s − %(second)s") % d, "provinces": None,
                         "mean": d[measure]["mean"], "low": d[measure]["low"], "high": d[measure]["high"],
                         "difference": True})
    return {
        "id": f"compare_{measure}", "measure": measure, "title": TITLES[measure](),
        "reading": reading(comparison, measure, names, rounds),
        "columns": [{"key": "round", "label": _("Round")}, {"key": "treatment", "label": _("Treatment")},
                    {"key": "provinces", "label": _("Provinces")},
                    {"key": "mean", "label": _("Mean"), "format": fmt},
                    {"key": "low", "label": _("90% interval from"), "format": fmt},
                    {"key": "high", "label": _("90% interval to"), "format": fmt}],
        "rows": rows,
    }


def _value(measure: str, value: float) -> str:
    return f"{round(100 * value)}%" if measure == "completion" else f"{value:,.1f}"


def _gap(measure: str, value: float, unit: bool = True) -> str:
    """A difference: of rates in percentage points, of amounts in their own unit, signed."""
    if measure == "completion":
        number = f"{100 * value:+.0f}".replace("-", "−")
        return _("%(n)s percentage points") % {"n": number} if unit else number
    return f"{value:+,.1f}".replace("-", "−")


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")


def _sentences(*parts: str) -> str:
    """Chinese sentences follow each other without a space; English ones with one."""
    return ("" if _chinese() else " ").join(parts)


HEADS = {
    "completion": lambda parts, rounds: _("Over %(rounds)s scored rounds, joint projects completed: %(parts)s.") % {
        "rounds": rounds, "parts": parts},
    "welfare": lambda parts, rounds: _("Over %(rounds)s scored rounds, welfare per province and round: %(parts)s.") % {
        "rounds": rounds, "parts": parts},
    "bids": lambda parts, rounds: _("Over %(rounds)s scored rounds, bids paid per province and round: %(parts)s.") % {
        "rounds": rounds, "parts": parts},
}


def reading(comparison: dict[str, Any], measure: str, names: dict[str, str], rounds: int) -> str:
    """The all-rounds figures in a sentence or two, e.g. "Over 4 scored rounds, joint projects
    completed: Treatment A 82% (90% interval 70%–93%); Treatment B 8% (…). The difference …"."""
    block = next(b for b in comparison["rounds"] if b["round"] == ALL_ROUNDS)
    parts = []
    for label, cell in block["treatments"].items():
        e = cell[measure]
        if e["mean"] is None:
            parts.append(_("%(name)s: no province scored yet") % {"name": names[label]})
        elif e["low"] is None:
            parts.append(_("%(name)s %(value)s (%(n)s provinces: too few for an interval)") % {
                "name": names[label], "value": _value(measure, e["mean"]), "n": e["n"]})
        else:
            parts.append(_("%(name)s %(value)s (90%% interval %(low)s–%(high)s)") % {
                "name": names[label], "value": _value(measure, e["mean"]), "low": _value(measure, e["low"]),
                "high": _value(measure, e["high"])})
    text = HEADS[measure](("；" if _chinese() else "; ").join(parts), rounds)
    d = block["difference"]
    if d is None or d[measure]["mean"] is None:
        return text
    gap = d[measure]
    values = {"first": d["first"], "second": d["second"], "gap": _gap(measure, gap["mean"]),
              "min": comparison["min_provinces"]}
    if gap["low"] is None:
        return _sentences(text, _("%(first)s − %(second)s: %(gap)s, but a treatment with fewer than %(min)s provinces "
                              "gives no interval: read it as an example, not a result.") % values)
    if gap["low"] == gap["high"] == gap["mean"] == 0:
        return _sentences(text, _("%(first)s and %(second)s did not differ at all.") % values)
    values.update(low=_gap(measure, gap["low"], unit=False), high=_gap(measure, gap["high"], unit=False))
    if gap["low"] <= 0 <= gap["high"]:
        return _sentences(text, _("%(first)s − %(second)s: %(gap)s (90%% interval %(low)s to %(high)s). The "
                                  "interval includes zero: with these provinces the gap could be chance.") % values)
    wide = (gap["high"] - gap["low"]) > abs(gap["mean"])
    sentence = _("%(first)s − %(second)s: %(gap)s (90%% interval %(low)s to %(high)s). The interval excludes "
                 "zero: the gap is larger than the differences between provinces explain.") % values
    if wide:
        return _sentences(text, sentence, _("Its size is uncertain: the interval is wider than the gap itself."))
    return _sentences(text, sentence)
