"""The debrief (DESIGN §10): every chart's numbers and its one-line reading, computed here
from the stored results, for all provinces or one. The page only draws what this returns.

Each chart is {"id", "title", "reading", "columns": [{"key", "label"}], "rows": [...]}:
the rows are the data table behind the chart, the chart draws the same rows."""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import Any

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from game.engine import fair_shares
from game.models import GameSession, ProvinceResult, Round, SeatResult
from game.services.selectors import scenario_for
from game.services.treatment_debrief import two_worlds
from game.services.treatment_labels import has_treatments


def _pct(value: float) -> str:
    return f"{round(100 * value)}%"


def _num(value: float) -> str:
    return f"{value:,.1f}"


def _clauses(parts) -> str:
    """Clauses of one reading: "a; b" in English, "a；b" in Chinese (the separator is translated)."""
    return _("; ").join(parts)


def _lang_name(names: dict[str, str]) -> str:
    return names["zh"] if (get_language() or "").startswith("zh") else names["en"]


def debrief(session: GameSession, province: int | None = None) -> dict[str, Any]:
    """`province`: a province number, or None for every province (means over provinces)."""
    scenario = scenario_for(session)
    numbers = list(session.provinces.order_by("number").values_list("number", flat=True))
    if province is not None and province not in numbers:
        province = None
    chosen = [province] if province is not None else numbers
    rounds = list(session.rounds.filter(status=Round.Status.SCORED).select_related("rules").order_by("number"))
    phases = _phases(rounds, scenario) if not has_treatments(session) else _one_phase(rounds)
    results = (ProvinceResult.objects.filter(round__in=rounds, province__number__in=chosen)
               .values_list("round__number", "province__number", "data__totals", "data__pledges", "state_after"))
    totals: dict[int, list[dict]] = defaultdict(list)
    pledges: dict[int, list[dict]] = defaultdict(list)
    gdp: dict[int, list[float]] = defaultdict(list)
    for number, _p, t, p, state in results:
        totals[number].append(t)
        pledges[number] += p or []
        gdp[number] += [c["gdp"] for c in state["cities"]]
    seats = (SeatResult.objects.filter(round__in=rounds, seat__province__number__in=chosen)
             .values_list("round__number", "seat__city_id", "rank", "data__contributions"))
    ranks: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    paid: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    shares = {r.number: _fair_shares(scenario, r.number) for r in rounds}
    for number, city, rank, contributions in seats:
        ranks[city][number].append(rank)
        owed = shares[number].get(city)
        if owed:
            paid[city][number].append(sum((contributions or {}).values()) / owed)
    names = {c.id: _lang_name({"zh": c.name_zh, "en": c.name_en}) for c in scenario.province.cities}
    order = [c.id for c in scenario.province.cities]
    charts = [
        _completion(rounds, totals, phases),
        _welfare(rounds, totals, phases),
        _gdp_spread(rounds, gdp),
        _fair_share(rounds, paid, phases, names, order),
        _ranks(rounds, ranks, names, order, single=province is not None),
    ]
    agreements = _agreements(rounds, pledges)
    if agreements is not None:
        charts.append(agreements)
    return {
        "session": {"id": session.id, "code": session.code, "title": session.title},
        "provinces": numbers,
        "province": province,
        "rounds": [r.number for r in rounds],
        "round_label": _("Round"),
        "phases": phases,
        "charts": charts,
        # Treatments side by side over every province (whatever `province` is); None without them.
        "two_worlds": two_worlds(session),
    }


def _fair_shares(scenario, number: int) -> dict[str, float]:
    """City → its fair share of T summed over the round's joint projects it is in."""
    owed: dict[str, float] = defaultdict(float)
    for project in scenario.offers[number - 1].joint:
        for city, share in fair_shares(project, scenario.province).items():
            owed[city] += share
    return owed


def _phases(rounds: list[Round], scenario) -> list[dict[str, Any]]:
    """Runs of consecutive rounds under the same rules (preset and version)."""
    phases: list[dict[str, Any]] = []
    for rnd in rounds:
        key = (rnd.rules.preset, rnd.rules.version)
        if phases and phases[-1]["key"] == key and phases[-1]["to"] == rnd.number - 1:
            phases[-1]["to"] = rnd.number
            continue
        preset = scenario.presets.get(rnd.rules.preset)
        name = _lang_name({"zh": preset.name_zh, "en": preset.name_en}) if preset else _("Rules edited by hand")
        phases.append({"key": key, "from": rnd.number, "to": rnd.number, "preset": rnd.rules.preset, "name": name})
    return [{k: v for k, v in p.items() if k != "key"} for p in phases]


def _one_phase(rounds: list[Round]) -> list[dict[str, Any]]:
    """With treatments the provinces play different rules in the same round: one phase over
    every round, named without naming any rules (those stay hidden until the reveal; the
    two-worlds section then names each treatment's). The name says the figures pool every
    treatment's provinces: read as one treatment's, they misled (issue #13 trial)."""
    if not rounds:
        return []
    return [{"from": rounds[0].number, "to": rounds[-1].number, "preset": "",
             "name": _("All treatments pooled")}]


def _phase_of(phases: list[dict], number: int) -> dict:
    return next(p for p in phases if p["from"] <= number <= p["to"])


def _by_phase(phases: list[dict], values: dict[int, float | None]) -> list[tuple[str, float]]:
    """(phase name, mean of the values of its rounds), rules presets that repeat merged."""
    grouped: dict[str, list[float]] = defaultdict(list)
    for number, value in values.items():
        if value is not None:
            grouped[_phase_of(phases, number)["name"]].append(value)
    return [(name, statistics.fmean(v)) for name, v in grouped.items()]


def _completion(rounds, totals, phases) -> dict[str, Any]:
    rows = []
    for rnd in rounds:
        done = sum(t["joint_completed"] for t in totals[rnd.number])
        offered = sum(t["joint_offered"] for t in totals[rnd.number])
        rows.append({"round": rnd.number, "rules": _phase_of(phases, rnd.number)["name"], "completed": done,
                     "offered": offered, "rate": done / offered if offered else None})
    per_phase = _rates(rows, phases)
    reading = _clauses(_("%(rules)s: %(rate)s of joint projects completed") % {"rules": name, "rate": _pct(rate)}
                        for name, rate in per_phase) or _("No round has been scored yet.")
    return {"id": "completion", "title": _("Joint projects completed, per round"), "reading": reading,
            "columns": [{"key": "round", "label": _("Round")}, {"key": "rules", "label": _("Rules")},
                        {"key": "completed", "label": _("Completed")}, {"key": "offered", "label": _("Offered")},
                        {"key": "rate", "label": _("Completion rate"), "format": "percent"}],
            "rows": rows}


def _rates(rows: list[dict], phases: list[dict]) -> list[tuple[str, float]]:
    """Completed ÷ offered over the rounds of each phase (not a mean of rates)."""
    done: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        pair = done[_phase_of(phases, row["round"])["name"]]
        pair[0] += row["completed"]
        pair[1] += row["offered"]
    return [(name, d / o) for name, (d, o) in done.items() if o]


def _welfare(rounds, totals, phases) -> dict[str, Any]:
    rows = []
    for rnd in rounds:
        ts = totals[rnd.number]
        n = len(ts) or 1
        welfare = sum(t["gdp_gain"] + t["ecology"] + t["public_service"] for t in ts) / n
        rows.append({"round": rnd.number, "rules": _phase_of(phases, rnd.number)["name"], "welfare": welfare,
                     "bid_spending": sum(t["bid_spending"] for t in ts) / n,
                     "bid_waste": sum(t["bid_waste"] for t in ts) / n})
    welfare = _by_phase(phases, {r["round"]: r["welfare"] for r in rows})
    spending = dict(_by_phase(phases, {r["round"]: r["bid_spending"] for r in rows}))
    reading = _clauses(_("%(rules)s: welfare %(welfare)s, bids paid %(bids)s per round") % {
        "rules": name, "welfare": _num(value), "bids": _num(spending[name])} for name, value in welfare) \
        or _("No round has been scored yet.")
    return {"id": "welfare", "title": _("Province welfare and bid spending, per round (mean per province)"),
            "reading": reading,
            "columns": [{"key": "round", "label": _("Round")}, {"key": "rules", "label": _("Rules")},
                        {"key": "welfare", "label": _("Welfare")},
                        {"key": "bid_spending", "label": _("Bids paid")},
                        {"key": "bid_waste", "label": _("Bids paid for nothing")}],
            "rows": rows}


def _gdp_spread(rounds, gdp) -> dict[str, Any]:
    rows = []
    for rnd in rounds:
        values = gdp[rnd.number]
        if not values:
            continue
        low, high = min(values), max(values)
        rows.append({"round": rnd.number, "min": low, "median": statistics.median(values), "max": high,
                     "ratio": high / low if low > 0 else None})
    if len(rows) >= 1 and rows[0]["ratio"] and rows[-1]["ratio"]:
        reading = _("After round %(last)s the richest city's GDP is %(end)s× the poorest's (after round "
                    "%(first)s: %(start)s×).") % {"last": rows[-1]["round"], "end": f"{rows[-1]['ratio']:.2f}",
                                                  "first": rows[0]["round"], "start": f"{rows[0]['ratio']:.2f}"}
    else:
        reading = _("No round has been scored yet.")
    return {"id": "gdp_spread", "title": _("GDP of the cities at the end of each round: lowest, median, highest"),
            "reading": reading,
            "columns": [{"key": "round", "label": _("Round")}, {"key": "min", "label": _("Lowest")},
                        {"key": "median", "label": _("Median")}, {"key": "max", "label": _("Highest")},
                        {"key": "ratio", "label": _("Highest ÷ lowest")}],
            "rows": rows}


def _fair_share(rounds, paid, phases, names, order) -> dict[str, Any]:
    rows = []
    for city in order:
        for rnd in rounds:
            values = paid.get(city, {}).get(rnd.number)
            rows.append({"city": names[city], "city_id": city, "round": rnd.number,
                         "share": statistics.fmean(values) if values else None})
    per_phase = _by_phase(phases, {rnd.number: _mean([r["share"] for r in rows if r["round"] == rnd.number])
                                   for rnd in rounds})
    overall = {city: _mean([r["share"] for r in rows if r["city_id"] == city]) for city in order}
    known = {c: v for c, v in overall.items() if v is not None}
    parts = [_("%(rules)s: %(share)s of the fair share paid") % {"rules": name, "share": _pct(v)}
             for name, v in per_phase]
    if known:
        low = min(known, key=lambda c: (known[c], c))
        parts.append(_("lowest over the game: %(city)s (%(share)s)") % {"city": names[low], "share": _pct(known[low])})
    return {"id": "fair_share", "title": _("Contribution as a share of the fair share, by city and round"),
            "reading": _clauses(parts) or _("No round has been scored yet."),
            "columns": [{"key": "city", "label": _("City")}, {"key": "round", "label": _("Round")},
                        {"key": "share", "label": _("Share of fair share"), "format": "percent"}],
            "rows": rows, "cities": [names[c] for c in order]}


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.fmean(known) if known else None


def _ranks(rounds, ranks, names, order, *, single: bool) -> dict[str, Any]:
    rows = []
    for city in order:
        row: dict[str, Any] = {"city": names[city]}
        for rnd in rounds:
            values = ranks.get(city, {}).get(rnd.number)
            row[f"r{rnd.number}"] = statistics.fmean(values) if values else None
        rows.append(row)
    reading = _("No round has been scored yet.")
    if rounds:
        firsts = {names[c]: sum(1 for rnd in rounds if ranks[c].get(rnd.number) and
                                statistics.fmean(ranks[c][rnd.number]) == min(
                                    statistics.fmean(ranks[o][rnd.number]) for o in order if ranks[o].get(rnd.number)))
                  for c in order}
        leader = max(firsts, key=lambda n: (firsts[n], n))
        first, last = f"r{rounds[0].number}", f"r{rounds[-1].number}"
        moves = {r["city"]: r[first] - r[last] for r in rows if r[first] is not None and r[last] is not None}
        values = {"city": leader, "n": firsts[leader], "rounds": len(rounds), "first": rounds[0].number,
                  "last": rounds[-1].number}
        climber = max(moves, key=lambda n: (moves[n], n)) if moves else None
        if len(rounds) == 1 or climber is None:
            reading = ngettext("%(city)s ranked first in %(n)s of %(rounds)s round.",
                               "%(city)s ranked first in %(n)s of %(rounds)s rounds.", len(rounds)) % values
        elif moves[climber] > 0:
            values.update(climber=climber, before=_rank(next(r[first] for r in rows if r["city"] == climber)),
                          after=_rank(next(r[last] for r in rows if r["city"] == climber)))
            reading = ngettext("%(city)s ranked first in %(n)s of %(rounds)s round; biggest climb: %(climber)s "
                               "(%(before)s → %(after)s).",
                               "%(city)s ranked first in %(n)s of %(rounds)s rounds; biggest climb: %(climber)s "
                               "(%(before)s → %(after)s).", len(rounds)) % values
        else:  # "biggest climb: X (2 → 2)" said nothing true
            reading = ngettext("%(city)s ranked first in %(n)s of %(rounds)s round; no city climbed between "
                               "round %(first)s and round %(last)s.",
                               "%(city)s ranked first in %(n)s of %(rounds)s rounds; no city climbed between "
                               "round %(first)s and round %(last)s.", len(rounds)) % values
    title = _("Rank in the province, per round") if single else _("Mean rank over the provinces, per round")
    return {"id": "ranks", "title": title, "reading": reading,
            "columns": [{"key": "city", "label": _("City")}] + [
                {"key": f"r{rnd.number}", "label": _("Round %(n)s") % {"n": rnd.number}} for rnd in rounds],
            "rows": rows}


def _rank(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def _agreements(rounds, pledges) -> dict[str, Any] | None:
    """Agreements signed, kept and broken per round, from the engine's pledge outcomes;
    None until the session has any (the coordination platform makes them)."""
    if not any(pledges.values()):
        return None
    rows = []
    for rnd in rounds:
        by_agreement: dict[str, list[bool]] = defaultdict(list)
        for p in pledges[rnd.number]:
            if p["source"] == "agreement":
                by_agreement[p["source_id"]].append(p["kept"])
        kept = sum(1 for v in by_agreement.values() if all(v))
        rows.append({"round": rnd.number, "signed": len(by_agreement), "kept": kept,
                     "broken": len(by_agreement) - kept})
    signed, kept = sum(r["signed"] for r in rows), sum(r["kept"] for r in rows)
    reading = ngettext("%(signed)s agreement signed, %(kept)s kept by every party, %(broken)s broken.",
                       "%(signed)s agreements signed, %(kept)s kept by every party, %(broken)s broken.", signed) % {
        "signed": signed, "kept": kept, "broken": signed - kept}
    return {"id": "agreements", "title": _("Agreements signed, kept and broken, per round"), "reading": reading,
            "columns": [{"key": "round", "label": _("Round")}, {"key": "signed", "label": _("Signed")},
                        {"key": "kept", "label": _("Kept")}, {"key": "broken", "label": _("Broken")}],
            "rows": rows}
