"""Bots in seats play their strategy when a round opens, through sheet_save."""

from __future__ import annotations

from coordination.announce import bots_propose_soon
from game.bots import BotView, RoundRecord, make_strategy
from game.engine import parse_sheet
from game.engine.serialize import rules_from_data
from game.models import Round, Seat
from game.services.errors import GameError
from game.services.province_rules import versions_by_province
from game.services.rounds import sheet_save
from game.services.selectors import province_seed, scenario_for, state_before


def _history(province, rnd: Round, scenario) -> tuple[RoundRecord, ...]:
    records = []
    seats = {s.id: s.city_id for s in province.seats.all()}
    for past in rnd.session.rounds.filter(number__lt=rnd.number, status=Round.Status.SCORED).order_by("number"):
        sheets = {}
        for saved in past.sheets.filter(seat__province=province):
            sheet, _ = parse_sheet(seats[saved.seat_id], saved.data)
            if sheet is not None:
                sheets[sheet.city_id] = sheet
        records.append(RoundRecord(scenario.offers[past.number - 1], sheets))
    return tuple(records)


def bots_play(*, round_id: int) -> int:
    """Save a sheet for every bot seat of an open round. Safe to run twice: a bot that
    already saved keeps its sheet."""
    rnd = Round.objects.select_related("session", "rules").filter(pk=round_id).first()
    if rnd is None or rnd.status != Round.Status.OPEN:
        return 0
    session = rnd.session
    scenario = scenario_for(session)
    played = 0
    provinces = list(session.provinces.all())
    versions = versions_by_province(rnd, provinces)  # each province under its own treatment's rules
    for province in provinces:
        rules = rules_from_data(versions[province.id].rules)
        bots = list(Seat.objects.filter(province=province).exclude(bot_strategy="").exclude(sheets__round=rnd))
        if not bots:
            continue
        state = state_before(province, rnd.number, session)
        history = _history(province, rnd, scenario)
        for seat in bots:
            view = BotView(scenario.province, state, rules, scenario.offers[rnd.number - 1], seat.city_id, history,
                           province_seed(session, province.number))
            sheet = make_strategy(seat.bot_strategy).choose(view)
            data = {"bids": dict(sheet.bids), "contributions": dict(sheet.contributions),
                    "inflation_pct": sheet.inflation_pct}
            try:
                # A bot decides as the round opens: if its task was lost (Redis down at open)
                # and the sweeper plays it late, even past the deadline, it still counts.
                sheet_save(participant=None, seat=seat, round_number=rnd.number, data=data, by_bot=True,
                           received_at=rnd.opened_at)
            except GameError as exc:
                if exc.code == "round_not_open":
                    return played
                raise
            played += 1
    bots_propose_soon(rnd)
    return played
