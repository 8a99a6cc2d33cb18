"""Small builders for engine tests: provinces of N cities, offers, rules and sheets.

Cities are called "c1".."cN" in province order. Everything is plain engine data; no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from game.engine import (
    Agreement,
    AssignedTask,
    City,
    CityState,
    IndustrialProject,
    JointProject,
    Payout,
    Powers,
    Province,
    ProvinceState,
    RoundOffer,
    RoundResult,
    Rules,
    Sheet,
    score_round,
)


def ids(n: int) -> list[str]:
    return [f"c{i}" for i in range(1, n + 1)]


def province(
    n: int = 3,
    *,
    budgets: Sequence[int] | None = None,
    gdp: Sequence[float] | None = None,
    neighbours: Mapping[str, Iterable[str]] | None = None,
    powers: Mapping[str, Powers] | None = None,
    local_return: float = 0.5,
) -> Province:
    """N cities with chosen base budgets (default 100), GDP (default 1000) and neighbours
    (default none; pass one direction only, the other is added)."""
    names = ids(n)
    budgets = list(budgets) if budgets is not None else [100] * n
    gdp = list(gdp) if gdp is not None else [1000.0] * n
    links: dict[str, set[str]] = {c: set() for c in names}
    for a, bs in (neighbours or {}).items():
        for b in bs:
            links[a].add(b)
            links[b].add(a)
    powers = powers or {}
    cities = tuple(
        City(
            id=c,
            name_zh=c,
            name_en=c,
            regions=(),
            neighbours=tuple(sorted(links[c])),
            gdp=float(gdp[k]),
            base_budget=budgets[k],
            powers=powers.get(c, Powers()),
        )
        for k, c in enumerate(names)
    )
    return Province(cities=cities, local_return=local_return)


def state(
    prov: Province,
    *,
    round_no: int = 1,
    total_rounds: int = 5,
    budgets: Mapping[str, int] | None = None,
    hosted: Mapping[str, Iterable[str]] | None = None,
    pending: Sequence[Payout] = (),
) -> ProvinceState:
    """The province's state; budgets default to base + extra budget, GDP to the city's GDP."""
    budgets = budgets or {}
    hosted = hosted or {}
    return ProvinceState(
        round_no=round_no,
        total_rounds=total_rounds,
        cities=tuple(
            CityState(
                city_id=c.id,
                gdp=float(c.gdp),
                budget=budgets.get(c.id, c.base_budget + c.powers.extra_budget),
                hosted=frozenset(hosted.get(c.id, ())),
            )
            for c in prov.cities
        ),
        pending=tuple(pending),
    )


def industrial(
    pid: str = "ind",
    *,
    sector: str = "steel",
    value: float = 100.0,
    fiscal_yield: float = 10.0,
    reserve: int = 0,
) -> IndustrialProject:
    return IndustrialProject(id=pid, sector=sector, value=value, fiscal_yield=fiscal_yield, reserve=reserve)


def joint(
    pid: str = "jp",
    *,
    members: Sequence[str] = ("c1", "c2"),
    host: str | None = None,
    threshold: int = 60,
    spillover: float = 0.0,
    output: float = 0.0,
    fiscal_yield: float = 0.0,
    points: float = 0.0,
    type: str = "infrastructure",
    delay: int = 0,
) -> JointProject:
    return JointProject(
        id=pid,
        type=type,
        members=tuple(members),
        host=host if host is not None else members[0],
        threshold=threshold,
        spillover=spillover,
        output=output,
        fiscal_yield=fiscal_yield,
        points=points,
        delay=delay,
    )


def offer(*projects: IndustrialProject | JointProject) -> RoundOffer:
    return RoundOffer(
        industrial=tuple(p for p in projects if isinstance(p, IndustrialProject)),
        joint=tuple(p for p in projects if isinstance(p, JointProject)),
    )


def sheet(
    city_id: str,
    *,
    bids: Mapping[str, int] | None = None,
    contributions: Mapping[str, int] | None = None,
    inflation: int = 0,
) -> Sheet:
    return Sheet(city_id=city_id, bids=bids or {}, contributions=contributions or {}, inflation_pct=inflation)


def sheets(*items: Sheet) -> dict[str, Sheet]:
    return {s.city_id: s for s in items}


def bids(**by_city: int) -> dict[str, Sheet]:
    """Sheets where each named city bids the given amount on the project "ind"."""
    return sheets(*(sheet(c, bids={"ind": b}) for c, b in by_city.items()))


def score(
    prov: Province,
    the_offer: RoundOffer,
    the_sheets: Mapping[str, Sheet] | None = None,
    *,
    rules: Rules | None = None,
    st: ProvinceState | None = None,
    agreements: Sequence[Agreement] = (),
    tasks: Sequence[AssignedTask] = (),
    seed: int = 0,
) -> RoundResult:
    return score_round(
        prov,
        st if st is not None else state(prov),
        rules if rules is not None else Rules(),
        the_offer,
        the_sheets or {},
        agreements=agreements,
        tasks=tasks,
        seed=seed,
    )
