"""python manage.py demo_session [--scenario shanxi] [--rules SCHEDULE] [--rounds N]
[--provinces P] [--strategy MIX] [--seed S] [--instructor USER]
[--treatments "A=growth_tournament:4;B=collaborative_contest:4"]

Creates a session owned by an instructor account and plays it to the end with bots in
every seat, through the same services a live class uses (join-less: provinces added by
the instructor, bots in every seat, rounds opened, played, closed, scored); prints the
session's code. Every argument is checked before anything is created."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from coordination import bots as coordination_bots
from coordination.models import Agreement, AgreementParty
from game.bots.simulation import parse_mix
from game.models import Round
from game.scenarios import ScenarioError, parse_schedule
from game.services import rounds, sessions
from game.services.bots import bots_play
from game.services.errors import GameError
from game.services.scenarios import get_scenario
from game.services.treatments import parse_treatments, treatments_rounds

MAX_PROVINCES = 100


def whole(name: str, text: str, lo: int, hi: int) -> int:
    value = str(text).strip()
    if not value.lstrip("-").isdecimal() or not lo <= int(value) <= hi:
        raise CommandError(f"--{name} must be a whole number from {lo} to {hi}, got '{text}'", returncode=2)
    return int(value)


def negotiate(rnd: Round) -> None:
    """What the bots do on the platform during a round (the beat sweep and tasks do it in
    a live class): negotiators propose, bot parties answer at once, and the seats an
    agreement now binds choose their sheet again. Nothing when no seat negotiates."""
    coordination_bots.bots_propose(round_id=rnd.id)
    coordination_bots.bots_answer_due(older_than=0)
    bound = set(AgreementParty.objects.filter(agreement__round=rnd, agreement__status=Agreement.Status.SIGNED)
                .values_list("seat_id", flat=True))
    if bound:
        coordination_bots.bots_resave(round_id=rnd.id, seat_ids=sorted(bound))


def in_thirds(presets: list[str], total: int) -> str:
    """growth_tournament:3,implicit_coordination:3,collaborative_contest for 10 rounds."""
    if total < len(presets):
        return presets[-1]
    size = total // len(presets)
    return ",".join(f"{p}:{size}" for p in presets[:-1]) + f",{presets[-1]}"


class Command(BaseCommand):
    help = "Create a session and play it to the end with bots in every seat; prints its code."

    def add_arguments(self, parser):
        # Numbers are read as text so a bad value gets one clear line, not argparse's usage dump.
        parser.add_argument("--scenario", default="shanxi", help="a shipped scenario id")
        parser.add_argument("--rules", default=None,
                            help="a preset, or a schedule: growth_tournament:3,collaborative_contest "
                                 "(default: the scenario's presets in thirds of the rounds)")
        parser.add_argument("--rounds", default=None,
                            help="default: the rounds the treatments count, else every round of the scenario's deck")
        parser.add_argument("--provinces", default="1")
        parser.add_argument("--strategy", default="best_response",
                            help="one strategy for every seat, or a mix by city order: best_response:8,fair_share:3")
        parser.add_argument("--seed", default="1")
        parser.add_argument("--instructor", default="instructor", help="the account that owns the session")
        parser.add_argument("--title", default="")
        parser.add_argument("--treatments", default="",
                            help="rule schedules played side by side, provinces alternating between them: "
                                 "A=growth_tournament:4;B=collaborative_contest:4 (replaces --rules)")

    def handle(self, *args, **opts):
        try:
            scenario = get_scenario(opts["scenario"])
        except ScenarioError as exc:
            raise CommandError(f"--scenario: {' | '.join(exc.problems)}", returncode=2) from None
        # Treatments that count their rounds set the game's length; an explicit --rounds that
        # disagrees is refused by parse_treatments below.
        default_rounds = treatments_rounds(opts["treatments"]) or scenario.max_rounds
        total = whole("rounds", opts["rounds"] or default_rounds, 1, scenario.max_rounds)
        provinces = whole("provinces", opts["provinces"], 1, MAX_PROVINCES)
        seed = whole("seed", opts["seed"], 0, 2**31 - 1)
        city_ids = [c.id for c in scenario.province.cities]
        opts["rules"] = opts["rules"] or in_thirds(list(scenario.presets), total)
        try:
            parse_schedule(opts["rules"], scenario.presets, total)
        except ValueError as exc:
            raise CommandError(f"--rules: {exc}", returncode=2) from None
        try:
            parse_treatments(opts["treatments"], scenario.presets, total)
        except GameError as exc:
            raise CommandError(f"--treatments: {exc.message}", returncode=2) from None
        try:
            mix = parse_mix(opts["strategy"], city_ids)
        except ValueError as exc:
            raise CommandError(f"--strategy: {exc}", returncode=2) from None
        user = get_user_model().objects.filter(username=opts["instructor"]).first()
        if user is None:
            raise CommandError(f"--instructor: no account named '{opts['instructor']}' "
                               f"(create one with: manage.py createinstructor NAME)", returncode=2)
        try:
            session = self._play(user, scenario, opts, total, provinces, seed, mix)
        except GameError as exc:
            raise CommandError(exc.message, returncode=1) from None
        self.stdout.write(session.code)

    def _play(self, user, scenario, opts, total, provinces, seed, mix):
        title = opts["title"] or f"Demo: {scenario.name_en}"
        session = sessions.session_create(
            instructor=user, title=title, scenario_id=scenario.id, total_rounds=total, round_seconds=600,
            schedule=opts["rules"], fill_with_bots=True, bot_strategy=mix[0], auto_close=False,
            max_provinces=provinces, seed=seed, treatments=opts["treatments"])
        for _ in range(provinces):
            province = sessions.province_add(session=session, user=user)
            for seat, strategy in zip(province.seats.order_by("position"), mix, strict=True):
                if seat.bot_strategy != strategy:
                    sessions.seat_set_bot(session=session, user=user, seat_id=seat.id, strategy=strategy)
        for number in range(1, total + 1):
            rnd = rounds.round_open(session=session, user=user)
            bots_play(round_id=rnd.id)  # a Celery worker, if one runs, may play some seats first
            negotiate(rnd)
            rounds.round_close(round_id=rnd.id, actor="demo")
            rounds.round_score(round_id=rnd.id)  # a no-op when a worker scored it already
            rnd.refresh_from_db()
            if rnd.status != Round.Status.SCORED:
                raise CommandError(f"round {number} ended {rnd.status}, not scored", returncode=1)
            if opts["verbosity"] >= 2:
                self.stderr.write(f"round {number}/{total} scored")
        sessions.session_end(session=session, user=user)
        return session
