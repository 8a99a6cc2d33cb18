"""A CSV table of an export: its file name, what it holds, its columns (each described
in both languages for README.txt) and a generator of its rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from game.services.exports.context import ExportContext, SeatInfo

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    help: Promise


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # the file name, e.g. "decisions.csv"
    help: Promise
    columns: Callable[[ExportContext], tuple[Column, ...]]
    rows: Callable[[ExportContext], Iterator[Row]]
    anonymised_out: bool = False  # a table with free text left out of anonymised exports


def fixed(*columns: Column) -> Callable[[ExportContext], tuple[Column, ...]]:
    return lambda _ctx: columns


ROUND = Column("round", _("Round number, from 1."))
PROVINCE = Column("province", _("Province number within the session, from 1."))
TREATMENT = Column("treatment", _("The province's treatment (its rule schedule) when the session compares "
                                  "treatments; empty otherwise."))
SEAT = Column("seat", _("Seat id: one city of one province (stable within the session)."))
CITY = Column("city_id", _("City id from the scenario."))
CITY_EN = Column("city_en", _("City name in English."))
CITY_ZH = Column("city_zh", _("City name in Chinese."))
SEAT_COLUMNS = (ROUND, PROVINCE, SEAT, CITY, CITY_EN, CITY_ZH)


def seat_cells(ctx: ExportContext, round_number: int, seat: SeatInfo) -> Row:
    en, zh = ctx.city_names(seat.city_id)
    return {"round": round_number, "province": seat.province, "seat": seat.id, "city_id": seat.city_id,
            "city_en": en, "city_zh": zh}
