"""Play a province for several rounds with scripted players (pure, seeded)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.bots.agreements import answer, proposals
from game.bots.agreements import play as play_sheet
from game.bots.base import BotView, RoundRecord, Strategy
from game.engine import Agreement, Province, ProvinceState, RoundOffer, Rules, Sheet, initial_state, score_round


@dataclass(frozen=True, slots=True)
class Seat:
    city_id: str
    strategy: Strategy


def play(
    province: Province,
    offers: Sequence[RoundOffer],
    rules_by_round: Sequence[Rules],
    seats: Sequence[Seat],
    seed: int,
) -> list[RoundRecord]:
    """Round r uses offers[r-1] and rules_by_round[r-1]; every seat is a bot."""
    rounds = len(rules_by_round)
    if len(offers) < rounds:
        raise ValueError(f"the deck has {len(offers)} rounds, fewer than {rounds}")
    state = initial_state(province, rounds)
    history: list[RoundRecord] = []
    for r in range(rounds):
        rules, offer = rules_by_round[r], offers[r]
        signed = negotiate(province, state, rules, offer, seats, tuple(history), seed)
        sheets: dict[str, Sheet] = {}
        for seat in seats:
            view = BotView(province, state, rules, offer, seat.city_id, tuple(history), seed,
                           agreements=_naming(signed, seat.city_id))
            sheets[seat.city_id] = play_sheet(seat.strategy, view)
        result = score_round(province, state, rules, offer, sheets, agreements=signed, seed=seed)
        history.append(RoundRecord(offer, sheets, result, signed))
        state = result.next_state
    return history


def _naming(agreements: Sequence[Agreement], city_id: str) -> tuple[Agreement, ...]:
    return tuple(a for a in agreements if city_id in a.pledges)


def negotiate(province: Province, state: ProvinceState, rules: Rules, offer: RoundOffer, seats: Sequence[Seat],
              history: tuple[RoundRecord, ...], seed: int) -> tuple[Agreement, ...]:
    """The round's talks, in seat order: each proposing seat proposes; every other party
    answers with what is signed so far in view; a proposal is signed when all accept."""
    by_city = {s.city_id: s.strategy for s in seats}
    signed: list[Agreement] = []
    for seat in seats:
        if not getattr(seat.strategy, "proposes", False):
            continue
        view = BotView(province, state, rules, offer, seat.city_id, history, seed,
                       agreements=_naming(signed, seat.city_id))
        for proposal in proposals(view):
            accepted = all(
                answer(by_city[c], BotView(province, state, rules, offer, c, history, seed,
                                           agreements=_naming(signed, c)), proposal)
                for c in proposal.pledges if c != seat.city_id
            )
            if accepted:
                signed.append(Agreement(f"a{state.round_no}-{len(signed) + 1}", proposal.project_id,
                                        proposal.pledges))
    return tuple(signed)


def parse_mix(text: str, city_ids: Sequence[str]) -> list[str]:
    """`best_response` (every seat) or `best_response:8,fair_share:3` (seats in the
    scenario's city order) → one strategy name per city."""
    from game.bots.registry import STRATEGIES
    from game.scenarios.schema import parse_counted

    parts = parse_counted(text, STRATEGIES, what="strategy", unit="seats", empty="no strategy given")
    if len(parts) == 1 and parts[0][1] is None:
        return [parts[0][0]] * len(city_ids)
    for name, count in parts:
        if count is None:
            raise ValueError(f"'{name}': give a number of seats for each strategy in a mix")
    filled = sum(count or 0 for _name, count in parts)
    if filled != len(city_ids):  # before expanding: a count of 10⁹ asked for gigabytes
        raise ValueError(f"the mix fills {filled} seats but the scenario has {len(city_ids)} cities")
    return [name for name, count in parts for _ in range(count or 0)]


def summarise(history: Sequence[RoundRecord], rule_names: Sequence[str]) -> dict:
    """Per-round figures and final standings as plain data (JSON-ready)."""
    standings: dict[str, float] = {}
    rounds = []
    for record, rules_name in zip(history, rule_names, strict=False):
        result = record.result
        for c in result.cities:
            standings[c.city_id] = standings.get(c.city_id, 0.0) + c.points.total
        leader = max(standings, key=lambda k: (standings[k], k))
        t = result.totals
        promises = agreement_counts(result)
        rounds.append(
            {
                "round": result.round_no,
                "rules": rules_name,
                "joint_completed": t.joint_completed,
                "joint_offered": t.joint_offered,
                "completion_rate": round(t.completion_rate, 6),
                "welfare": round(t.welfare, 6),
                "gdp_gain": round(t.gdp_gain, 6),
                "bid_spending": round(t.bid_spending, 6),
                "bid_waste": round(t.bid_waste, 6),
                "leader": leader,
                "agreements": promises,
                "cities": [
                    {
                        "city": c.city_id,
                        "rank": c.rank,
                        "points": round(c.points.total, 6),
                        "composite": round(c.composite, 6),
                        "gdp_gain": round(c.gdp_gain.total, 6),
                        "won": list(c.won),
                        "contributions": dict(c.contributions),
                        "inflation_pct": c.inflation_pct,
                        "caught": c.caught,
                        "indicators": {k: round(v, 6) for k, v in c.indicators.items()},
                    }
                    for c in result.cities
                ],
            }
        )
    offered = sum(r["joint_offered"] for r in rounds)
    return {
        "agreements": {k: sum(r["agreements"][k] for r in rounds) for k in ("signed", "kept", "broken")},
        "rounds": rounds,
        "completion_rate": round(sum(r["joint_completed"] for r in rounds) / offered, 6) if offered else 0.0,
        "welfare": round(sum(r["welfare"] for r in rounds), 6),
        "bid_spending": round(sum(r["bid_spending"] for r in rounds), 6),
        "standings": [
            {"city": k, "points": round(v, 6)}
            for k, v in sorted(standings.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
    }


def agreement_counts(result) -> dict[str, int]:
    """Agreements signed this round, kept by every party, broken by at least one."""
    parties: dict[str, list[bool]] = {}
    for p in result.pledges:
        if p.source == "agreement":
            parties.setdefault(p.source_id, []).append(p.kept)
    kept = sum(all(v) for v in parties.values())
    return {"signed": len(parties), "kept": kept, "broken": len(parties) - kept}
