"""What every table of an export shares: the session, its scenario, seats, rounds and
the names (or pseudonyms) of the people in it. Small things only: rows are streamed by
each table, never held here."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from game.engine import ProvinceState, RoundOffer, Rules, initial_state
from game.engine.serialize import rules_from_data, state_from_data
from game.models import Event, GameSession, Participant, ProvinceResult, Round, RulesVersion, Seat, SheetRevision
from game.scenarios import Scenario
from game.services.province_rules import version_id_for
from game.services.selectors import province_seed, scenario_for
from game.services.treatment_labels import has_treatments

INSTRUCTOR = "instructor"  # what an anonymised export calls the instructor
FREE_TEXT = frozenset({"note", "text", "body"})  # event fields people type into


@dataclass(frozen=True, slots=True)
class SeatInfo:
    id: int
    province: int  # the province's number
    city_id: str
    position: int


@dataclass
class ExportContext:
    session: GameSession
    scenario: Scenario
    anonymise: bool
    seats: dict[int, SeatInfo]  # by seat id, in province then scenario order
    provinces: dict[int, int]  # province id → number
    rounds: list[Round]  # every round that exists, with its rules version
    names: dict[int, str]  # participant id → display name or pseudonym
    aliases: dict[str, str] = field(default_factory=dict)  # any name ever used → pseudonym
    exported_at: dt.datetime = field(default_factory=timezone.now)
    treatments: dict[int, str] = field(default_factory=dict)  # province number → label (with treatments)
    versions: dict[int, RulesVersion] = field(default_factory=dict)  # every rules record, by id
    _rules: dict[tuple[int, int], Rules] = field(default_factory=dict)

    def name(self, participant_id: int | None) -> str:
        return self.names.get(participant_id, "") if participant_id is not None else ""

    def actor(self, actor: str) -> str:
        """An event's actor as exported: a student's name becomes their pseudonym and the
        instructor's username becomes "instructor" when anonymising."""
        if not self.anonymise:
            return actor
        if actor == self.session.instructor.get_username():
            return INSTRUCTOR
        return self.aliases.get(actor, actor)

    def scrub(self, value: Any) -> Any:
        """Event data with every name anyone used replaced by its pseudonym, and free text
        people typed (agreement notes, chat) left out."""
        if not self.anonymise:
            return value
        if isinstance(value, str):
            return self.aliases.get(value, value)
        if isinstance(value, dict):
            return {k: "" if k in FREE_TEXT else self.scrub(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.scrub(v) for v in value]
        return value

    def seats_by_province(self) -> dict[int, list[SeatInfo]]:
        out: dict[int, list[SeatInfo]] = {}
        for seat in self.seats.values():
            out.setdefault(seat.province, []).append(seat)
        return out

    def city_names(self, city_id: str) -> tuple[str, str]:
        city = self.scenario.province.city(city_id)
        return city.name_en, city.name_zh

    def offer(self, rnd: Round) -> RoundOffer:
        return self.scenario.offers[rnd.number - 1]

    def rules(self, rnd: Round, province_number: int) -> Rules:
        """The rules one province played a round under (its own treatment's)."""
        key = (rnd.number, province_number)
        if key not in self._rules:
            self._rules[key] = rules_from_data(self.rules_data(rnd, province_number))
        return self._rules[key]

    def rules_data(self, rnd: Round, province_number: int) -> dict[str, Any]:
        return self.version(rnd, province_number).rules

    def version(self, rnd: Round, province_number: int) -> RulesVersion:
        """The rules record one province played a round under."""
        if not rnd.treatment_rules:
            return rnd.rules
        return self.versions[version_id_for(rnd, self.treatment(province_number))]

    def treatment(self, province_number: int) -> str:
        """The province's treatment label, "" when the session has none."""
        return self.treatments.get(province_number, "")

    def seed(self, province_number: int) -> int:
        return province_seed(self.session, province_number)

    def scored_rounds(self) -> list[Round]:
        return [r for r in self.rounds if r.status == Round.Status.SCORED]

    def played_rounds(self) -> list[Round]:
        """Rounds that were opened (the draft round waiting to be opened is left out)."""
        return [r for r in self.rounds if r.status != Round.Status.DRAFT]

    def saved_by_bot(self, rnd: Round) -> dict[int, bool]:
        """Seat id → whether a bot made the last save of its sheet in a round."""
        return dict(SheetRevision.objects.filter(sheet__round=rnd).order_by("version")
                    .values_list("sheet__seat_id", "by_bot"))  # later versions overwrite earlier ones

    def initial_state(self) -> ProvinceState:
        return initial_state(self.scenario.province, self.session.total_rounds)

    def states_after(self, rnd: Round) -> dict[int, ProvinceState]:
        """Province number → the state after a scored round (the next round's start)."""
        return {number: state_from_data(state) for number, state in self.raw_states_after(rnd).items()}

    def raw_states_after(self, rnd: Round) -> dict[int, dict[str, Any]]:
        """The same as stored (engine data), for writers that only copy or look up."""
        rows = ProvinceResult.objects.filter(round=rnd).values_list("province_id", "state_after")
        return {self.provinces[pid]: state for pid, state in rows}


def build_context(session: GameSession, *, anonymise: bool = False) -> ExportContext:
    session = GameSession.objects.select_related("instructor").get(pk=session.pk)
    seats = {
        s["id"]: SeatInfo(s["id"], s["province__number"], s["city_id"], s["position"])
        for s in Seat.objects.filter(province__session=session)
        .order_by("province__number", "position").values("id", "province__number", "city_id", "position")
    }
    provinces = dict(session.provinces.values_list("id", "number"))
    rounds = list(session.rounds.select_related("rules").order_by("number"))
    people = list(Participant.objects.filter(session=session).order_by("joined_at", "id")
                  .values_list("id", "display_name"))
    if not anonymise:
        names = dict(people)
        aliases: dict[str, str] = {}
    else:
        # Pseudonyms follow the joining order, so the same student gets the same one in
        # every table and in every export of the session.
        names = {pid: f"student-{n:03d}" for n, (pid, _name) in enumerate(people, 1)}
        aliases = {name: names[pid] for pid, name in people}
        for data in Event.objects.filter(session=session, kind="renamed").values_list("data", flat=True):
            pseudonym = names.get(data.get("participant"))
            for key in ("old", "new"):
                if pseudonym and isinstance(data.get(key), str):
                    aliases[data[key]] = pseudonym
    split = has_treatments(session)
    return ExportContext(session=session, scenario=scenario_for(session), anonymise=anonymise, seats=seats,
                         provinces=provinces, rounds=rounds, names=names, aliases=aliases,
                         treatments=dict(session.provinces.values_list("number", "treatment")) if split else {},
                         versions={v.id: v for v in session.rules_versions.all()} if split else {})


def _list(value: list | tuple) -> str:
    return ";".join(str(_plain(v)) for v in value)


def _mapping(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# By exact type: the export calls this for every cell (hundreds of thousands of times).
_CELL = {
    type(None): lambda v: "",
    bool: lambda v: "true" if v else "false",
    float: repr,
    str: lambda v: v,
    int: lambda v: v,
    dt.datetime: dt.datetime.isoformat,
    list: _list,
    tuple: _list,
    dict: _mapping,
}
# A spreadsheet program runs a cell that starts with one of these as a formula
# (=HYPERLINK(…), +cmd|…, @SUM(…), and a tab or carriage return before them): text
# people typed (display names, chat) is written with a leading ' instead, which the
# program shows as text. Numbers are never touched: -3.5 stays a number.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _typed(value: Any) -> bool:
    """Text, or a list holding text (a list of numbers such as -1;2 is ours, not typed)."""
    kind = type(value)
    return kind is str or (kind in (list, tuple) and any(type(v) is str for v in value))


def _plain(value: Any) -> Any:
    convert = _CELL.get(type(value))
    return convert(value) if convert is not None else value


def cell(value: Any) -> Any:
    """A value as a CSV cell: floats exact (repr), booleans true/false, lists joined by
    ';', mappings as JSON, nothing as an empty cell; text that a spreadsheet would run
    as a formula behind a single quote (OWASP "CSV injection")."""
    out = _plain(value)
    if type(out) is str and out.startswith(FORMULA_START) and _typed(value):
        return "'" + out
    return out
