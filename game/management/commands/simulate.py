"""python manage.py simulate --scenario shanxi --rules growth_tournament --rounds 8
--strategy best_response --seed 1 [--json]"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from game.bots import make_strategy
from game.bots.simulation import Seat, parse_mix, play, summarise
from game.scenarios import ScenarioError, load_scenario, parse_schedule


def _whole(name: str, text: str, lo: int, hi: int) -> int:
    value = text.strip()
    if not value.lstrip("-").isdigit() or not lo <= int(value) <= hi:
        raise CommandError(f"--{name} must be a whole number from {lo} to {hi}, got '{text}'", returncode=2)
    return int(value)


class Command(BaseCommand):
    help = "Play a province with scripted players and print each round and the final standings."

    def add_arguments(self, parser):
        # Numbers are read as text so a bad value gets our one-line error, not argparse's usage dump.
        parser.add_argument("--scenario", default="shanxi", help="shanxi, central-cluster or a .yaml file")
        parser.add_argument(
            "--rules",
            default="growth_tournament",
            help="a preset, or a schedule: growth_tournament:3,collaborative_contest:5",
        )
        parser.add_argument("--rounds", default="8")
        parser.add_argument(
            "--strategy",
            default="best_response",
            help="one strategy for every seat, or a mix: best_response:8,fair_share:3",
        )
        parser.add_argument("--seed", default="1")
        parser.add_argument("--json", action="store_true", help="print JSON instead of tables")

    def handle(self, *args, **opts):
        try:
            scenario = load_scenario(opts["scenario"])
        except ScenarioError as exc:
            raise CommandError(" | ".join(exc.problems), returncode=2) from None
        rounds = _whole("rounds", opts["rounds"], 1, scenario.max_rounds)
        seed = _whole("seed", opts["seed"], 0, 2**63 - 1)
        city_ids = [c.id for c in scenario.province.cities]
        try:
            schedule = parse_schedule(opts["rules"], scenario.presets, rounds)
            mix = parse_mix(opts["strategy"], city_ids)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        seats = [Seat(city_id, make_strategy(name)) for city_id, name in zip(city_ids, mix, strict=True)]
        history = play(
            scenario.province, scenario.offers, [scenario.presets[n].rules for n in schedule], seats, seed
        )
        summary = summarise(history, schedule)
        summary.update(scenario=scenario.id, seed=seed, strategies=dict(zip(city_ids, mix, strict=True)))
        if opts["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=1))
            return
        self._print_tables(summary, scenario)

    def _print_tables(self, summary: dict, scenario) -> None:
        names = {c.id: c.name_en for c in scenario.province.cities}
        out = self.stdout
        out.write(f"{scenario.name_en} — seed {summary['seed']}")
        out.write(f"{'round':>5}  {'rules':<24}{'joint done':>11}{'welfare':>10}{'bids paid':>11}  leader")
        for r in summary["rounds"]:
            out.write(
                f"{r['round']:>5}  {r['rules']:<24}{r['joint_completed']:>5}/{r['joint_offered']:<5}"
                f"{r['welfare']:>10.1f}{r['bid_spending']:>11.1f}  {names[r['leader']]}"
            )
        out.write(
            f"total  completion {summary['completion_rate']:.2f}   welfare {summary['welfare']:.1f}"
            f"   bids paid {summary['bid_spending']:.1f}"
        )
        out.write("\nFinal standings")
        for n, row in enumerate(summary["standings"], 1):
            out.write(
                f"{n:>3}. {names[row['city']]:<12}{row['points']:>7.1f}  ({summary['strategies'][row['city']]})"
            )


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run it with: python manage.py simulate --help")
