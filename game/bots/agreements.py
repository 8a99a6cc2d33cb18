"""Bots and the coordination platform: answering proposals, proposing, and keeping or
breaking what they signed (DESIGN §7). Pure, like every strategy.

- `fair_share` and `reciprocal` accept a pledge up to their fair share and keep their
  word; `random` accepts half the time (seeded) and keeps its word; `always_compete`
  declines everything and honours only what the rules enforce.
- `best_response` accepts when keeping the pledge is worth it to it under the rules in
  force (its points with the pledge kept, assuming the other parties pay exactly what they
  pledged into that project, are at least its points without the agreement), and when it chooses its sheet it weighs the
  agreements and tasks it is bound by like any other part of the score.
- `negotiator` is a best responder that talks: it proposes a fair-share agreement for
  each of its joint projects, signs whatever does not bind it (talk is cheap), signs a
  binding agreement only when keeping it is worth it, and then plays its best response —
  so under rules that do not bind, it breaks what does not pay.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from game.bots.base import BotView, Strategy
from game.engine import Agreement, Sheet, quick_points
from game.engine.commitments import binding_minimums, commitments_of, honour

KEEPS_WORD = frozenset({"fair_share", "reciprocal", "random"})


def binding(view: BotView, extra: tuple[Agreement, ...] = ()) -> dict[str, int]:
    """Project id → the least the rules make this city contribute."""
    mins = binding_minimums(view.city_id, view.rules, view.agreements + extra, view.tasks)
    return {k: m.amount for k, m in mins.items()}


def pledged(view: BotView) -> dict[str, int]:
    """Project id → the most this city promised or was assigned, binding or not."""
    out: dict[str, int] = {}
    for m in commitments_of(view.city_id, view.agreements, view.tasks):
        out[m.project_id] = max(out.get(m.project_id, 0), m.amount)
    return out


def play(strategy: Strategy, view: BotView) -> Sheet:
    """The strategy's sheet for the round, with what it signed honoured or not: binding
    commitments always (the server refuses a sheet below them); the rest by its nature."""
    sheet = strategy.choose(view)
    keep = pledged(view) if strategy.name in KEEPS_WORD else binding(view)
    return honour(sheet, keep, view.budget) if keep else sheet


def covered(view: BotView, proposal: Agreement) -> bool:
    """False when signing would bind the city to more than its budget."""
    return sum(binding(view, (proposal,)).values()) <= view.budget


def answer(strategy: Strategy, view: BotView, proposal: Agreement) -> bool:
    """Accept (True) or decline a proposal that names this city."""
    pledge = proposal.pledges[view.city_id]
    project = view.offer.joint_by_id().get(proposal.project_id)
    if project is None or not covered(view, proposal):
        return False
    name = strategy.name
    if name == "always_compete":
        return False
    if name in ("fair_share", "reciprocal"):
        return pledge <= view.fair_share(project)
    if name == "random":
        return view.rng(f"answer/{proposal.id}").random() < 0.5
    if name == "negotiator" and not view.rules.binding_agreements:
        return True
    return worth_keeping(strategy, view, proposal)


def _points(view: BotView, sheet: Sheet, others: Mapping[str, Sheet]) -> float:
    position = [c.id for c in view.province.cities].index(view.city_id)
    sheets = {**others, view.city_id: sheet}
    pts, _, _ = quick_points(view.province, view.state, view.rules, view.offer, sheets,
                             agreements=view.agreements, tasks=view.tasks)
    return round(pts[position], 9)


def _keeping(sheet: Sheet, project_id: str, pledge: int, budget: int) -> Sheet:
    """A party's predicted sheet with its contribution to the project set to its pledge.
    The pledge replaces the prediction rather than raising it: otherwise a party that
    pledges 1 is still assumed to pay its fair share, the project completes on paper, the
    bot's own oversized pledge is refunded above the threshold, and it signs a deal that
    leaves the project short when the others keep exactly their word (issue #9 item 4)."""
    rest = {k: v for k, v in sheet.contributions.items() if k != project_id}
    return honour(dataclasses.replace(sheet, contributions=rest), {project_id: pledge}, budget)


def worth_keeping(strategy: Strategy, view: BotView, proposal: Agreement) -> bool:
    """Its points keeping the pledge (the other parties paying exactly theirs into the
    project) ≥ its points without the agreement, each with its best sheet otherwise."""
    from game.bots.best_response import predict

    others = predict(view)
    without = _points(view, strategy.choose(view), others)
    signed = dataclasses.replace(view, agreements=view.agreements + (proposal,))
    kept_others = {
        c: _keeping(s, proposal.project_id, proposal.pledges[c], signed.state.city(c).budget)
        if c in proposal.pledges else s
        for c, s in others.items()
    }
    mine = honour(strategy.choose(signed), {proposal.project_id: proposal.pledges[view.city_id]}, view.budget)
    return _points(signed, mine, kept_others) >= without


def proposals(view: BotView) -> list[Agreement]:
    """A negotiator's proposals: for each of its joint projects not already covered by an
    agreement naming it, every member pledges its fair share."""
    taken = {a.project_id for a in view.agreements}
    out = []
    for project in view.my_joint():
        if project.id in taken:
            continue
        pledges = {m: view.fair_share(project, m) for m in project.members}
        if pledges[view.city_id] <= view.budget:
            out.append(Agreement(id=f"{view.city_id}/{project.id}", project_id=project.id, pledges=pledges))
    return out
