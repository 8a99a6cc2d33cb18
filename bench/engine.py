"""Engine speed (not a test): .venv/bin/python bench/engine.py [--provinces 50] [--workers 2]

1. score_round on one 11-city shanxi round (sheets from a best-response game), median;
2. all 11 best_response bots choosing their sheets for one round, median over rounds;
3. a P-province × 10-round simulation with best_response bots in every seat, wall time,
   run in one process and over a process pool (provinces are independent).
Targets (issue #2): ≤ 2 ms, ≤ 200 ms, ≤ 30 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.bots import BotView, make_strategy  # noqa: E402
from game.bots.simulation import Seat, play  # noqa: E402
from game.engine import score_round  # noqa: E402
from game.scenarios import load_scenario  # noqa: E402


def _province_game(seed: int, preset: str, rounds: int) -> float:
    scenario = load_scenario("shanxi")
    seats = [Seat(c.id, make_strategy("best_response")) for c in scenario.province.cities]
    history = play(scenario.province, scenario.offers, [scenario.presets[preset].rules] * rounds, seats, seed)
    return sum(h.result.totals.welfare for h in history)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--preset", default="collaborative_contest")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="cpu: this process's CPU time, which a loaded shared machine inflates far less "
                             "(the multi-process run is then skipped)")
    args = parser.parse_args()
    clock = time.process_time if args.clock == "cpu" else time.perf_counter

    scenario = load_scenario("shanxi")
    rules = scenario.presets[args.preset].rules
    seats = [Seat(c.id, make_strategy("best_response")) for c in scenario.province.cities]
    history = play(scenario.province, scenario.offers, [rules] * args.rounds, seats, 1)

    score_times = []
    for record in history:
        state = _state_before(history, record)
        for _ in range(50):
            t = clock()
            score_round(scenario.province, state, rules, record.offer, record.sheets, seed=1)
            score_times.append(clock() - t)

    choose_times = []
    for n, record in enumerate(history):
        state = _state_before(history, record)
        past = tuple(history[:n])
        for _ in range(3):
            t = clock()
            for seat in seats:
                seat.strategy.choose(
                    BotView(scenario.province, state, rules, record.offer, seat.city_id, past, 1)
                )
            choose_times.append(clock() - t)

    t = clock()
    for seed in range(1, args.provinces + 1):
        _province_game(seed, args.preset, args.rounds)
    serial = clock() - t
    parallel = float("nan")  # a pool's CPU time is its workers', not this process's
    if args.clock == "wall":
        t = clock()
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            list(
                pool.map(
                    _province_game,
                    range(1, args.provinces + 1),
                    [args.preset] * args.provinces,
                    [args.rounds] * args.provinces,
                )
            )
        parallel = clock() - t

    print(
        f"score one 11-city round          median {statistics.median(score_times) * 1000:7.3f} ms"
        f"   (p90 {sorted(score_times)[int(len(score_times) * 0.9)] * 1000:.3f} ms, n={len(score_times)})"
        "   target ≤ 2 ms"
    )
    print(
        f"11 best_response bots choose     median {statistics.median(choose_times) * 1000:7.1f} ms"
        f"   (max {max(choose_times) * 1000:.1f} ms, n={len(choose_times)})   target ≤ 200 ms"
    )
    print(f"{args.provinces} provinces × {args.rounds} rounds, 1 process   {serial:7.1f} s   target ≤ 30 s")
    print(f"{args.provinces} provinces × {args.rounds} rounds, {args.workers} processes {parallel:7.1f} s")
    print(f"(clock: {args.clock})")
    return 0


def _state_before(history, record):
    n = history.index(record)
    if n == 0:
        from game.engine import initial_state

        scenario = load_scenario("shanxi")
        return initial_state(scenario.province, len(history))
    return history[n - 1].result.next_state


if __name__ == "__main__":
    sys.exit(main())
