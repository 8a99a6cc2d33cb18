"""A class arriving at once, probed from outside against a running server (not a test): only
what a browser does, over HTTP and websockets, so it runs against `make run` on a fresh clone.

  .venv/bin/python bench/class_burst.py [--url http://127.0.0.1:8000] [--joins 300] [--concurrency 30]
                                        [--savers 3] [--saves 100] [--password PW | --checkout DIR]

1. The instructor logs in (password from --password, or DIR/.run/instructor-created as
   `make run` writes it) and creates a game with room for everyone.
2. Join burst: --joins students post the join form, --concurrency at a time, each with its
   own cookies. Every answer is counted by status; the roster (read from the instructor's
   socket) must hold every student whose join was answered with a redirect, exactly once,
   and no seat more than once.
3. Racing saves: a second game, --savers students sharing one city; round 1 opens and each
   sends --saves different sheets as fast as the socket takes them, all at once. Every save
   must be answered (saved or a clear error), the acknowledged versions must be distinct,
   and the sheet stored at the end must be the one acknowledged with the highest version.

Exit status 0 when every check holds. tests/live/test_a_class_arriving_at_once.py runs the
same probe at a smaller scale in `make test` (correctness only, no timing).
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import json
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a join answers 302: that is the answer we measure, not the next page


class Browser:
    """One person's cookies, as a browser keeps them."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.jar if c.name == name), "")

    def request(self, path: str, form: dict | None = None, accept: str = "text/html") -> tuple[int, str, str]:
        """(status, Location header, body) of one request; errors are answers too."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        headers = {"Accept": accept, "Referer": self.base + "/"}
        if form is not None:
            headers["X-CSRFToken"] = self.cookie("csrftoken")
        req = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location", ""), answer.read().decode(errors="replace")

    def post(self, path: str, form: dict, accept: str = "text/html") -> tuple[int, str, str]:
        if not self.cookie("csrftoken"):
            self.request(path if path.startswith("/accounts") or path == "/" else "/")
        return self.request(path, {**form, "csrfmiddlewaretoken": self.cookie("csrftoken")}, accept)

    def ws_headers(self) -> dict:
        return {"Cookie": f"sessionid={self.cookie('sessionid')}", "Origin": self.base}


def instructor_password(args) -> str:
    if args.password:
        return args.password
    created = Path(args.checkout) / ".run" / "instructor-created"
    match = re.search(r"^Password: (\S+)", created.read_text(), re.M) if created.exists() else None
    if match is None:
        raise SystemExit(f"no password: pass --password, or --checkout with {created} (written by `make run`)")
    return match.group(1)


def log_in(base: str, password: str, username: str = "instructor") -> Browser:
    teacher = Browser(base)
    teacher.request("/accounts/login/")
    status, location, _ = teacher.post("/accounts/login/", {"username": username, "password": password})
    if status != 302:
        raise SystemExit(f"instructor login answered {status}: wrong password?")
    return teacher


def create_game(teacher: Browser, title: str, students_per_seat: int) -> tuple[int, str]:
    """A game with room for a large class; (its id, its join code)."""
    status, location, body = teacher.post("/instructor/", {
        "title": title, "scenario_id": "shanxi", "total_rounds": 3, "round_seconds": 3600,
        "schedule": "growth_tournament:3", "students_per_seat": students_per_seat, "fill_with_bots": "on",
        "bot_strategy": "fair_share", "max_provinces": 100, "absent_rounds": 0,
    })
    if status != 302:
        raise SystemExit(f"creating a game answered {status}: {body[:500]}")
    session_id = int(re.search(r"/instructor/s/(\d+)/", location).group(1))
    _, _, panel = teacher.request(f"/instructor/s/{session_id}/")
    code = re.search(r"code=([A-Z0-9]+)", panel).group(1)
    return session_id, code


def join(base: str, code: str, name: str) -> tuple[Browser, int, float]:
    student = Browser(base)
    student.request(f"/?code={code}")
    started = time.monotonic()
    status, location, _ = student.post("/", {"code": code, "name": name})
    if status == 302 and "/play/" not in location:
        status = -302  # redirected somewhere else: not seated
    return student, status, time.monotonic() - started


async def instructor_snapshot(teacher: Browser, session_id: int) -> dict:
    from websockets.asyncio.client import connect

    url = teacher.base.replace("http", "ws", 1) + f"/ws/instructor/{session_id}/"
    async with connect(url, additional_headers=teacher.ws_headers(), max_size=2**24) as ws:
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), 30))
            if message.get("type") == "snapshot":
                return message


@dataclass
class BurstResult:
    seconds: float
    statuses: dict[int, int]
    latencies: list[float]
    joined: list[str]
    roster_problems: list[str] = field(default_factory=list)


def join_burst(base: str, teacher: Browser, joins: int, concurrency: int, tag: str) -> BurstResult:
    session_id, code = create_game(teacher, f"burst {tag}", students_per_seat=1)
    names = [f"{tag}-{i:03d}" for i in range(joins)]
    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        answers = list(pool.map(lambda name: join(base, code, name), names))
    seconds = time.monotonic() - started
    statuses: dict[int, int] = {}
    for _, status, _ in answers:
        statuses[status] = statuses.get(status, 0) + 1
    joined = [name for name, (_, status, _) in zip(names, answers, strict=True) if status == 302]
    snapshot = asyncio.run(instructor_snapshot(teacher, session_id))
    roster = [p for p in snapshot["roster"] if not p["removed"]]
    problems = []
    by_name: dict[str, int] = {}
    for p in roster:
        by_name[p["name"]] = by_name.get(p["name"], 0) + 1
    problems += [f"{n} seated {k} times" for n, k in by_name.items() if k != 1]
    problems += [f"{n} joined but has no seat" for n in joined if n not in by_name]
    problems += [f"{n} seated although the join failed" for n in by_name if n not in joined]
    seats = [p["seat"] for p in roster]
    if None in seats or len(set(seats)) != len(seats):
        problems.append("a seat holds two students (one student per seat in this game)")
    return BurstResult(seconds, statuses, [t for _, s, t in answers if s == 302], joined, problems)


@dataclass
class RaceResult:
    sent: int
    answered: int
    acked: list[tuple[int, dict]]
    errors: list[str]
    stored_version: int | None
    stored_data: dict | None
    problems: list[str] = field(default_factory=list)


def sheets_for(offer: dict, saver: int, saves: int) -> list[dict]:
    """`saves` different valid sheets for one saver: small bids on the first projects (every
    sheet far below any budget), each (saver, index) pair a different sheet."""
    projects = [p["id"] for p in offer["industrial"]][:3]
    if len(projects) < 3:
        raise SystemExit("the scenario offers fewer than 3 industrial projects in round 1")
    return [{"bids": {projects[0]: j // 10, projects[1]: j % 10, projects[2]: saver}, "contributions": {}}
            for j in range(saves)]


async def race(base: str, students: list[Browser], saves: int) -> list[list[tuple[dict, dict | None]]]:
    """Every student sends all their saves back to back, all students at once; each save's
    answer (None if the socket closed before answering)."""
    from websockets.asyncio.client import connect

    url_of = base.replace("http", "ws", 1) + "/ws/play/{code}/"

    async def one(index: int, student: Browser) -> list[tuple[dict, dict | None]]:
        code = student.code  # type: ignore[attr-defined]
        async with connect(url_of.format(code=code), additional_headers=student.ws_headers()) as ws:
            while True:
                snapshot = json.loads(await asyncio.wait_for(ws.recv(), 30))
                if snapshot.get("type") == "snapshot":
                    break
            sheets = sheets_for(snapshot["offer"], index, saves)
            await start.wait()
            for j, sheet in enumerate(sheets):
                await ws.send(json.dumps({"type": "sheet.save", "round": 1, "sheet": sheet,
                                          "request_id": f"{index}-{j}"}))
            answers: dict[str, dict] = {}
            try:
                while len(answers) < saves:
                    message = json.loads(await asyncio.wait_for(ws.recv(), 60))
                    if str(message.get("request_id", "")).startswith(f"{index}-"):
                        answers[message["request_id"]] = message
            except Exception:  # noqa: BLE001 - a closed socket or a timeout leaves saves unanswered
                pass
            return [(sheet, answers.get(f"{index}-{j}")) for j, sheet in enumerate(sheets)]

    start = asyncio.Event()
    tasks = [asyncio.create_task(one(i, s)) for i, s in enumerate(students)]
    await asyncio.sleep(2)  # everyone connected and holding their sheets
    start.set()
    return await asyncio.gather(*tasks)


def racing_saves(base: str, teacher: Browser, savers: int, saves: int, tag: str) -> RaceResult:
    session_id, code = create_game(teacher, f"race {tag}", students_per_seat=savers)
    students = []
    for i in range(savers):
        student, status, _ = join(base, code, f"{tag}-saver-{i}")
        if status != 302:
            raise SystemExit(f"saver {i} could not join: {status}")
        student.code = code  # type: ignore[attr-defined]
        students.append(student)
    # Joins spread students over seats: the instructor moves the others into the first one's
    # city, so every save races for the same sheet row.
    roster = {p["name"]: p for p in asyncio.run(instructor_snapshot(teacher, session_id))["roster"]}
    seat = roster[f"{tag}-saver-0"]["seat"]
    for i in range(1, savers):
        status, _, body = teacher.post(f"/instructor/s/{session_id}/do/move/",
                                       {"participant": roster[f"{tag}-saver-{i}"]["id"], "seat": seat},
                                       accept="application/json")
        if status != 200:
            raise SystemExit(f"moving saver {i} answered {status}: {body[:300]}")
    status, _, body = teacher.post(f"/instructor/s/{session_id}/do/open/", {}, accept="application/json")
    if status != 200:
        raise SystemExit(f"opening the round answered {status}: {body[:300]}")
    results = asyncio.run(race(base, students, saves))
    snapshot = asyncio.run(instructor_snapshot(teacher, session_id))
    pairs = [pair for per_student in results for pair in per_student]
    acked = [(answer["version"], sheet) for sheet, answer in pairs if answer and answer.get("type") == "saved"]
    errors = [answer.get("code", "?") for _, answer in pairs if answer and answer.get("type") == "error"]
    stored = snapshot["sheets"].get(str(seat))
    result = RaceResult(len(pairs), sum(answer is not None for _, answer in pairs), acked, errors,
                        stored and stored["version"], stored and stored["data"])
    if result.answered != result.sent:
        result.problems.append(f"{result.sent - result.answered} saves got no answer")
    versions = [v for v, _ in acked]
    if len(set(versions)) != len(versions):
        result.problems.append("two saves were acknowledged with the same version")
    if acked:
        last_version, last_sheet = max(acked, key=lambda pair: pair[0])
        if stored is None:
            result.problems.append("the instructor sees no sheet for the savers' city")
        elif stored["version"] != last_version or stored["data"]["bids"] != last_sheet["bids"]:
            result.problems.append(f"stored version {stored['version']} {stored['data']['bids']} is not the last "
                                   f"acknowledged one, version {last_version} {last_sheet['bids']}")
    return result


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--checkout", default=str(ROOT), help="where `make run` wrote .run/instructor-created")
    parser.add_argument("--password", default="", help="the instructor's password")
    parser.add_argument("--joins", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=30)
    parser.add_argument("--savers", type=int, default=3)
    parser.add_argument("--saves", type=int, default=100)
    args = parser.parse_args()
    teacher = log_in(args.url, instructor_password(args))
    tag = time.strftime("%H%M%S")

    burst = join_burst(args.url, teacher, args.joins, args.concurrency, tag)
    server_errors = sum(k for status, k in burst.statuses.items() if status >= 500)
    print(f"join burst: {args.joins} joins, {args.concurrency} at a time, in {burst.seconds:.2f} s; "
          f"answers {dict(sorted(burst.statuses.items()))}; {server_errors} server errors")
    if burst.latencies:
        print(f"  join answered in p50 {statistics.median(burst.latencies) * 1000:.0f} ms, "
              f"p99 {pct(burst.latencies, 0.99) * 1000:.0f} ms, max {max(burst.latencies) * 1000:.0f} ms")
    print(f"  roster: {len(burst.joined)} joined, "
          + ("every one seated exactly once" if not burst.roster_problems else "; ".join(burst.roster_problems[:5])))

    saves = racing_saves(args.url, teacher, args.savers, args.saves, tag)
    print(f"racing saves: {args.savers} students of one city x {args.saves} saves: {saves.answered}/{saves.sent} "
          f"answered, {len(saves.acked)} saved, {len(saves.errors)} refused {sorted(set(saves.errors))}")
    print(f"  stored: version {saves.stored_version}; "
          + ("the last acknowledged sheet" if not saves.problems else "; ".join(saves.problems)))
    ok = (server_errors == 0 and not burst.roster_problems and len(burst.joined) == args.joins
          and not saves.problems)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
