"""The province engine: scores one round of one province (DESIGN §5).

A pure function of (province, state, rules, offer, sheets, agreements, tasks, seed).
`_score` does the arithmetic on plain lists indexed by city; `score_round` wraps it in
the typed result, and `quick_points` exposes only points and composites so that
best-response bots can try many sheets against the very same rules cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from game.engine import draws
from game.engine.ranking import normalise, rank_and_prizes
from game.engine.result import (
    CityOutcome,
    GdpGain,
    IndustrialOutcome,
    JointOutcome,
    PledgeOutcome,
    Points,
    ProvinceTotals,
    RoundResult,
)
from game.engine.types import (
    INDICATORS,
    Agreement,
    AssignedTask,
    CityState,
    JointProject,
    Payout,
    Province,
    ProvinceState,
    RoundOffer,
    Rules,
    Sheet,
    fair_shares,
)
from game.engine.validate import validate_sheet


class InvalidRound(ValueError):
    """Raised when a sheet handed to the engine fails validation."""


@dataclass(slots=True)
class _Work:
    ids: list[str]
    budget: list[int]
    gdp_start: list[float]
    contrib: list[dict[str, int]]
    enforced: list[int]
    bids_placed: list[int]
    bids_paid: list[float]
    won: list[list[str]]
    gain_projects: list[float]
    fiscal_yield: list[float]
    spent: list[int]
    refunds: list[int]
    returned: list[int]
    comp_paid: list[float]
    comp_recv: list[float]
    gain_spill: list[float]
    gain_output: list[float]
    gain_delayed: list[float]
    tax: list[float]
    ecology: list[float]
    public: list[float]
    collab_credit: list[float]
    owed: list[float]
    penalty_breach: list[float]
    penalty_task: list[float]
    new_sectors: list[set[str]]
    pledges: list[PledgeOutcome] = field(default_factory=list)
    industrial: list[IndustrialOutcome] = field(default_factory=list)
    joint: list[JointOutcome] = field(default_factory=list)
    payouts: list[Payout] = field(default_factory=list)
    bid_waste: float = 0.0
    completed: int = 0


def _new_work(province: Province, state: ProvinceState) -> _Work:
    n = len(province.cities)
    ids = [c.id for c in province.cities]
    states = {c.city_id: c for c in state.cities}
    return _Work(
        ids=ids,
        budget=[states[i].budget for i in ids],
        gdp_start=[states[i].gdp for i in ids],
        contrib=[{} for _ in range(n)],
        enforced=[0] * n,
        bids_placed=[0] * n,
        bids_paid=[0.0] * n,
        won=[[] for _ in range(n)],
        gain_projects=[0.0] * n,
        fiscal_yield=[0.0] * n,
        spent=[0] * n,
        refunds=[0] * n,
        returned=[0] * n,
        comp_paid=[0.0] * n,
        comp_recv=[0.0] * n,
        gain_spill=[0.0] * n,
        gain_output=[0.0] * n,
        gain_delayed=[0.0] * n,
        tax=[0.0] * n,
        ecology=[0.0] * n,
        public=[0.0] * n,
        collab_credit=[0.0] * n,
        owed=[0.0] * n,
        penalty_breach=[0.0] * n,
        penalty_task=[0.0] * n,
        new_sectors=[set() for _ in range(n)],
    )


def _enforce(
    w: _Work,
    idx: dict[str, int],
    rules: Rules,
    joint: dict[str, JointProject],
    agreements: Sequence[Agreement],
    tasks: Sequence[AssignedTask],
) -> None:
    """Step 1: raise contributions to binding pledges out of unspent budget."""
    unspent = [w.budget[i] - w.bids_placed[i] - sum(w.contrib[i].values()) for i in range(len(w.ids))]
    commitments = [("agreement", a.id, a.project_id, a.pledges, rules.binding_agreements) for a in agreements]
    commitments += [("task", t.id, t.project_id, t.required, rules.enforce_tasks) for t in tasks]
    enforced_by: dict[tuple[str, str, str], int] = {}
    for source, source_id, project_id, pledges, binding in commitments:
        project = joint.get(project_id)
        if project is None or not binding:
            continue
        for city_id, pledge in pledges.items():
            i = idx.get(city_id)
            if i is None or city_id not in project.members:
                continue
            have = w.contrib[i].get(project_id, 0)
            add = min(max(pledge - have, 0), max(unspent[i], 0))
            if add > 0:
                w.contrib[i][project_id] = have + add
                unspent[i] -= add
                w.enforced[i] += add
                enforced_by[(source, source_id, city_id)] = add
    for source, source_id, project_id, pledges, binding in commitments:
        project = joint.get(project_id)
        for city_id, pledge in pledges.items():
            i = idx.get(city_id)
            if i is None or project is None or city_id not in project.members:
                continue
            contributed = w.contrib[i].get(project_id, 0)
            kept = contributed >= pledge
            if source == "task":
                penalised = not kept and rules.task_penalty > 0
                if penalised:
                    w.penalty_task[i] += rules.task_penalty
            else:
                penalised = not kept and binding and rules.breach_penalty > 0
                if penalised:
                    w.penalty_breach[i] += rules.breach_penalty
            w.pledges.append(
                PledgeOutcome(
                    source=source,
                    source_id=source_id,
                    project_id=project_id,
                    city_id=city_id,
                    pledged=pledge,
                    contributed=contributed,
                    enforced=enforced_by.get((source, source_id, city_id), 0),
                    kept=kept,
                    penalised=penalised,
                )
            )


def _industrial(
    w: _Work,
    idx: dict[str, int],
    province: Province,
    state: ProvinceState,
    rules: Rules,
    offer: RoundOffer,
    sheets: Sequence[Sheet | None],
    seed: int,
) -> None:
    """Step 2: sealed bids, first-price or all-pay, reserve, seeded tie-break."""
    hosted = [c.hosted for c in (state.city(i) for i in w.ids)]
    neighbours = [c.neighbours for c in province.cities]
    discount = [c.powers.bid_discount for c in province.cities]
    for project in offer.industrial:
        bids: dict[str, int] = {}
        for i, sheet in enumerate(sheets):
            if sheet is not None:
                b = sheet.bids.get(project.id, 0)
                if b > 0:
                    bids[w.ids[i]] = b
        valid = {c: b for c, b in bids.items() if b >= project.reserve}
        winner: str | None = None
        top = 0
        tied: list[str] = []
        if valid:
            top = max(valid.values())
            tied = [c for c, b in valid.items() if b == top]
            winner = tied[0] if len(tied) == 1 else draws.tie_break(seed, state.round_no, project.id, tied)
        payers = valid if rules.all_pay else ({winner: top} if winner else {})
        price = 0.0
        for city_id, b in payers.items():
            i = idx[city_id]
            paid = b * (1.0 - discount[i])
            w.bids_paid[i] += paid
            if city_id == winner:
                price = paid
            else:
                w.bid_waste += paid
        duplicate = False
        if winner is not None:
            i = idx[winner]
            duplicate = project.sector in hosted[i] or any(
                project.sector in hosted[idx[nb]] for nb in neighbours[i] if nb in idx
            )
            w.won[i].append(project.id)
            w.gain_projects[i] += project.value * (1.0 - rules.duplicate_penalty if duplicate else 1.0)
            w.fiscal_yield[i] += project.fiscal_yield
            w.new_sectors[i].add(project.sector)
        w.industrial.append(
            IndustrialOutcome(
                project_id=project.id,
                winner=winner,
                winning_bid=top,
                price_paid=price,
                bids=MappingProxyType(bids),
                tied=tuple(sorted(tied)) if len(tied) > 1 else (),
                duplicate=duplicate,
            )
        )


def _split(
    rule: str, amount: float, project: JointProject, contrib: dict[str, int], total: int
) -> dict[str, float]:
    if amount == 0:
        return {}
    if rule == "host":
        return {project.host: amount}
    if rule == "equal":
        share = amount / len(project.members)
        return {m: share for m in project.members}
    return {m: amount * c / total for m, c in contrib.items() if c > 0}


def settle_threshold(contrib: Mapping[str, int], fair: Mapping[str, float], threshold: int) -> dict[str, int]:
    """Money paid above T goes back to the members who paid above their fair share, in
    proportion to how far above it they paid (largest remainder, whole units; ties go to
    the member listed first). Returns what each member gets back.

    Over-paying then never buys anything: when the others pay their fair shares, a city
    paying 2 × its own gets the extra back as local investment, while money that fills
    another member's gap up to T is kept, credited and shared in as contribution."""
    surplus = sum(contrib.values()) - threshold
    if surplus <= 0:
        return {}
    above = {m: max(c - fair[m], 0.0) for m, c in contrib.items()}
    weight = sum(above.values())
    if weight <= 0:
        return {}
    exact = {m: surplus * a / weight for m, a in above.items()}
    back = {m: min(int(exact[m]), contrib[m]) for m in contrib}
    order = sorted(contrib, key=lambda m: -(exact[m] - back[m]))  # stable: member order breaks ties
    for m in order[: surplus - sum(back.values())]:
        back[m] += 1
    return {m: b for m, b in back.items() if b > 0}


def _joint(
    w: _Work,
    idx: dict[str, int],
    province: Province,
    state: ProvinceState,
    rules: Rules,
    offer: RoundOffer,
) -> None:
    """Steps 3 and 4: threshold public goods, money above T returned, accounting rules,
    delay, compensation."""
    to_compensate: list[tuple[JointProject, dict[str, int], dict[str, float]]] = []
    for project in offer.joint:
        paid_in = {m: w.contrib[idx[m]].get(project.id, 0) for m in project.members}
        total = sum(paid_in.values())
        completed = project.threshold > 0 and total >= project.threshold
        gdp_shares: dict[str, float] = {}
        fiscal_shares: dict[str, float] = {}
        point_shares: dict[str, float] = {}
        returned: dict[str, int] = {}
        pays_in: int | None = None
        fair = fair_shares(project, province)
        for m in project.members:
            w.owed[idx[m]] += fair[m]
        if completed:
            w.completed += 1
            returned = settle_threshold(paid_in, fair, project.threshold)
            kept = {m: c - returned.get(m, 0) for m, c in paid_in.items()}
            kept_total = sum(kept.values())
            for m, c in kept.items():
                w.spent[idx[m]] += c
                w.returned[idx[m]] += returned.get(m, 0)
                # Credit is what was paid in up to the fair share: paying more earns none.
                w.collab_credit[idx[m]] += min(paid_in[m], fair[m])
            gdp_shares = {m: project.spillover for m in project.members}
            for m, q in _split(rules.gdp_accounting, project.output, project, kept, kept_total).items():
                gdp_shares[m] = gdp_shares.get(m, 0.0) + q
            fiscal_shares = _split(rules.tax_sharing, project.fiscal_yield, project, kept, kept_total)
            point_shares = _split("contribution", project.points, project, kept, kept_total)
            due = state.round_no + project.delay
            if due <= state.total_rounds:
                pays_in = due
            _pay(w, idx, project, gdp_shares, fiscal_shares, point_shares, due, pays_in)
            if rules.compensation_rate > 0:
                to_compensate.append((project, kept, fair))
        else:
            for m, c in paid_in.items():
                if rules.refund_failed:
                    w.refunds[idx[m]] += c
                else:
                    w.spent[idx[m]] += c
        w.joint.append(
            JointOutcome(
                project_id=project.id,
                completed=completed,
                total_contributed=total,
                contributions=MappingProxyType(paid_in),
                refunded=(not completed) and rules.refund_failed and total > 0,
                pays_in_round=pays_in,
                gdp_shares=MappingProxyType(gdp_shares),
                fiscal_shares=MappingProxyType(fiscal_shares),
                point_shares=MappingProxyType(point_shares),
                returned_above_threshold=MappingProxyType(returned),
            )
        )
    # Compensation comes out of what is left once every project's contributions are
    # booked, so a payment for one project never spends money owed to a later one.
    for project, kept, fair in to_compensate:
        _compensate(w, idx, project, kept, fair, rules.compensation_rate)


def _pay(
    w: _Work,
    idx: dict[str, int],
    project: JointProject,
    gdp_shares: dict[str, float],
    fiscal_shares: dict[str, float],
    point_shares: dict[str, float],
    due: int,
    pays_in: int | None,
) -> None:
    ecological = project.type == "ecology"
    for m in project.members:
        i = idx[m]
        spill = project.spillover
        output = gdp_shares.get(m, 0.0) - spill
        fiscal = fiscal_shares.get(m, 0.0)
        pts = point_shares.get(m, 0.0)
        if project.delay == 0:
            w.gain_spill[i] += spill
            w.gain_output[i] += output
            w.tax[i] += fiscal
            if ecological:
                w.ecology[i] += pts
            else:
                w.public[i] += pts
        elif pays_in is not None:
            w.payouts.append(
                Payout(
                    due_round=due,
                    city_id=m,
                    project_id=project.id,
                    gdp=spill + output,
                    fiscal=fiscal,
                    ecology=pts if ecological else 0.0,
                    public_service=0.0 if ecological else pts,
                )
            )


def _compensate(
    w: _Work,
    idx: dict[str, int],
    project: JointProject,
    contrib: dict[str, int],
    fair: dict[str, float],
    rate: float,
) -> None:
    """Step 4: members short of their fair share pay rate × shortfall into a pool shared
    by those above it (after money above T went back), in proportion to their excess."""
    pool = 0.0
    for m in project.members:
        shortfall = fair[m] - contrib[m]
        if shortfall <= 0:
            continue
        i = idx[m]
        available = w.budget[i] - w.bids_paid[i] - w.spent[i] - w.comp_paid[i]
        pay = min(rate * shortfall, max(available, 0.0))
        if pay > 0:
            w.comp_paid[i] += pay
            pool += pay
    if pool <= 0:
        return
    excess = {m: contrib[m] - fair[m] for m in project.members if contrib[m] > fair[m]}
    total_excess = sum(excess.values())
    receivers = sorted(excess)
    paid_out = 0.0
    for k, m in enumerate(receivers):
        # The last receiver takes the remainder so the pool pays out exactly what it took in.
        amount = pool - paid_out if k == len(receivers) - 1 else pool * excess[m] / total_excess
        w.comp_recv[idx[m]] += amount
        paid_out += amount


def _score(
    province: Province,
    state: ProvinceState,
    rules: Rules,
    offer: RoundOffer,
    sheets: Mapping[str, Sheet],
    agreements: Sequence[Agreement],
    tasks: Sequence[AssignedTask],
    seed: int,
) -> tuple[_Work, dict[str, list]]:
    w = _new_work(province, state)
    idx = {c: i for i, c in enumerate(w.ids)}
    ordered = [sheets.get(c) for c in w.ids]
    joint = offer.joint_by_id()
    for i, sheet in enumerate(ordered):
        if sheet is not None:
            w.bids_placed[i] = sum(sheet.bids.values())
            w.contrib[i] = {p: c for p, c in sheet.contributions.items() if c > 0}
    if agreements or tasks:
        _enforce(w, idx, rules, joint, agreements, tasks)
    _industrial(w, idx, province, state, rules, offer, ordered, seed)
    _joint(w, idx, province, state, rules, offer)
    for payout in state.pending:
        if payout.due_round == state.round_no and payout.city_id in idx:
            i = idx[payout.city_id]
            w.gain_delayed[i] += payout.gdp
            w.tax[i] += payout.fiscal
            w.ecology[i] += payout.ecology
            w.public[i] += payout.public_service
    return w, _indicators(w, province, rules, ordered, state.round_no, seed)


def _indicators(
    w: _Work,
    province: Province,
    rules: Rules,
    sheets: Sequence[Sheet | None],
    round_no: int,
    seed: int,
) -> dict[str, list]:
    """Steps 5 and 6: indicators, reporting and audits, composite, ranks and points."""
    n = len(w.ids)
    rho = province.local_return
    local = [w.budget[i] - w.bids_paid[i] - w.spent[i] - w.comp_paid[i] for i in range(n)]
    gain = [
        w.gain_projects[i] + w.gain_spill[i] + w.gain_output[i] + rho * local[i] + w.gain_delayed[i]
        for i in range(n)
    ]
    # Growth is measured against what the city could do this round (its budget), not its
    # GDP: gain ÷ GDP made small cities win the growth tournament from local investment
    # alone (issue #8). All-local scores exactly ρ in every city.
    growth = [gain[i] / w.budget[i] if w.budget[i] > 0 else 0.0 for i in range(n)]
    fiscal = []
    collab_actual = []
    for i in range(n):
        b = w.budget[i]
        net = w.fiscal_yield[i] + w.tax[i] + w.comp_recv[i] - w.bids_paid[i] - w.spent[i] - w.comp_paid[i]
        fiscal.append(net / b if b > 0 else 0.0)
        # The share of what it owed (its fair shares of all its joint projects this round)
        # that it paid into completed ones: a city in two projects is not favoured.
        owed = w.owed[i]
        collab_actual.append(w.collab_credit[i] / owed if owed > 1e-9 else 0.0)
    inflation = [s.inflation_pct if (s is not None and rules.reporting) else 0 for s in sheets]
    audited = [
        rules.reporting and draws.audited(seed, round_no, w.ids[i], rules.audit_probability) for i in range(n)
    ]
    caught = [audited[i] and inflation[i] > 0 for i in range(n)]
    collab = [0.0 if caught[i] else collab_actual[i] * (1 + inflation[i] / 100.0) for i in range(n)]
    # Ecology and public-service points per unit of budget, like growth: E is split by
    # contribution, and contributions scale with budgets, so raw E favoured big cities.
    ecology = [w.ecology[i] / w.budget[i] if w.budget[i] > 0 else 0.0 for i in range(n)]
    public = [w.public[i] / w.budget[i] if w.budget[i] > 0 else 0.0 for i in range(n)]
    raw = [growth, fiscal, collab, ecology, public]
    norm = [normalise(col) for col in raw]
    weights = rules.weights.as_tuple()
    composite = [sum(weights[k] * norm[k][i] for k in range(5)) for i in range(n)]
    ranks, prize = rank_and_prizes(composite, rules.prizes)
    reward = [
        rules.collaboration_reward
        if rules.collaboration_reward and rules.collaboration_bar > 0 and collab[i] >= rules.collaboration_bar
        else 0.0
        for i in range(n)
    ]
    audit_pen = [rules.audit_penalty if caught[i] else 0.0 for i in range(n)]
    total = [prize[i] + reward[i] - w.penalty_breach[i] - w.penalty_task[i] - audit_pen[i] for i in range(n)]
    return {
        "local": local,
        "gain": gain,
        "raw": raw,
        "norm": norm,
        "composite": composite,
        "ranks": ranks,
        "prize": prize,
        "reward": reward,
        "audit_pen": audit_pen,
        "total": total,
        "collab_actual": collab_actual,
        "inflation": inflation,
        "audited": audited,
        "caught": caught,
    }


def _check(
    province: Province, state: ProvinceState, rules: Rules, offer: RoundOffer, sheets: Mapping[str, Sheet]
) -> None:
    for city_id, sheet in sheets.items():
        if sheet.city_id != city_id:
            raise InvalidRound(f"sheet filed under {city_id!r} belongs to {sheet.city_id!r}")
        try:
            city = province.city(city_id)
        except KeyError:
            raise InvalidRound(f"sheet for unknown city {city_id!r}") from None
        problems = validate_sheet(sheet, city=city, state=state.city(city_id), offer=offer, rules=rules)
        if problems:
            raise InvalidRound(f"{city_id}: {problems[0].message}")


def quick_points(
    province: Province,
    state: ProvinceState,
    rules: Rules,
    offer: RoundOffer,
    sheets: Mapping[str, Sheet],
    seed: int = 0,
    *,
    agreements: Sequence[Agreement] = (),
    tasks: Sequence[AssignedTask] = (),
) -> tuple[list[float], list[float], list[str]]:
    """Points and composites per city (in province order) without building the result.
    Sheets must already be valid: bots validate before they ask."""
    w, ind = _score(province, state, rules, offer, sheets, agreements, tasks, seed)
    return ind["total"], ind["composite"], w.ids


def score_round(
    province: Province,
    state: ProvinceState,
    rules: Rules,
    offer: RoundOffer,
    sheets: Mapping[str, Sheet],
    *,
    agreements: Sequence[Agreement] = (),
    tasks: Sequence[AssignedTask] = (),
    seed: int,
) -> RoundResult:
    """Score one round. A city without a sheet invests its whole budget locally."""
    _check(province, state, rules, offer, sheets)
    w, ind = _score(province, state, rules, offer, sheets, agreements, tasks, seed)
    cities = []
    for i, city_id in enumerate(w.ids):
        cities.append(
            CityOutcome(
                city_id=city_id,
                gdp_start=w.gdp_start[i],
                budget=w.budget[i],
                won=tuple(w.won[i]),
                bids_placed=w.bids_placed[i],
                bids_paid=w.bids_paid[i],
                contributions=MappingProxyType(dict(w.contrib[i])),
                enforced=w.enforced[i],
                contributions_spent=w.spent[i],
                refunds=w.refunds[i] + w.returned[i],
                returned_above_threshold=w.returned[i],
                compensation_paid=w.comp_paid[i],
                compensation_received=w.comp_recv[i],
                local_investment=ind["local"][i],
                gdp_gain=GdpGain(
                    projects=w.gain_projects[i],
                    spillover=w.gain_spill[i],
                    output=w.gain_output[i],
                    local=province.local_return * ind["local"][i],
                    delayed=w.gain_delayed[i],
                ),
                fiscal_yield=w.fiscal_yield[i],
                tax_shares=w.tax[i],
                ecology=w.ecology[i],
                public_service=w.public[i],
                inflation_pct=ind["inflation"][i],
                audited=ind["audited"][i],
                caught=ind["caught"][i],
                collaboration_actual=ind["collab_actual"][i],
                indicators=MappingProxyType({k: ind["raw"][n][i] for n, k in enumerate(INDICATORS)}),
                normalised=MappingProxyType({k: ind["norm"][n][i] for n, k in enumerate(INDICATORS)}),
                composite=ind["composite"][i],
                rank=ind["ranks"][i],
                points=Points(
                    rank_prize=ind["prize"][i],
                    collaboration_reward=ind["reward"][i],
                    breach_penalty=w.penalty_breach[i],
                    task_penalty=w.penalty_task[i],
                    audit_penalty=ind["audit_pen"][i],
                ),
            )
        )
    totals = ProvinceTotals(
        gdp_gain=sum(ind["gain"]),
        bid_spending=sum(w.bids_paid),
        bid_waste=w.bid_waste,
        joint_completed=w.completed,
        joint_offered=len(offer.joint),
        ecology=sum(w.ecology),
        public_service=sum(w.public),
    )
    return RoundResult(
        round_no=state.round_no,
        seed=seed,
        cities=tuple(cities),
        industrial=tuple(w.industrial),
        joint=tuple(w.joint),
        pledges=tuple(w.pledges),
        totals=totals,
        next_state=_next_state(w, ind, province, state, rules),
    )


def _next_state(
    w: _Work, ind: dict[str, list], province: Province, state: ProvinceState, rules: Rules
) -> ProvinceState:
    """Step 7: GDP grows by the gain; next budget = base + retention × fiscal revenue."""
    cities = []
    for i, city in enumerate(province.cities):
        old: CityState = state.city(city.id)
        revenue = w.fiscal_yield[i] + w.tax[i] + w.comp_recv[i]
        budget = city.base_budget + city.powers.extra_budget + int(rules.retention_rate * revenue + 1e-9)
        cities.append(
            CityState(
                city_id=city.id,
                gdp=old.gdp + ind["gain"][i],
                budget=budget,
                hosted=old.hosted | frozenset(w.new_sectors[i]),
            )
        )
    pending = tuple(p for p in state.pending if p.due_round > state.round_no) + tuple(w.payouts)
    return ProvinceState(
        round_no=state.round_no + 1,
        total_rounds=state.total_rounds,
        cities=tuple(cities),
        pending=pending,
    )
