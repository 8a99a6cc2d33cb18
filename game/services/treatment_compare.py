"""The two worlds side by side (issue #13 item 4, docs/treatments.md "Comparing the
treatments"): per scored round, and over all rounds so far, each treatment's joint-project
completion rate, welfare and bid spending as a mean across its provinces, with a bootstrap
interval once it has enough provinces, and the difference when there are exactly two.

Who sees what: the instructor's panel always sees everything (rule names, which province
plays which treatment); the projector and the debrief only labels and numbers until the
instructor reveals (game/services/treatment_reveal.py). Students never receive any of it: it travels only in
the instructor's and the projector's snapshots (game/services/selectors.py)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from game.models import GameSession, ProvinceResult, Round, RulesVersion
from game.services.scenarios import get_scenario
from game.services.treatment_labels import has_treatments, schedule_of, treatment_labels
from game.services.treatment_stats import LEVEL, MIN_PROVINCES, RESAMPLES, Comparison, compare_groups

# Each a number per province and round, from ProvinceResult.data["totals"] (docs/rules.md §4).
MEASURES = ("completion", "welfare", "bids")
ALL_ROUNDS = "all"


def province_measures(totals: dict[str, Any]) -> dict[str, float | None]:
    """One province's round as the comparison measures it (welfare as in the debrief)."""
    offered = totals["joint_offered"]
    return {
        "completion": totals["joint_completed"] / offered if offered else None,
        "welfare": totals["gdp_gain"] + totals["ecology"] + totals["public_service"],
        "bids": totals["bid_spending"],
    }


def cumulative_measures(rounds: list[dict[str, Any]]) -> dict[str, float | None]:
    """All rounds a province has played so far: completion pooled (completed ÷ offered, not a
    mean of rates), welfare and bids per round (a province added later played fewer rounds)."""
    offered = sum(t["joint_offered"] for t in rounds)
    each = [province_measures(t) for t in rounds]
    return {
        "completion": sum(t["joint_completed"] for t in rounds) / offered if offered else None,
        "welfare": sum(m["welfare"] for m in each) / len(each),
        "bids": sum(m["bids"] for m in each) / len(each),
    }


def treatment_comparison(session: GameSession) -> dict[str, Any] | None:
    """Everything, as the instructor sees it; None in a session without two treatments.
    JSON-ready; cut it with for_projector before anyone else sees it."""
    if not has_treatments(session):
        return None
    labels = treatment_labels(session)
    provinces = list(session.provinces.order_by("number").values_list("id", "number", "treatment"))
    label_of = {pid: label for pid, _n, label in provinces if label in labels}
    per_round: dict[int, dict[int, dict]] = defaultdict(dict)  # round → province id → totals
    for pid, number, totals in (ProvinceResult.objects
                                .filter(round__session=session, round__status=Round.Status.SCORED)
                                .values_list("province_id", "round__number", "data__totals")):
        if pid in label_of:
            per_round[number][pid] = totals
    rounds = sorted(per_round)
    played = _played_presets(session)
    blocks = [_block(session, number, labels, label_of,
                     {pid: province_measures(t) for pid, t in per_round[number].items()}) for number in rounds]
    if rounds:
        # Not `played` again: reusing that name here once hid the rules actually played from
        # _phases below (every phase came out as planned, even after a change mid-game).
        history: dict[int, list[dict]] = defaultdict(list)
        for number in rounds:
            for pid, totals in per_round[number].items():
                history[pid].append(totals)
        blocks.append(_block(session, ALL_ROUNDS, labels, label_of,
                             {pid: cumulative_measures(ts) for pid, ts in history.items()}))
    return {
        "revealed": session.treatments_revealed,
        "level": LEVEL,
        "resamples": RESAMPLES,
        "min_provinces": MIN_PROVINCES,
        "treatments": [{"label": label, "alias": alias(n),
                        "provinces": [n for pid, n, _l in provinces if label_of.get(pid) == label],
                        "phases": _phases(session, label, played.get(label, {}))} for n, label in enumerate(labels)],
        "rounds": blocks,
    }


def alias(position: int) -> str:
    """The neutral name the class sees for the treatment defined at `position`: A, B, C…"""
    return chr(ord("A") + position)


def for_projector(comparison: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the class may see: before the reveal only neutral labels (A, B… in the order the
    instructor defined the treatments: their own labels may name the rules, "GDP") and
    numbers, no rule names and no province membership (issue #13 item 3)."""
    if comparison is None or comparison["revealed"]:
        return comparison
    rename = {t["label"]: t["alias"] for t in comparison["treatments"]}
    hidden = [{"label": t["alias"], "alias": t["alias"], "provinces": None, "phases": None}
              for t in comparison["treatments"]]
    rounds = [{**block, "treatments": {rename[k]: v for k, v in block["treatments"].items()},
               "difference": None if block["difference"] is None else {
                   **block["difference"], "first": rename[block["difference"]["first"]],
                   "second": rename[block["difference"]["second"]]}}
              for block in comparison["rounds"]]
    return {**comparison, "treatments": hidden, "rounds": rounds}


def _block(session: GameSession, number: int | str, labels: list[str], label_of: dict[int, str],
           measures: dict[int, dict[str, float | None]]) -> dict[str, Any]:
    """One round (or all rounds): per treatment and measure the estimate, and the difference."""
    cells: dict[str, dict[str, Any]] = {label: {"provinces": 0} for label in labels}
    for pid in measures:
        cells[label_of[pid]]["provinces"] += 1
    difference: dict[str, Any] | None = {"first": labels[0], "second": labels[1]} if len(labels) == 2 else None
    for measure in MEASURES:
        groups = [(label, [m[measure] for pid, m in measures.items()
                           if label_of[pid] == label and m[measure] is not None]) for label in labels]
        result = compare_groups(groups, seed=f"treatments|{session.seed}|{number}|{measure}")
        for label, estimate in result.groups:
            cells[label][measure] = {"n": estimate.n, "mean": _round(estimate.mean), "low": _round(estimate.low),
                                     "high": _round(estimate.high)}
        if difference is not None:
            difference[measure] = _difference(result)
    return {"round": number, "treatments": cells, "difference": difference}


def _difference(result: Comparison) -> dict[str, float | None]:
    d = result.difference
    assert d is not None
    return {"mean": _round(d.mean), "low": _round(d.low), "high": _round(d.high)}


def _round(value: float | None) -> float | None:
    """Four decimals, like every other number on the screens (selectors._compact)."""
    return None if value is None else round(value, 4)


def _phases(session: GameSession, label: str, played: dict[int, str]) -> list[dict[str, Any]]:
    """The treatment's rules as runs of rounds: [{"from", "to", "preset", "name": {zh, en}}].
    The preset planned for each round (the treatment's schedule), or, for a round already
    created, the one it was given (the instructor may have changed it between rounds; ""
    and name None when edited by hand)."""
    presets = get_scenario(session.scenario_id).presets
    runs: list[dict[str, Any]] = []
    for number, planned in enumerate(schedule_of(session, label), 1):
        preset = played.get(number, planned)
        if runs and runs[-1]["preset"] == preset and runs[-1]["to"] == number - 1:
            runs[-1]["to"] = number
            continue
        known = presets.get(preset)
        runs.append({"from": number, "to": number, "preset": preset,
                     "name": {"zh": known.name_zh, "en": known.name_en} if known else None})
    return runs


def _played_presets(session: GameSession) -> dict[str, dict[int, str]]:
    """Label → round number → the preset of the rules version the treatment got that round
    (Round.treatment_rules, game/services/province_rules.py), in two queries."""
    rounds = list(session.rounds.values_list("number", "treatment_rules"))
    ids = {vid for _n, mapping in rounds for vid in (mapping or {}).values()}
    preset = dict(RulesVersion.objects.filter(pk__in=ids).values_list("id", "preset"))
    played: dict[str, dict[int, str]] = defaultdict(dict)
    for number, mapping in rounds:
        for label, vid in (mapping or {}).items():
            if vid in preset:
                played[label][number] = preset[vid]
    return played
