"""Does the argument hold? .venv/bin/python bench/calibration.py [--seeds 1-5] [--rounds 8]

Prints, per scenario and preset, the mean joint-project completion rate and welfare with
best-response bots in every seat, plus the robustness cases docs/rules.md reports
(mixed populations). Markdown, ready for docs/rules.md."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.bots.calibration import PRESETS, headline  # noqa: E402
from game.scenarios import load_scenario  # noqa: E402


def with_delay(scenario, delay: int):
    """The same scenario with every joint project paying out `delay` rounds late."""
    offers = tuple(
        dataclasses.replace(o, joint=tuple(dataclasses.replace(p, delay=delay) for p in o.joint))
        for o in scenario.offers
    )
    return dataclasses.replace(scenario, offers=offers)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", default="1-5")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--mixes", action="store_true", help="also run mixed bot populations")
    args = parser.parse_args()
    lo, _, hi = args.seeds.partition("-")
    seeds = range(int(lo), int(hi or lo) + 1)
    print(f"Seeds {args.seeds}, {args.rounds} rounds.\n")
    print(
        "| scenario | bots | growth_tournament | implicit_coordination | collaborative_contest | welfare CC ÷ GT |"
    )
    print("|---|---|---|---|---|---|")
    cases = [("shanxi", "best_response"), ("central-cluster", "best_response")]
    if args.mixes:
        cases += [
            ("shanxi", "best_response:8,fair_share:3"),
            ("shanxi", "best_response:8,always_compete:3"),
            ("shanxi", "reciprocal"),
            ("shanxi", "fair_share"),
            ("central-cluster", "best_response:3,random:2"),
        ]
    if args.mixes:
        cases += [("shanxi", "best_response", 2)]
    for case in cases:
        name, strategy, delay = (case + (None,))[:3]
        scenario = load_scenario(name)
        if delay is not None:
            scenario = with_delay(scenario, delay)
            strategy = f"{strategy}, every joint project delayed {delay} rounds"
        figures = headline(scenario, seeds=seeds, rounds=args.rounds, strategy=strategy.split(",")[0]
                           if delay is not None else strategy)
        cells = [f"{figures[p].completion:.2f} / {figures[p].welfare:.0f}" for p in PRESETS]
        ratio = figures["collaborative_contest"].welfare / figures["growth_tournament"].welfare
        print(f"| {name} | {strategy} | " + " | ".join(cells) + f" | {ratio:.2f} |")
    print("\nCells: mean completion rate / mean total welfare over the seeds.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
