"""Fairness and exploits (issue #8): .venv/bin/python bench/fairness.py [--seeds 1-12]
[--grid-seeds 1-2] [--scenario shanxi] [--preset growth_tournament] [--workers 2]

Per scenario and preset, with 8 rounds:
1. best_response in every seat: each city's share of wins and mean final place, the
   largest win share, and the share of bot-vs-bot auctions settled by the tie-break;
2. one seat plays each simple strategy of the grid (game/bots/fairness.py GRID) against
   best_response everywhere else: each city's mean place over the grid and its best
   place; the gain in points of each exploit over playing best_response in that seat;
   and over-paying (2× and 3× the fair share) against paying exactly the fair share.
Markdown, ready for docs/rules.md §8. Games are independent: they run in a process pool.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.bots.calibration import (  # noqa: E402
    PRESETS,  # noqa: E402
    figures,
    games,
)
from game.bots.fairness import EXPLOITS, GRID, mean, one_seat, tie_break_share, winners  # noqa: E402
from game.scenarios import load_scenario  # noqa: E402

ROUNDS = 8


def _seeds(text: str) -> range:
    lo, _, hi = text.partition("-")
    return range(int(lo), int(hi or lo) + 1)


def _same(args):
    name, preset, seeds = args
    scenario = load_scenario(name)
    played = games(scenario, preset, seeds=seeds, rounds=ROUNDS)
    return name, preset, winners(played), tie_break_share(played), figures(preset, played)


def _seat(args):
    name, preset, city, strategy, seeds = args
    return name, preset, one_seat(load_scenario(name), preset, city, strategy, seeds=seeds, rounds=ROUNDS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1-12", help="seeds of the same-strategy games")
    parser.add_argument("--grid-seeds", default="101-102", help="seeds of the one-seat grid")
    parser.add_argument("--scenario", action="append", help="default: shanxi and central-cluster")
    parser.add_argument("--preset", action="append", help="default: all three")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-grid", action="store_true", help="only the same-strategy games")
    args = parser.parse_args()
    names = args.scenario or ["shanxi", "central-cluster"]
    presets = args.preset or list(PRESETS)
    seeds, grid_seeds = list(_seeds(args.seeds)), list(_seeds(args.grid_seeds))
    cities = {n: [c.id for c in load_scenario(n).province.cities] for n in names}
    grid = list(GRID) + ["overpay:1"]
    with ProcessPoolExecutor(args.workers) as pool:
        same = list(pool.map(_same, [(n, p, seeds) for n in names for p in presets]))
        seat_jobs = [] if args.no_grid else [
            (n, p, c, s, grid_seeds) for n in names for p in presets for c in cities[n] for s in grid
        ]
        seats = list(pool.map(_seat, seat_jobs, chunksize=4))
    runs = {(n, p, r.city, r.strategy): r for n, p, r in seats}

    print(f"{ROUNDS} rounds; same-strategy seeds {args.seeds}; one-seat grid seeds {args.grid_seeds}.\n")
    print("### Same strategy (best_response) in every seat\n")
    print("| scenario | preset | completion / welfare | most wins (share of games) | mean place range | "
          "auctions on tie-break |")
    print("|---|---|---|---|---|---|")
    for name, preset, res, ties, fig in same:
        top = max(res.wins, key=res.wins.get)
        places = res.mean_place.values()
        print(
            f"| {name} | {preset} | {fig.completion:.2f} / {fig.welfare:.0f} | {top} {res.wins[top]:.2f}"
            f" | {min(places):.1f}–{max(places):.1f} | {ties:.2f} |"
        )
    print("\nMean final place by city (same runs):\n")
    for name, preset, res, *_ in same:
        cells = ", ".join(f"{c} {p:.1f}" for c, p in res.mean_place.items())
        print(f"- {name} / {preset}: {cells}")

    if args.no_grid:
        return 0
    print("\n### One seat plays a simple strategy against best_response\n")
    print("| scenario | preset | city mean place over the grid (min–max) | worst city's best place | "
          "best exploit: gain over best_response | overpay 2× / 3× vs fair share |")
    print("|---|---|---|---|---|---|")
    for name in names:
        for preset in presets:
            grid_mean = {c: mean(mean(runs[(name, preset, c, s)].places) for s in GRID) for c in cities[name]}
            best_place = {c: min(min(runs[(name, preset, c, s)].places) for s in GRID) for c in cities[name]}

            def gain(strategy: str, base: str = "best_response", *, _n=name, _p=preset) -> float:
                return mean(
                    mean(runs[(_n, _p, c, strategy)].points) - mean(runs[(_n, _p, c, base)].points)
                    for c in cities[_n]
                )

            exploit = max(EXPLOITS, key=gain)
            worst = max(best_place, key=best_place.get)
            print(
                f"| {name} | {preset} | {min(grid_mean.values()):.1f}–{max(grid_mean.values()):.1f}"
                f" | {worst} {best_place[worst]} | {exploit} {gain(exploit):+.1f}"
                f" | {gain('overpay:2', 'overpay:1'):+.2f} / {gain('overpay:3', 'overpay:1'):+.2f} |"
            )
    print("\nGains are mean points over the game (all cities, all grid seeds); a place is 1 + the")
    print("number of cities with strictly more points.")
    print("\nPer city, over the grid: mean place / best place / the strategy that did best (mean points):\n")
    for name in names:
        for preset in presets:
            cells = []
            for c in cities[name]:
                places = [p for s in GRID for p in runs[(name, preset, c, s)].places]
                top = max(GRID, key=lambda s, _c=c: mean(runs[(name, preset, _c, s)].points))
                cells.append(f"{c} {mean(places):.1f}/{min(places)}/{top}")
            print(f"- {name} / {preset}: " + ", ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
