"""Every column of every CSV of an export, checked against the database for a session
played to the end (bots and students, a rename, a move, a removal, reports on)."""

import json

import pytest

from game.engine.serialize import rules_from_data, to_data
from game.models import Event, Participant, ProvinceResult, Round, SeatResult, Sheet, SheetRevision
from game.services import rounds, sessions
from game.services.bots import bots_play
from game.services.exports import export_to_dir
from game.services.selectors import scenario_for
from tests.services.played import read_csv

pytestmark = pytest.mark.django_db(transaction=True)  # ids never reused: services cache by id


@pytest.fixture
def played(make_session, join, instructor):
    """central-cluster, 3 rounds (growth, then collaborative with reports and audits)."""
    session = make_session(total_rounds=3, seed=5)
    alice, bob, carol = join(session, "Alice 甲"), join(session, "Bob"), join(session, "Carol")
    sessions.participant_rename(session=session, user=instructor, participant_id=bob.id, display_name="Bobby")
    sessions.participant_remove(session=session, user=instructor, participant_id=carol.id)
    free = session.provinces.get().seats.exclude(pk__in=[alice.seat_id, bob.seat_id]).first()
    for number in (1, 2, 3):
        rnd = rounds.round_open(session=session, user=instructor)
        if number == 2:  # Bob moves to another city between rounds
            sessions.participant_move(session=session, user=instructor, participant_id=bob.id, seat_id=free.id)
        bots_play(round_id=rnd.id)
        offer = scenario_for(session).offers[number - 1]
        rounds.sheet_save(participant=alice, round_number=number, data={"bids": {offer.industrial[0].id: 1}})
        data = {"bids": {offer.industrial[0].id: offer.industrial[0].reserve}}
        if rnd.rules.rules["reporting"]:
            data["inflation_pct"] = 20
        rounds.sheet_save(participant=alice, round_number=number, data=data)
        rounds.round_close(round_id=rnd.id, actor="test")
        rounds.round_score(round_id=rnd.id)
    sessions.session_end(session=session, user=instructor)
    session.refresh_from_db()
    return session


def _same(cell: str, expected) -> bool:
    if expected is None:
        return cell == ""
    if isinstance(expected, bool):
        return cell == ("true" if expected else "false")
    if isinstance(expected, int | float):
        return cell != "" and float(cell) == expected
    if isinstance(expected, list | tuple):
        return cell == ";".join(str(v) for v in expected)
    if isinstance(expected, dict):
        return json.loads(cell) == expected
    if hasattr(expected, "isoformat"):
        return cell == expected.isoformat()
    return cell == str(expected)


def _check(path, expected_rows):
    columns, rows = read_csv(path)
    assert len(rows) == len(expected_rows), path.name
    assert expected_rows, f"{path.name}: the session left this table empty, the check would prove nothing"
    # Every column checked, in any order: the expected rows walk JSON objects read back from the
    # database, and a jsonb column (PostgreSQL) keeps their keys in an order of its own.
    assert sorted(columns) == sorted(expected_rows[0]), f"{path.name}: columns differ from the ones checked"
    for n, (row, expected) in enumerate(zip(rows, expected_rows, strict=True)):
        for column, value in expected.items():
            assert _same(row[column], value), f"{path.name} row {n} {column}: {row[column]!r} != {value!r}"
    return rows


def _seat_cells(rnd_number, seat, scenario):
    city = scenario.province.city(seat.city_id)
    return {"round": rnd_number, "province": seat.province.number, "seat": seat.id, "city_id": seat.city_id,
            "city_en": city.name_en, "city_zh": city.name_zh}


def _seats(session):
    from game.models import Seat

    return list(Seat.objects.filter(province__session=session).select_related("province")
                .order_by("province__number", "position"))


def test_decisions_csv(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, fmt="csv")
    scenario = scenario_for(played)
    expected = []
    for rnd in played.rounds.exclude(status=Round.Status.DRAFT).order_by("number"):
        offer = scenario.offers[rnd.number - 1]
        for seat in _seats(played):
            sheet = Sheet.objects.filter(round=rnd, seat=seat).first()
            data = sheet.data if sheet else {}
            last = sheet.revisions.order_by("-version").first() if sheet else None
            items = [("bid", p.id, data.get("bids", {}).get(p.id, 0)) for p in offer.industrial]
            items += [("contribution", p.id, data.get("contributions", {}).get(p.id, 0)) for p in offer.joint
                      if seat.city_id in p.members]
            if rnd.rules.rules["reporting"]:
                items.append(("inflation", None, data.get("inflation_pct", 0)))
            for item, project, amount in items:
                expected.append({
                    **_seat_cells(rnd.number, seat, scenario), "item": item, "project_id": project,
                    "amount": amount, "has_sheet": sheet is not None,
                    "sheet_version": sheet.version if sheet else None, "saved_at": sheet.saved_at if sheet else None,
                    "saved_by": sheet.saved_by_id if sheet else None,
                    "saved_by_name": sheet.saved_by.display_name if sheet and sheet.saved_by else None,
                    "by_bot": last.by_bot if last else None, "counted": sheet is not None})
    rows = _check(tmp_path / "decisions.csv", expected)
    assert {r["saved_by_name"] for r in rows} >= {"Alice 甲", ""}
    assert any(r["item"] == "inflation" and r["amount"] == "20" for r in rows)
    assert any(r["has_sheet"] == "false" for r in rows)  # Bob never saved


def test_revisions_csv(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, fmt="csv")
    scenario = scenario_for(played)
    expected = []
    for rev in (SheetRevision.objects.filter(sheet__round__session=played).select_related(
            "sheet__round", "sheet__seat__province", "saved_by")
            .order_by("sheet__round__number", "sheet__seat__province__number", "sheet__seat__position", "version")):
        d = rev.data
        expected.append({
            **_seat_cells(rev.sheet.round.number, rev.sheet.seat, scenario), "version": rev.version,
            "saved_at": rev.saved_at, "saved_by": rev.saved_by_id,
            "saved_by_name": rev.saved_by.display_name if rev.saved_by else None, "by_bot": rev.by_bot,
            "bids": d["bids"], "contributions": d["contributions"], "inflation_pct": d["inflation_pct"],
            "total_bids": sum(d["bids"].values()), "total_contributions": sum(d["contributions"].values())})
    rows = _check(tmp_path / "revisions.csv", expected)
    assert [r["version"] for r in rows if r["saved_by_name"] == "Alice 甲"][:2] == ["1", "2"]


def test_outcomes_csv(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, fmt="csv")
    scenario = scenario_for(played)
    expected, totals = [], {}
    for rnd in played.rounds.filter(status=Round.Status.SCORED).order_by("number"):
        for seat in _seats(played):
            r = SeatResult.objects.get(round=rnd, seat=seat)
            c = r.data
            after = ProvinceResult.objects.get(round=rnd, province=seat.province).state_after
            end = next(x for x in after["cities"] if x["city_id"] == seat.city_id)
            sheet = Sheet.objects.filter(round=rnd, seat=seat).first()
            last = sheet.revisions.order_by("-version").first() if sheet else None
            totals[seat.id] = totals.get(seat.id, 0) + r.points
            row = {**_seat_cells(rnd.number, seat, scenario), "treatment": "",
                   "played_by": "none" if last is None else "bot" if last.by_bot else "student",
                   "gdp_start": c["gdp_start"], "gdp_end": end["gdp"], "budget": c["budget"],
                   "budget_next": end["budget"], "won": c["won"]}
            for key in ("bids_placed", "bids_paid", "contributions", "enforced", "contributions_spent", "refunds",
                        "compensation_paid", "compensation_received", "local_investment"):
                row[key] = c[key]
            for g, v in c["gdp_gain"].items():
                row[f"gdp_gain_{g}"] = v
            row["gdp_gain"] = sum(c["gdp_gain"].values())
            for key in ("fiscal_yield", "tax_shares"):
                row[key] = c[key]
            row["fiscal_revenue"] = c["fiscal_yield"] + c["tax_shares"] + c["compensation_received"]
            for key in ("ecology", "public_service", "inflation_pct", "audited", "caught", "collaboration_actual"):
                row[key] = c[key]
            for k, v in c["indicators"].items():
                row[f"indicator_{k}"] = v
            for k, v in c["normalised"].items():
                row[f"normalised_{k}"] = v
            row.update(composite=r.composite, rank=r.rank)
            for k, v in c["points"].items():
                row[f"points_{k}"] = v
            row.update(points=r.points, cumulative_points=totals[seat.id])
            expected.append(row)
    rows = _check(tmp_path / "outcomes.csv", expected)
    assert {r["played_by"] for r in rows} == {"bot", "student", "none"}


def test_projects_csv(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, fmt="csv")
    scenario = scenario_for(played)
    expected = []
    for pr in ProvinceResult.objects.filter(round__session=played).select_related("round", "province").order_by(
            "round__number", "province__number"):
        offer = scenario.offers[pr.round.number - 1]
        specs = {p.id: to_data(p) for p in (*offer.industrial, *offer.joint)}
        for o in pr.data["industrial"]:
            p = specs[o["project_id"]]
            expected.append({"round": pr.round.number, "province": pr.province.number, "kind": "industrial",
                             "project_id": p["id"], "name_en": p["name_en"], "name_zh": p["name_zh"],
                             "sector": p["sector"], "value": p["value"], "fiscal_yield": p["fiscal_yield"],
                             "reserve": p["reserve"], "bids": o["bids"], "winner": o["winner"],
                             "winning_bid": o["winning_bid"], "price_paid": o["price_paid"], "tied": o["tied"],
                             "duplicate": o["duplicate"], **dict.fromkeys(
                                 ("members", "host", "threshold", "spillover", "output", "points", "delay",
                                  "total_contributed", "contributions", "completed", "refunded", "pays_in_round",
                                  "gdp_shares", "fiscal_shares", "point_shares"))})
        for o in pr.data["joint"]:
            p = specs[o["project_id"]]
            expected.append({"round": pr.round.number, "province": pr.province.number, "kind": "joint",
                             "project_id": p["id"], "name_en": p["name_en"], "name_zh": p["name_zh"],
                             "sector": p["type"], "value": None, "fiscal_yield": p["fiscal_yield"], "reserve": None,
                             "bids": None, "winner": None, "winning_bid": None, "price_paid": None, "tied": None,
                             "duplicate": None, "members": p["members"], "host": p["host"],
                             "threshold": p["threshold"], "spillover": p["spillover"], "output": p["output"],
                             "points": p["points"], "delay": p["delay"], "total_contributed": o["total_contributed"],
                             "contributions": o["contributions"], "completed": o["completed"],
                             "refunded": o["refunded"], "pays_in_round": o["pays_in_round"],
                             "gdp_shares": o["gdp_shares"], "fiscal_shares": o["fiscal_shares"],
                             "point_shares": o["point_shares"]})
    _check(tmp_path / "projects.csv", expected)


def test_rules_csv(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, fmt="csv")
    expected = []
    for rnd in played.rounds.select_related("rules").order_by("number"):
        for province in played.provinces.order_by("number"):
            rules = to_data(rules_from_data(rnd.rules.rules))
            row = {"round": rnd.number, "province": province.number, "treatment": "", "round_status": rnd.status,
                   "rules_version": rnd.rules.version, "preset": rnd.rules.preset,
                   "seed": played.seed * 1000 + province.number}
            row.update({f"weights.{k}": v for k, v in rules.pop("weights").items()})
            row.update(rules)
            expected.append(row)
    rows = _check(tmp_path / "rules.csv", expected)
    assert [r["preset"] for r in rows] == ["growth_tournament", "collaborative_contest", "collaborative_contest"]


def test_participants_csv(played, tmp_path, instructor):
    export_to_dir(session=played, directory=tmp_path, fmt="csv")
    scenario = scenario_for(played)
    expected = []
    for p in Participant.objects.filter(session=played).select_related("seat__province").order_by("joined_at", "id"):
        events = Event.objects.filter(session=played, data__participant=p.id)
        moved = list(events.filter(kind="moved").order_by("at"))
        removed = events.filter(kind="removed").first()
        city = scenario.province.city(p.seat.city_id) if p.seat else None
        expected.append({
            "participant": p.id, "display_name": p.display_name, "joined_at": p.joined_at,
            "province": p.seat.province.number if p.seat else None, "treatment": "", "seat": p.seat_id,
            "city_id": p.seat.city_id if p.seat else None, "city_en": city.name_en if city else None,
            "city_zh": city.name_zh if city else None,
            "teammates": [o.id for o in Participant.objects.filter(seat=p.seat, removed=False).exclude(pk=p.pk)
                          .order_by("joined_at", "id")] if p.seat else [],
            "moves": len(moved), "last_moved_at": moved[-1].at if moved else None,
            "renames": events.filter(kind="renamed").count(), "removed": p.removed,
            "removed_at": removed.at if removed else None})
    rows = _check(tmp_path / "participants.csv", expected)
    assert [(r["display_name"], r["moves"], r["renames"], r["removed"]) for r in rows] == [
        ("Alice 甲", "0", "0", "false"), ("Bobby", "1", "1", "false"), ("Carol", "0", "0", "true")]


def test_events_csv(played, tmp_path):
    export_to_dir(session=played, directory=tmp_path, fmt="csv")
    expected = [{"event": e.id, "at": e.at, "kind": e.kind, "actor": e.actor, "data": e.data}
                for e in Event.objects.filter(session=played).order_by("at", "id")]
    rows = _check(tmp_path / "events.csv", expected)
    assert {"session_created", "joined", "renamed", "moved", "removed", "round_scored", "session_ended"} <= {
        r["kind"] for r in rows}


def test_the_readme_describes_every_column_of_every_table_in_both_languages(played, tmp_path):
    from game.services.exports.tables import TABLES

    export_to_dir(session=played, directory=tmp_path)
    readme = (tmp_path / "README.txt").read_text(encoding="utf-8-sig")
    assert "==================== English ====================" in readme
    chinese = readme.split("==================== 中文 ====================")[1]
    for table in TABLES:
        columns, _rows = read_csv(tmp_path / table.name)
        for column in columns:
            assert f"\n  {column}: " in chinese, f"{table.name}: {column} not described in Chinese"
            assert readme.count(f"\n  {column}: ") >= 2, f"{table.name}: {column} not described in both languages"
    untranslated = [line for line in chinese.splitlines() if line.startswith("  ")
                    and not any("\u4e00" <= ch <= "\u9fff" for ch in line.split(": ", 1)[1])]
    assert not untranslated, f"not translated: {untranslated[:3]}"
