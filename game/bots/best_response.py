"""The myopic best-response player.

It predicts every other city's sheet for this round from that city's sheet last round,
then tries candidate sheets for itself against them with the engine itself
(`quick_points`) and keeps the one with most points, then the highest composite, then
the lowest spending — so a contribution or bid that changes nothing is dropped, and a
joint project fails only when paying into it does not pay.

Prediction (documented in docs/rules.md §6):
- contributions: the other city pays the share of its fair share it paid the last time
  it was in a project in the same role (host or member), at most its fair share;
- bids: per project, the larger of its last price per unit of value on the project of the
  same rank and its highest price per unit of value spread over every project (`_predict_bids`);
- report inflation: as last round.
In the first round there is no last round: the bot assumes every other city plays the
`fair_share` sheet (pays its fair shares, bids the reserve on one project) — without the
payments where a failed project keeps the money. That start is optimistic on purpose: a
joint project that then fails, fails because paying into it is not worth it to its
members, not because nobody tried.

Audits: the bot does not know the seed, so a sheet with inflation is scored twice —
as if audited and as if not — and the two are weighed by the audit probability.
"""

from __future__ import annotations

import dataclasses

from game.bots.base import (
    BotView,
    RoundRecord,
    checked,
    commitment_options,
    cooperation_rate,
    fit_to_budget,
    with_commitments,
)
from game.bots.simple import FairShare
from game.engine import RoundOffer, Rules, Sheet, draws, fair_shares, quick_points

PASSES = 2


def _predict(view: BotView) -> dict[str, Sheet]:
    if not view.history:
        opener = FairShare()
        sheets = {
            c.id: opener.choose(dataclasses.replace(view, city_id=c.id))
            for c in view.province.cities
            if c.id != view.city_id
        }
        if not view.rules.refund_failed:
            # Where a failed project keeps the money, nobody pays on hope: with every
            # rival assumed to pay, hosts paid into round-one projects that then failed
            # and lost the money (issue #8).
            sheets = {c: dataclasses.replace(s, contributions={}) for c, s in sheets.items()}
        return sheets
    last = view.history[-1]
    predicted: dict[str, Sheet] = {}
    for city in view.province.cities:
        if city.id == view.city_id:
            continue
        before = last.sheets.get(city.id)
        # At most the fair share: money above T goes back, so a rival that over-paid last
        # round is expected to pay its share, not to fill the others' gaps (a seat paying
        # 2 × its share would otherwise talk the bots into paying for its park).
        contributions = {
            p.id: int(round(min(_role_rate(view, city.id, p.host == city.id), 1.0) * view.fair_share(p, city.id)))
            for p in view.offer.joint
            if city.id in p.members
        }
        budget = view.state.city(city.id).budget
        contributions = fit_to_budget(contributions, budget)
        bids = _predict_bids(last, before, view.offer, budget - sum(contributions.values()))
        predicted[city.id] = Sheet(city.id, bids, contributions, before.inflation_pct if before else 0)
    return predicted


def _role_rate(view: BotView, city_id: str, host: bool) -> float:
    """The share of its fair share a rival paid the last time it was in a joint project in
    the same role (host or not); else its share over all its projects last round; else 1.
    Where the host books the park output, hosts pay and the other members do not:
    predicting a non-host from the round it hosted made hosts pay into projects that then
    failed, and lose the money under the growth tournament (issue #8)."""
    for record in reversed(view.history):
        owed = paid = 0.0
        sheet = record.sheets.get(city_id)
        for p in record.offer.joint:
            if city_id in p.members and (p.host == city_id) == host:
                owed += fair_shares(p, view.province)[city_id]
                paid += sheet.contributions.get(p.id, 0) if sheet else 0
        if owed > 0:
            return paid / owed
    rate = cooperation_rate(view.history[-1], view.province, city_id)
    return 1.0 if rate is None else rate


def _predict_bids(last: RoundRecord, before: Sheet | None, offer: RoundOffer, left: int) -> dict[str, int]:
    """A rival's bids this round from its bids last round, per project the larger of:
    - its price per unit of value on the project of the same rank by value last round (a
      seat that puts its money on the most valuable projects is expected to do so again);
    - its highest price per unit of value on every project, all scaled together to what
      it has left (a seat that moves between projects).
    Each bid is at most what the rival has left. The second alone under-predicted a seat
    that concentrates its budget: one seat jump-bidding on the two most valuable projects
    beat the bots by about 10 points a game (issue #8)."""
    if before is None or left <= 0:
        return {}
    ranked_last = sorted(last.offer.industrial, key=lambda p: (-p.value, p.id))
    ratios = [before.bids.get(p.id, 0) / p.value if p.value > 0 else 0.0 for p in ranked_last]
    if not ratios or max(ratios) <= 0:
        return {}
    spread = fit_to_budget({p.id: int(round(max(ratios) * p.value)) for p in offer.industrial}, left)
    bids = {}
    for rank, p in enumerate(sorted(offer.industrial, key=lambda p: (-p.value, p.id))):
        same_rank = int(round(ratios[min(rank, len(ratios) - 1)] * p.value))
        bid = min(max(same_rank, spread.get(p.id, 0)), left)
        if bid > 0:
            bids[p.id] = bid
    return bids


# How unsure a bot is of each predicted rival bid: it scales them, per project, by its own
# seeded factor between 1 - DOUBT and 1 + DOUBT. Bots that read the last round the same way
# otherwise all chased the most valuable project and left the second to a seat that put its
# whole budget on the two best (+10 points a game with equal budgets, issue #8).
DOUBT = 0.5


def _doubted(view: BotView, predicted: dict[str, Sheet]) -> dict[str, Sheet]:
    factor = {
        p.id: draws.stream(view.seed, view.state.round_no, "bot-doubt", f"{view.city_id}/{p.id}").uniform(
            1 - DOUBT, 1 + DOUBT)
        for p in view.offer.industrial
    }
    return {
        c: dataclasses.replace(s, bids={k: int(round(b * factor.get(k, 1.0))) for k, b in s.bids.items()})
        for c, s in predicted.items()
    }


# Rivals may raise their bids: a bid is judged half against the predicted rival bids and
# half against rivals who jump by JUMP (so a jump bid wins when the project is worth it).
JUMP = 0.3
# Seeded variation of a bid above the lowest winning bid, as a share of the project's
# value: identical bots would otherwise bid the same and leave auctions to the tie-break.
VARY = 0.25


def _joint_options(view: BotView, predicted: dict[str, Sheet]) -> list[tuple[str, str, list[int]]]:
    dims: list[tuple[str, str, list[int]]] = []
    for p in view.my_joint():
        others = sum(s.contributions.get(p.id, 0) for c, s in predicted.items() if c in p.members)
        need = max(p.threshold - others, 0)
        # Paying less than the fair share because others are predicted to overpay is
        # left out: predictions are rough, and shaving a few units would let a project
        # fail by a rounding error rather than by a choice. Paying more than the fair
        # share is tried when the others leave a gap: it can be what wins.
        fair = view.fair_share(p)
        options = [0, fair] + ([need] if need > fair else []) + commitment_options(view, p.id)
        dims.append(("c", p.id, [o for o in options if o <= view.budget]))
    return dims


def _bid_options(view: BotView, predicted: dict[str, Sheet]) -> list[tuple[str, str, list[int]]]:
    """No bid, the lowest winning bid and a jump bid over rivals who jump, each raised
    by a seeded amount (the engine's draw streams, never a global random)."""
    dims: list[tuple[str, str, list[int]]] = []
    for p in view.offer.industrial:
        rival = max((s.bids.get(p.id, 0) for s in predicted.values()), default=0)
        rng = draws.stream(view.seed, view.state.round_no, "bot-bid", f"{view.city_id}/{p.id}")
        extra = rng.randint(0, max(1, int(VARY * p.value)))
        beat = max(p.reserve, rival + 1, 1) + extra
        jump = max(p.reserve, _jumped(rival) + 1, 1) + extra
        options = [0] + sorted({b for b in (beat, jump) if b <= view.budget})
        if len(options) > 1:
            dims.append(("b", p.id, options))
    return dims


def _jumped(bid: int) -> int:
    return int(bid * (1 + JUMP) + 0.999) if bid > 0 else 0


def _rivals_jump(predicted: dict[str, Sheet]) -> dict[str, Sheet]:
    return {
        c: dataclasses.replace(s, bids={k: _jumped(b) for k, b in s.bids.items()}) for c, s in predicted.items()
    }


def _options(view: BotView, predicted: dict[str, Sheet]) -> list[tuple[str, str, list[int]]]:
    dims = _joint_options(view, predicted) + _bid_options(view, predicted)
    if view.rules.reporting:
        dims.append(("i", "", [0, 50]))
    return dims


class BestResponse:
    name = "best_response"

    def choose(self, view: BotView) -> Sheet:
        predicted = _doubted(view, _predict(view))
        dims = _options(view, predicted)
        p = view.rules.audit_probability
        rules_clean = dataclasses.replace(view.rules, audit_probability=0.0)
        rules_audited = dataclasses.replace(view.rules, audit_probability=1.0)
        me = view.city_id
        position = [c.id for c in view.province.cities].index(me)

        worlds = (predicted, _rivals_jump(predicted))

        def evaluate(sheet: Sheet) -> tuple[float, float, int]:
            def run(rules: Rules, others: dict[str, Sheet]) -> tuple[float, float]:
                pts, comp, _ = quick_points(view.province, view.state, rules, view.offer, {**others, me: sheet},
                                            agreements=view.agreements, tasks=view.tasks)
                return pts[position], comp[position]

            def expected(others: dict[str, Sheet]) -> tuple[float, float]:
                if sheet.inflation_pct and 0 < p < 1:
                    a, b = run(rules_clean, others), run(rules_audited, others)
                    return (1 - p) * a[0] + p * b[0], (1 - p) * a[1] + p * b[1]
                return run(view.rules, others)

            scores = [expected(w) for w in worlds]
            pts = sum(s[0] for s in scores) / len(scores)
            comp = sum(s[1] for s in scores) / len(scores)
            return (round(pts, 9), round(comp, 9), -sheet.spend())

        choice = {key: 0 for _, key, _ in dims}
        sheet = self._sheet(view, dims, choice)
        best = evaluate(sheet)
        for _ in range(PASSES):
            improved = False
            for _kind, key, options in dims:
                for option in options:
                    if option == choice[key]:
                        continue
                    trial = {**choice, key: option}
                    candidate = self._sheet(view, dims, trial)
                    if candidate.spend() > view.budget:
                        continue
                    score = evaluate(candidate)
                    if score > best:
                        best, choice, sheet, improved = score, trial, candidate, True
            if not improved:
                break
        return checked(view, sheet)

    @staticmethod
    def _sheet(view: BotView, dims: list[tuple[str, str, list[int]]], choice: dict[str, int]) -> Sheet:
        bids = {k: choice[k] for kind, k, _ in dims if kind == "b" and choice[k] > 0}
        contributions = {k: choice[k] for kind, k, _ in dims if kind == "c" and choice[k] > 0}
        inflation = choice.get("", 0) if view.rules.reporting else 0
        return with_commitments(view, Sheet(view.city_id, bids, contributions, inflation))


predict = _predict  # game/bots/agreements.py weighs a proposal against the same prediction
