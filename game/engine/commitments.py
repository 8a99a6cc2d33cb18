"""What signed agreements and assigned tasks ask of one city's sheet (DESIGN §5.1, §7).

Scoring enforces binding commitments itself (scoring._enforce); these helpers let the
shell refuse a sheet below a binding pledge before the round closes, and let bots build
sheets that honour what they signed. Pure: no Django, no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from game.engine.types import Agreement, AssignedTask, Rules, Sheet
from game.engine.validate import Problem


@dataclass(frozen=True, slots=True)
class Minimum:
    """The least a city must contribute to one project, and the commitment that asks it
    (the largest one when several bind the same project)."""

    project_id: str
    amount: int
    source: str  # "agreement" or "task"
    source_id: str


def commitments_of(
    city_id: str, agreements: Sequence[Agreement], tasks: Sequence[AssignedTask]
) -> list[Minimum]:
    """Every pledge and required share of the city, binding or not."""
    found = [Minimum(a.project_id, a.pledges[city_id], "agreement", a.id) for a in agreements if city_id in a.pledges]
    found += [Minimum(t.project_id, t.required[city_id], "task", t.id) for t in tasks if city_id in t.required]
    return found


def binding_minimums(
    city_id: str, rules: Rules, agreements: Sequence[Agreement], tasks: Sequence[AssignedTask]
) -> dict[str, Minimum]:
    """Project id → the binding minimum: agreements bind when the rules make agreements
    binding, tasks when the rules enforce tasks (the engine raises contributions to them)."""
    out: dict[str, Minimum] = {}
    for m in commitments_of(city_id, agreements, tasks):
        binding = rules.binding_agreements if m.source == "agreement" else rules.enforce_tasks
        if binding and m.amount > 0 and (m.project_id not in out or m.amount > out[m.project_id].amount):
            out[m.project_id] = m
    return out


def commitment_problems(sheet: Sheet, minimums: Mapping[str, Minimum]) -> list[Problem]:
    """A problem for each project the sheet gives less than its binding minimum."""
    problems = []
    for project_id, m in sorted(minimums.items()):
        given = sheet.contributions.get(project_id, 0)
        if isinstance(given, int) and given < m.amount:
            code = "below_pledge" if m.source == "agreement" else "below_task"
            problems.append(
                Problem(
                    code,
                    f"contributions.{project_id}",
                    f"{m.source} {m.source_id} requires at least {m.amount} for '{project_id}', "
                    f"the sheet gives {given}.",
                    {"project": project_id, "pledge": m.amount, "contributed": given, "source": m.source_id},
                )
            )
    return problems


def honour(sheet: Sheet, minimums: Mapping[str, int], budget: int) -> Sheet:
    """The sheet with contributions raised to `minimums` (project id → amount); bids are
    cut, largest first, to stay within the budget. Contributions above a minimum stay."""
    contributions = dict(sheet.contributions)
    for project_id, amount in minimums.items():
        contributions[project_id] = max(contributions.get(project_id, 0), amount)
    bids = dict(sheet.bids)
    over = sum(bids.values()) + sum(contributions.values()) - budget
    for project_id in sorted(bids, key=lambda k: (-bids[k], k)):
        if over <= 0:
            break
        cut = min(bids[project_id], over)
        bids[project_id] -= cut
        over -= cut
    return Sheet(
        sheet.city_id,
        {k: v for k, v in bids.items() if v > 0},
        {k: v for k, v in contributions.items() if v > 0},
        sheet.inflation_pct,
    )
