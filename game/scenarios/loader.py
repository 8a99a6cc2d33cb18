"""Load scenario and preset files into the engine's types, refusing malformed files with
every problem listed (file, path inside it, what is wrong)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from game.engine import (
    City,
    IndustrialProject,
    JointProject,
    Powers,
    Province,
    RoundOffer,
    Rules,
    Weights,
    fair_shares,
)
from game.engine.types import ACCOUNTING_RULES, INDICATORS, JOINT_TYPES
from game.scenarios.schema import Reader, parse_counted

DATA_DIR = Path(__file__).resolve().parent
PRESETS_FILE = DATA_DIR / "presets.yaml"
# Budgets grow with retained revenue, so a host must stay well short of T on its own.
HOST_MARGIN = 1.2
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")


class ScenarioError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Preset:
    id: str
    name_zh: str
    name_en: str
    summary_zh: str
    summary_en: str
    rules: Rules


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    gdp_year: int
    province: Province
    offers: tuple[RoundOffer, ...]
    presets: dict[str, Preset]
    default_schedule: str

    @property
    def max_rounds(self) -> int:
        return len(self.offers)


def available_scenarios() -> list[str]:
    return sorted(p.stem for p in DATA_DIR.glob("*.yaml") if p.name != PRESETS_FILE.name)


def _read_yaml(path: Path, label: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError([f"{label}: cannot read the file ({exc.strerror or exc})"]) from None
    except UnicodeDecodeError:
        raise ScenarioError([f"{label}: the file is not UTF-8 text"]) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ScenarioError([f"{label}: not valid YAML{where}: {problem}"]) from None


def load_presets(path: Path = PRESETS_FILE) -> dict[str, Preset]:
    data = _read_yaml(path, path.name)
    reader = Reader(path.name)
    presets = _presets(reader, data if isinstance(data, dict) else None, "")
    if not isinstance(data, dict):
        reader.fail("", "must map preset ids to presets")
    if reader.problems:
        raise ScenarioError(reader.problems)
    return presets


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A shipped scenario by name (`shanxi`), or a custom file by path."""
    path = Path(name_or_path)
    if path.suffix not in (".yaml", ".yml", ".json"):
        if str(name_or_path) not in available_scenarios():
            known = ", ".join(available_scenarios())
            raise ScenarioError([f"unknown scenario '{name_or_path}' (known: {known}; or give a .yaml file)"])
        path = DATA_DIR / f"{name_or_path}.yaml"
    data = _read_yaml(path, path.name)
    presets = load_presets()
    reader = Reader(path.name)
    if not isinstance(data, dict):
        reader.fail("", "a scenario must be a mapping with id, name, cities and rounds")
        raise ScenarioError(reader.problems)
    scenario = _scenario(reader, data, presets)
    if reader.problems:
        raise ScenarioError(reader.problems)
    return scenario


def _scenario(r: Reader, data: dict, presets: dict[str, Preset]) -> Scenario:
    sid = r.text(data, "id", "")
    if sid and not _ID.match(sid):
        r.fail("id", f"must be lower-case letters, digits, '-' or '_', got {sid!r}")
    name_zh, name_en = r.names(data, "name", "")
    desc = r.mapping(data, "description", "", {})
    local_return = r.number(data, "local_return", "", 0.5, lo=0, hi=2)
    cities, sound = _cities(r, r.seq(data, "cities", "", min_len=2))
    province = Province(tuple(cities), local_return)
    ids = {c.id for c in cities}
    offers = _rounds(r, r.seq(data, "rounds", "", min_len=1), ids, sound, province)
    own = _presets(r, r.mapping(data, "presets", "", {}), "presets")
    all_presets = {**presets, **own}
    schedule = r.text(data, "default_schedule", "", "growth_tournament:1")
    try:
        parse_schedule(schedule, all_presets, len(offers) or 1)
    except ValueError as exc:
        r.fail("default_schedule", str(exc))
    return Scenario(
        id=sid,
        name_zh=name_zh,
        name_en=name_en,
        description_zh=desc.get("zh", "") if isinstance(desc, dict) else "",
        description_en=desc.get("en", "") if isinstance(desc, dict) else "",
        gdp_year=int(r.number(data, "gdp_year", "", 0, whole=True, lo=0)),
        province=province,
        offers=tuple(offers),
        presets=all_presets,
        default_schedule=schedule,
    )


def _cities(r: Reader, items: list) -> tuple[list[City], set[str]]:
    """The cities, and the ids of those whose budget was read without a problem."""
    cities: list[City] = []
    seen: set[str] = set()
    sound: set[str] = set()
    raw_neighbours: list[tuple[str, list]] = []
    for n, item in enumerate(items):
        path = f"cities[{n}]"
        if not isinstance(item, dict):
            r.fail(path, "must be a mapping")
            continue
        cid = r.text(item, "id", path)
        if cid and not _ID.match(cid):
            r.fail(f"{path}.id", f"must be lower-case letters, digits, '-' or '_', got {cid!r}")
        duplicate = bool(cid) and cid in seen
        if duplicate:
            r.fail(f"{path}.id", f"duplicate city id {cid!r}")
        seen.add(cid)
        zh, en = r.names(item, "name", path)
        regions = r.seq(item, "regions", path, [])
        neighbours = r.seq(item, "neighbours", path, [])
        raw_neighbours.append((path, neighbours))
        gdp = r.number(item, "gdp", path, lo=0.001)
        before = len(r.problems)
        base_budget = int(r.number(item, "base_budget", path, whole=True, lo=1, hi=100000))
        powers = r.mapping(item, "powers", path, {})
        bid_discount = r.number(powers, "bid_discount", f"{path}.powers", 0.0, lo=0, hi=0.9)
        extra_budget = int(r.number(powers, "extra_budget", f"{path}.powers", 0, whole=True, lo=0))
        if cid and not duplicate and len(r.problems) == before:
            sound.add(cid)
        cities.append(
            City(
                id=cid,
                name_zh=zh,
                name_en=en,
                regions=tuple(str(x) for x in regions),
                neighbours=tuple(str(x) for x in neighbours),
                gdp=gdp,
                base_budget=base_budget,
                powers=Powers(bid_discount=bid_discount, extra_budget=extra_budget),
            )
        )
    for city, (path, neighbours) in zip(cities, raw_neighbours, strict=True):
        for k, nb in enumerate(neighbours):
            if not isinstance(nb, str) or nb not in seen:
                r.fail(f"{path}.neighbours[{k}]", f"unknown city {nb!r}")
            elif nb == city.id:
                r.fail(f"{path}.neighbours[{k}]", "a city cannot neighbour itself")
            elif city.id not in next(c.neighbours for c in cities if c.id == nb):
                r.fail(f"{path}.neighbours[{k}]", f"{nb!r} does not list {city.id!r} back as a neighbour")
    return cities, sound


def _rounds(r: Reader, items: list, ids: set[str], sound: set[str], province: Province) -> list[RoundOffer]:
    offers: list[RoundOffer] = []
    project_ids: set[str] = set()
    for n, item in enumerate(items):
        path = f"rounds[{n}]"
        if not isinstance(item, dict):
            r.fail(path, "must be a mapping with industrial and joint projects")
            continue
        industrial = []
        for k, p in enumerate(r.seq(item, "industrial", path, [])):
            ppath = f"{path}.industrial[{k}]"
            if not isinstance(p, dict):
                r.fail(ppath, "must be a mapping")
                continue
            pid = _project_id(r, p, ppath, project_ids)
            zh, en = r.names(p, "name", ppath)
            industrial.append(
                IndustrialProject(
                    id=pid,
                    sector=r.text(p, "sector", ppath),
                    value=r.number(p, "value", ppath, lo=0),
                    fiscal_yield=r.number(p, "fiscal_yield", ppath, 0, lo=0),
                    reserve=int(r.number(p, "reserve", ppath, 0, whole=True, lo=0)),
                    name_zh=zh,
                    name_en=en,
                )
            )
        joint: list[JointProject] = []
        # (index in the file, project) for projects read cleanly whose members' budgets are sound:
        # only those can be checked for affordability without a KeyError or a misleading message.
        checkable: list[tuple[int, JointProject]] = []
        for k, p in enumerate(r.seq(item, "joint", path, [])):
            before = len(r.problems)
            project = _joint(r, p, f"{path}.joint[{k}]", ids, project_ids)
            if project is None:
                continue
            joint.append(project)
            if len(r.problems) == before and set(project.members) <= sound:
                checkable.append((k, project))
        _check_affordable(r, checkable, province, path)
        offers.append(RoundOffer(tuple(industrial), tuple(joint)))
    return offers


def _project_id(r: Reader, p: Any, path: str, seen: set[str]) -> str:
    pid = r.text(p, "id", path)
    if pid and not _ID.match(pid):
        r.fail(f"{path}.id", f"must be lower-case letters, digits, '-' or '_', got {pid!r}")
    if pid and pid in seen:
        r.fail(f"{path}.id", f"duplicate project id {pid!r}")
    seen.add(pid)
    return pid


def _joint(r: Reader, p: Any, path: str, ids: set[str], seen: set[str]) -> JointProject | None:
    if not isinstance(p, dict):
        r.fail(path, "must be a mapping")
        return None
    pid = _project_id(r, p, path, seen)
    zh, en = r.names(p, "name", path)
    kind = r.choice(p, "type", path, JOINT_TYPES)
    members = r.seq(p, "members", path, min_len=2)
    for k, m in enumerate(members):
        if not isinstance(m, str) or m not in ids:
            r.fail(f"{path}.members[{k}]", f"unknown city {m!r}")
        elif members.index(m) != k:
            r.fail(f"{path}.members[{k}]", f"{m!r} is listed twice")
    host = r.text(p, "host", path)
    if host and host not in members:
        r.fail(f"{path}.host", f"the host {host!r} is not a member")
    points = r.number(p, "points", path, 0, lo=0)
    if points and kind not in ("ecology", "public_service"):
        r.fail(f"{path}.points", "only ecology and public_service projects carry points")
    return JointProject(
        id=pid,
        type=kind,
        members=tuple(str(m) for m in members),
        host=host,
        threshold=int(r.number(p, "threshold", path, whole=True, lo=1)),
        spillover=r.number(p, "spillover", path, 0, lo=0),
        output=r.number(p, "output", path, 0, lo=0),
        fiscal_yield=r.number(p, "fiscal_yield", path, 0, lo=0),
        points=points,
        delay=int(r.number(p, "delay", path, 0, whole=True, lo=0, hi=20)),
        name_zh=zh,
        name_en=en,
        cost_weights=_cost_weights(r, p, path, members),
    )


def _cost_weights(r: Reader, p: dict, path: str, members: list) -> dict[str, float]:
    """Optional: what each member's fair share is proportional to (every member, > 0)."""
    raw = r.mapping(p, "cost_weights", path, {})
    weights: dict[str, float] = {}
    for m, _ in raw.items():
        if m not in members:
            r.fail(f"{path}.cost_weights.{m}", f"{m!r} is not a member")
            continue
        weights[str(m)] = r.number(raw, m, f"{path}.cost_weights", lo=0.001)
    if raw and set(weights) != set(members):
        r.fail(f"{path}.cost_weights", "give a weight for every member, or none")
    return weights


def _budget(province: Province, city_id: str) -> int:
    """What the city has to spend in round 1: base budget plus any extra-budget power."""
    city = province.city(city_id)
    return city.base_budget + city.powers.extra_budget


def _check_affordable(r: Reader, projects: list[tuple[int, JointProject]], prov: Province, path: str) -> None:
    """DESIGN §5 calibration: no host can meet T alone, and every city can afford its fair
    shares of all of the round's joint projects it is in."""
    owed: dict[str, float] = {}
    for k, p in projects:
        if HOST_MARGIN * _budget(prov, p.host) > p.threshold:
            r.fail(
                f"{path}.joint[{k}].threshold",
                f"{p.threshold} is less than {HOST_MARGIN} × the host {p.host!r}'s budget: "
                "the host could soon build it alone",
            )
        for m, share in fair_shares(p, prov).items():
            owed[m] = owed.get(m, 0.0) + share
    for city_id, total in owed.items():
        budget = _budget(prov, city_id)
        if total > budget:
            r.fail(
                f"{path}.joint",
                f"{city_id!r} owes fair shares of {total:.0f} this round, more than its budget of {budget}",
            )


def _presets(r: Reader, data: dict | None, path: str) -> dict[str, Preset]:
    presets: dict[str, Preset] = {}
    for pid, item in (data or {}).items():
        ppath = f"{path}.{pid}" if path else str(pid)
        if not isinstance(item, dict):
            r.fail(ppath, "must be a mapping with name, summary and rules")
            continue
        zh, en = r.names(item, "name", ppath)
        summary = r.mapping(item, "summary", ppath)
        presets[str(pid)] = Preset(
            id=str(pid),
            name_zh=zh,
            name_en=en,
            summary_zh=r.text(summary, "zh", f"{ppath}.summary"),
            summary_en=r.text(summary, "en", f"{ppath}.summary"),
            rules=rules_from_data(r, r.mapping(item, "rules", ppath), f"{ppath}.rules"),
        )
    return presets


MAX_PRIZES = 100  # more places than any province has cities; each rules version is sent to every screen
# Precision a teacher can mean (docs/rules.md §5): a weight of 5e-324 or a prize of 1e-300
# ranks or pays nothing anyone could see, yet counts as "above 0" for the checks below.
WEIGHT_DECIMALS, PRIZE_DECIMALS, NUMBER_DECIMALS = 3, 2, 3
LEAST_WEIGHT = LEAST_PRIZE = 0.01


def rules_from_data(r: Reader, data: dict, path: str) -> Rules:
    """Read a Rules record; anything left out keeps the engine's default. Refuses what the
    engine could not rank with: non-finite numbers, no prize or no weight above 0, a prize
    list longer than MAX_PRIZES, weights and prizes too small or too precise to mean
    anything (the same checks for scenario files and the rules editor)."""
    d = Rules()
    known = set(Rules.__slots__)
    for key in data:
        if key not in known:
            r.fail(f"{path}.{key}", "unknown rule parameter", "unknown_param")
    weights = r.mapping(data, "weights", path, {})
    for key in weights:
        if key not in INDICATORS:
            r.fail(f"{path}.weights.{key}", f"unknown indicator (known: {', '.join(INDICATORS)})",
                   "unknown_indicator", known=", ".join(INDICATORS))
    w = {k: r.number(weights, k, f"{path}.weights", 0.0, lo=0, hi=100, decimals=WEIGHT_DECIMALS,
                     least_above_zero=LEAST_WEIGHT) for k in INDICATORS}
    if weights and not any(v > 0 for v in w.values()) and all(k in INDICATORS for k in weights):
        r.fail(f"{path}.weights", "at least one indicator needs a weight above 0", "no_weight")
    prizes = r.seq(data, "prizes", path, list(d.prizes), min_len=1, max_len=MAX_PRIZES)
    prize_values = tuple(_prize(r, p, f"{path}.prizes[{k}]") for k, p in enumerate(prizes))
    if prize_values and not any(p > 0 for p in prize_values):
        r.fail(f"{path}.prizes", "at least one prize must be above 0", "no_prize")

    def num(key: str, lo: float = 0, hi: float | None = None) -> float:
        return r.number(data, key, path, getattr(d, key), lo=lo, hi=hi, decimals=NUMBER_DECIMALS)

    rules = Rules(
        weights=Weights(**w) if weights else d.weights,
        prizes=prize_values,
        all_pay=r.flag(data, "all_pay", path, d.all_pay),
        reveal_losing_bids=r.flag(data, "reveal_losing_bids", path, d.reveal_losing_bids),
        duplicate_penalty=num("duplicate_penalty", 0, 1),
        gdp_accounting=r.choice(data, "gdp_accounting", path, ACCOUNTING_RULES, d.gdp_accounting),  # type: ignore[arg-type]
        tax_sharing=r.choice(data, "tax_sharing", path, ACCOUNTING_RULES, d.tax_sharing),  # type: ignore[arg-type]
        refund_failed=r.flag(data, "refund_failed", path, d.refund_failed),
        compensation_rate=num("compensation_rate", 0, 1),
        reporting=r.flag(data, "reporting", path, d.reporting),
        audit_probability=num("audit_probability", 0, 1),
        audit_penalty=num("audit_penalty", 0, 100),
        collaboration_bar=num("collaboration_bar", 0, 10),
        collaboration_reward=num("collaboration_reward", 0, 100),
        binding_agreements=r.flag(data, "binding_agreements", path, d.binding_agreements),
        enforce_tasks=r.flag(data, "enforce_tasks", path, d.enforce_tasks),
        breach_penalty=num("breach_penalty", 0, 100),
        task_penalty=num("task_penalty", 0, 100),
        retention_rate=num("retention_rate", 0, 1),
    )
    if rules.all_pay and not rules.reveal_losing_bids:
        # Every bid at or above the reserve is paid, and what a city paid shows in its
        # public money, GDP, growth and fiscal figures (and in the next round's GDP): a
        # losing bid could always be worked out, so all-pay contests reveal them.
        r.fail(f"{path}.reveal_losing_bids", "must be true when all_pay is true: in an all-pay contest every "
               "losing bid is paid and can be worked out from the public figures", "all_pay_reveals")
    return rules


def _prize(r: Reader, value: Any, path: str) -> float:
    # The range before isfinite(): isfinite() of a 400-digit int raises OverflowError.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or value > 1000 \
            or not math.isfinite(value):
        r.fail(path, f"must be a number of points from 0 to 1000, got {value!r}", "bad_prize", max=1000)
        return 0.0
    if not r.precision(value, path, decimals=PRIZE_DECIMALS, least_above_zero=LEAST_PRIZE):
        return 0.0
    return float(value)


def parse_schedule(text: str, presets: dict[str, Preset], rounds: int) -> list[str]:
    """`growth_tournament:3,collaborative_contest:3` → one preset id per round. A single
    name applies to every round; the last entry stretches to fill the remaining rounds."""
    parts = parse_counted(text, presets, what="rules", unit="rounds", empty="the rule schedule is empty")
    covered = sum(count or 1 for _name, count in parts)
    if covered > rounds:  # checked before expanding: a count of 10⁹ asked for gigabytes
        raise ValueError(f"the schedule covers {covered} rounds, more than the {rounds} played")
    out: list[str] = []
    for name, count in parts:
        out += [name] * (count or 1)
    out += [out[-1]] * (rounds - len(out))
    return out
