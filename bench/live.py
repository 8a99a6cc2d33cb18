"""Live speed (not a test): real uvicorn server, real Redis, a real Celery worker, and N
websocket students in a separate process (bench/live_clients.py).

  .venv/bin/python bench/live.py [--clients 300,1000] [--rounds 3] [--db default|sqlite]

For each N it measures, in one run:
- ranking: from the moment a round is scored (round.scored_at, written by the worker) to
  the moment each student has the new ranking; p50 / p99 / max over students and rounds;
- the same-size bare Channels relay (bench/bare_asgi.py) to N sockets: the baseline;
- saves: every student saves a sheet within the same 2 seconds; acknowledgement times;
- server memory per connected client (RSS of the uvicorn process);
- chat (at the N of --chat-clients): every province posts 2 chat messages per second for
  30 s (1 in 4 privately); delivery latency to every reader; a round opened 10 s into it
  is saved as above, and its acknowledgements are compared with the rounds without chat;
- announcements: 5 announcements to every province, from the instructor's call to the
  arrival at each student, against the bare relay of a message of the same size.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REDIS_DB = 11


def pick_database(kind: str) -> tuple[str, callable]:
    """A scratch database on the default server: the embedded PostgreSQL `make run` uses,
    or the server DATABASE_URL names. `--db sqlite` measures the old SQLite default."""
    if kind == "sqlite":
        path = ROOT / ".run" / "bench.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    from tests.live.databases import scratch_database

    scratch = scratch_database("bench")
    return scratch.__enter__(), lambda: scratch.__exit__(None, None, None)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def ms(values: list[float]) -> str:
    if not values:
        return "n/a"
    return (
        f"min {min(values) * 1000:6.1f} ms  p50 {statistics.median(values) * 1000:6.1f} ms  "
        f"p99 {pct(values, 0.99) * 1000:6.1f} ms  "
        f"max {max(values) * 1000:6.1f} ms  (n={len(values)})"
    )


class Clients:
    """The students, split over several client processes. Real phones parse in parallel;
    one harness process parsing 300 rankings in turn (~0.3 ms each) added a queue of its
    own to the figure it measured. Commands go to every process; answers are merged."""

    def __init__(self, processes: int) -> None:
        self.processes = [
            subprocess.Popen([sys.executable, str(ROOT / "bench" / "live_clients.py")], cwd=ROOT,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            for _ in range(processes)
        ]
        self.pids = [p.pid for p in self.processes]

    def ask(self, command: str | list[str]) -> dict:
        commands = command if isinstance(command, list) else [command] * len(self.processes)
        for process, line in zip(self.processes, commands, strict=True):
            process.stdin.write(line + "\n")
            process.stdin.flush()
        answers = []
        for process in self.processes:
            line = process.stdout.readline()
            if not line:
                raise RuntimeError(f"a client process died on '{commands[0]}'")
            answers.append(json.loads(line))
        return merge(answers)

    def connect(self, url: str, cookie_file: Path) -> dict:
        cookies = cookie_file.read_text().split()
        k = len(self.processes)
        files = []
        for i in range(k):
            part = cookie_file.with_suffix(f".{i}.txt")
            part.write_text("\n".join(cookies[i::k]))
            files.append(f"connect {url} {part}")
        return self.ask(files)

    def connect_bare(self, url: str, n: int) -> dict:
        k = len(self.processes)
        return self.ask([f"bareconnect {url} {n // k + (i < n % k)}" for i in range(k)])

    def stop(self) -> None:
        for process in self.processes:
            try:
                process.stdin.write("quit\n")
                process.stdin.flush()
                process.wait(timeout=20)
            except Exception:  # noqa: BLE001
                process.kill()


def merge(answers: list[dict]) -> dict:
    merged: dict = {}
    for answer in answers:
        for key, value in answer.items():
            if key not in merged:
                merged[key] = list(value) if isinstance(value, list) else value
            elif isinstance(value, list):
                merged[key] += value
            elif isinstance(value, bool):
                merged[key] = merged[key] and value
            elif key == "seconds":
                merged[key] = max(merged[key], value)
            else:
                merged[key] += value
    return merged


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", default="300,1000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chat-clients", default="300", help="the N at which the chat phase runs")
    parser.add_argument("--chat-readers", type=float, default=0.0,
                        help="share of the students with the chat on screen during the chat phase (they send "
                             "chat.read as the page does, at most every 3 s)")
    parser.add_argument("--db", default="default", choices=["default", "sqlite"])
    parser.add_argument("--client-processes", type=int, default=2, help="processes the N students are split over")
    parser.add_argument("--workers", type=int, default=2,
                        help="uvicorn processes, for the game and the bare baseline alike (make run starts 2)")
    parser.add_argument("--uvicorn", default="", help="extra uvicorn options for both servers")
    parser.add_argument("--py-spy", default="", metavar="DIR",
                        help="profile the game server with py-spy (in requirements-dev.txt) during round 1's saves "
                             "and ranking; collapsed stacks go to DIR")
    args = parser.parse_args()
    counts = [int(x) for x in args.clients.split(",")]

    database_url, drop_database = pick_database(args.db)
    base = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
    redis_url = f"{base}/{REDIS_DB}"
    # Production settings (DEBUG off: no query log), shared by this process, which signs the
    # students' session cookies, and the servers, which read them.
    os.environ.update(DATABASE_URL=database_url, REDIS_URL=redis_url, DJANGO_SETTINGS_MODULE="config.settings",
                      DEBUG="false", SECRET_KEY=secrets.token_urlsafe(40), ALLOWED_HOSTS="127.0.0.1,localhost")
    subprocess.run([str(ROOT / "scripts" / "ensure_redis.sh")], check=True)
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True)

    import django

    django.setup()
    from tests.live.servers import WS_PROTOCOL, free_port, start_server, stop

    logs = Path(tempfile.mkdtemp(prefix="pc-bench-"))
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    game_port, bare_port = free_port(), free_port()
    extra = ("--workers", str(args.workers), *args.uvicorn.split())
    server = start_server(env, game_port, logs / "server.log", extra)
    bare = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.bare_asgi:application",
            "--ws",
            WS_PROTOCOL,  # the same server settings as the game
            "--port",
            str(bare_port),
            "--log-level",
            "warning",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=open(logs / "bare.log", "w"),
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--loglevel=warning",
            "--concurrency=2",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=open(logs / "worker.log", "w"),
        stderr=subprocess.STDOUT,
    )
    print(f"database {database_url.split('@')[-1]}, redis {redis_url}, logs {logs}")
    report = []
    try:
        for n in counts:
            report.append(run_one(n, args.rounds, game_port, bare_port, server.pid, worker.pid, logs, args.py_spy,
                                  args.client_processes, chat=str(n) in args.chat_clients.split(","),
                                chat_readers=args.chat_readers))
    finally:
        for p in (server, bare, worker):
            stop(p)
        drop_database()
    print()
    for line in report:
        print(line)
    return 0


class CpuMeter:
    """CPU seconds spent by each part of the system during one phase: on 2 shared cores,
    where the time goes tells more than the latency alone."""

    def __init__(self, server_pid: int, worker_pid: int, client_pids: list[int]) -> None:
        import psutil

        self.parts = {"server": [psutil.Process(server_pid)], "worker": [psutil.Process(worker_pid)],
                      "clients": [psutil.Process(pid) for pid in client_pids]}
        self.names = {"redis": "redis-server", "postgres": "postgres"}
        self.postmaster = _embedded_postmaster()

    def _read(self) -> dict[str, float]:
        import psutil

        out = {}
        for name, procs in self.parts.items():
            family = [p for proc in procs for p in (proc, *proc.children(recursive=True))]
            out[name] = sum(sum(p.cpu_times()[:2]) for p in family if p.is_running())
        for name, exe in self.names.items():
            if name == "postgres" and self.postmaster is not None:
                continue
            out[name] = sum(sum(p.cpu_times()[:2]) for p in psutil.process_iter(["name"])
                            if p.info["name"] and p.info["name"].startswith(exe))
        if self.postmaster is not None:
            # Only this checkout's server (other PostgreSQL servers may run on the machine),
            # and the backends that exited during the phase too: a connection per save
            # makes a backend per save, and its CPU moves to the postmaster's children.
            times = self.postmaster.cpu_times()
            out["postgres"] = sum(times[:4]) + sum(sum(p.cpu_times()[:2]) for p in self.postmaster.children()
                                                   if p.is_running())
        return out

    def start(self) -> None:
        self.before = self._read()

    def report(self) -> str:
        after = self._read()
        return ", ".join(f"{k} {after[k] - self.before[k]:.2f}" for k in after) + " CPU s"


class Report(list):
    """The figures of one N, each printed as soon as it is known (a run that fails late
    still shows what it measured)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines)
        print(*lines, sep="\n", flush=True)

    def append(self, line: str) -> None:
        super().append(line)
        print(line, flush=True)

    def __iadd__(self, lines):
        for line in lines:
            self.append(line)
        return self


def _embedded_postmaster():
    """The postmaster of the embedded PostgreSQL, when the benchmark's database is on it."""
    from urllib.parse import unquote

    import psutil

    from config.install import embedded_socket_dir, pgdata

    if str(embedded_socket_dir()) not in unquote(os.environ.get("DATABASE_URL", "")):
        return None
    try:
        return psutil.Process(int((pgdata() / "postmaster.pid").read_text().split()[0]))
    except (OSError, ValueError, psutil.Error):
        return None


def rss(pid: int) -> int:
    import psutil

    proc = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])


def profiled(pid: int, out_dir: str, name: str) -> subprocess.Popen | None:
    if not out_dir:
        return None
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    return subprocess.Popen([str(Path(sys.executable).parent / "py-spy"), "record", "-p", str(pid), "-r", "200",
                             "--subprocesses", "-f", "raw", "-o", str(Path(out_dir) / name)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def end_profile(spy: subprocess.Popen | None) -> None:
    if spy is not None:
        import signal

        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=30)


def run_one(n: int, rounds_to_play: int, game_port: int, bare_port: int, server_pid: int, worker_pid: int,
            logs: Path, spy_dir: str = "", client_processes: int = 2, chat: bool = False,
            chat_readers: float = 0.0) -> str:
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    from game.consumers import session_key
    from game.models import Round
    from game.services import rounds, sessions
    from game.services.broadcast import encode
    from game.services.selectors import province_public

    teacher, _ = User.objects.get_or_create(username="bench-teacher")
    session = sessions.session_create(
        instructor=teacher,
        title=f"bench {n}",
        scenario_id="shanxi",
        total_rounds=rounds_to_play + 1,  # the last one is opened during the chat
        round_seconds=3600,
        schedule="growth_tournament",
        max_provinces=100,
        bot_strategy="best_response",
        auto_close=False,
    )
    cookies = []
    for i in range(n):
        participant = sessions.participant_join(code=session.code, display_name=f"s{i}")
        store = SessionStore()
        store[session_key(session.code)] = participant.token
        store.save()
        cookies.append(store.session_key)
    cookie_file = logs / f"cookies-{n}.txt"
    cookie_file.write_text("\n".join(cookies))
    provinces = session.provinces.count()
    rss_before = rss(server_pid)

    clients = Clients(client_processes)
    lines = Report([f"N = {n} students in {provinces} provinces of shanxi"])
    try:
        cpu = CpuMeter(server_pid, worker_pid, clients.pids)
        spy = profiled(server_pid, spy_dir, f"connect-{n}.txt")
        cpu.start()
        connected = clients.connect(f"ws://127.0.0.1:{game_port}/ws/play/{session.code}/", cookie_file)
        cpu_connect = cpu.report()
        end_profile(spy)
        time.sleep(1)
        rss_after = rss(server_pid)
        lines.append(
            f"  connect: {connected['connected']} sockets in {connected['seconds']} s; server RSS "
            f"{rss_before / 2**20:.0f} → {rss_after / 2**20:.0f} MiB, "
            f"{(rss_after - rss_before) / n / 1024:.0f} KiB per client"
        )
        lines.append(f"  CPU while connecting: {cpu_connect}")
        ranking, acks, refused, closing = [], [], 0, []
        cpu_saves, cpu_settled, cpu_ranking = [], [], []
        for number in range(1, rounds_to_play + 1):
            rounds.round_open(session=session, user=teacher)
            clients.ask(f"opened {number}")
            spy = profiled(server_pid, spy_dir, f"saves-{n}.txt") if number == 1 else None
            cpu.start()
            saved = clients.ask("save 2")
            cpu_saves.append(cpu.report())
            # What the saves make the server relay to the other screens (the `submitted`
            # notices to each province, the panel's `sheets`) may follow the last
            # acknowledgement: a save's cost includes it, so the CPU is read again 1.5 s later.
            time.sleep(1.5)
            cpu_settled.append(cpu.report())
            end_profile(spy)
            acks += saved["acks"]
            refused += saved["refused"]
            # The phases are measured apart: the relaying is over before the round closes.
            time.sleep(1.5)
            spy = profiled(server_pid, spy_dir, f"ranking-{n}.txt") if number == 1 else None
            cpu.start()
            closed_at = time.time()
            rounds.round_close_now(session=session, user=teacher)
            print(f"    (round {number}: closing took {(time.time() - closed_at) * 1000:.0f} ms in this process)",
                  flush=True)
            answer = clients.ask(f"rank {number}")
            cpu_ranking.append(cpu.report())
            end_profile(spy)
            arrivals = answer["arrivals"]
            closing += [c - closed_at for c in answer["closed"] if c is not None]
            scored_at = Round.objects.get(session=session, number=number).scored_at.timestamp()
            ranking += [a - scored_at for a in arrivals if a is not None]
            missing = sum(a is None for a in arrivals)
            if missing:
                lines.append(f"  round {number}: {missing} students did not get the ranking")
        sample = {"type": "province", **province_public(session.provinces.first())}
        size = len(encode(sample).encode())
        lines.append(f"  ranking, scored → every student has it:  {ms(ranking)}   message {size / 1024:.1f} KiB")
        lines.append(f"  round closed → every student knows:      {ms(closing)}")
        layer = get_channel_layer()
        groups = [f"province-{pid}" for pid in session.provinces.values_list("id", flat=True)]
        for label, body in (("small", {}), ("full", sample)):
            probe = []
            for _ in range(3):
                sent = time.time()
                texts = [encode({**body, "type": "bare", "sent": sent}) for _ in groups]

                async def fan_out(texts=texts):
                    for g, t in zip(groups, texts, strict=True):
                        await layer.group_send(g, {"type": "relay", "text": t})

                async_to_sync(fan_out)()
                probe += clients.ask("bare 1")["latencies"]
                time.sleep(0.3)
            lines.append(f"  probe: {label} message to every province group: {ms(probe)}")
        lines.append(f"  saves within 2 s: {len(acks)} acknowledged, {refused} refused;  ack {ms(acks)}")
        for number, (during, settled) in enumerate(zip(cpu_saves, cpu_settled, strict=True), start=1):
            lines.append(f"  CPU during the saves of round {number}: {during}")
            lines.append(f"  CPU from the first save of round {number} to 1.5 s after its last acknowledgement:"
                         f" {settled}{' (py-spy attached)' if spy_dir and number == 1 else ''}")
        lines.append(f"  CPU from close to the last ranking of round 1: {cpu_ranking[0]}")
        if chat:
            lines += chat_phase(clients, session, teacher, rounds_to_play + 1, acks, client_processes, cpu,
                                server_pid, spy_dir, chat_readers)
        announced, ann_size = announcements(clients, session, teacher)
        lines.append(f"  announcement → every student (game):     {ms(announced['every'])}   message "
                     f"{ann_size} B; the last student, per announcement: "
                     f"median {statistics.median(announced['last']) * 1000:.1f} ms")
    finally:
        clients.ask("close")
        clients.stop()

    clients = Clients(client_processes)
    try:
        clients.connect_bare(f"ws://127.0.0.1:{bare_port}/ws/bare/", n)
        layer = get_channel_layer()
        latencies = []
        for _ in range(5):
            # The very payload a student gets, so compression and parsing cost the same.
            text = encode({**sample, "type": "bare", "sent": time.time()})
            async_to_sync(layer.group_send)("bare-bench", {"type": "relay", "text": text})
            latencies += clients.ask("bare 1")["latencies"]
            time.sleep(0.3)
        lines.append(f"  bare Channels relay, same size:          {ms(latencies)}")
        bare_last = []
        for _ in range(5):
            sent = time.time()
            text = encode({"type": "bare", "sent": sent, "pad": ""})
            text = encode({"type": "bare", "sent": sent, "pad": "x" * max(0, ann_size - len(text.encode()))})
            async_to_sync(layer.group_send)("bare-bench", {"type": "relay", "text": text})
            got = clients.ask("bare 1")["latencies"]
            bare_last.append(max(got))
            time.sleep(0.3)
        ratio = statistics.median(announced["last"]) / statistics.median(bare_last)
        bare_ms = statistics.median(bare_last) * 1000
        lines.append(f"  bare relay of {ann_size} B, the last student: median {bare_ms:.1f} ms"
                     f"  → announcement / bare = {ratio:.2f} (target ≤ 1.5)")
        if latencies and ranking:
            lines.append(f"  ratio p99 game / bare: {pct(ranking, 0.99) / pct(latencies, 0.99):.2f}")
    finally:
        clients.ask("close")
        clients.stop()
    sessions.session_end(session=session, user=teacher)
    return "\n".join(lines)


def chat_phase(clients: Clients, session, teacher, number: int, quiet_acks: list[float], processes: int,
               cpu: CpuMeter, server_pid: int, spy_dir: str = "", readers: float = 0.0) -> list[str]:
    """Every province chats at 2 messages per second for 30 s; 10 s in, a round opens and
    every student saves within 2 s. Its acknowledgements against those without chat.
    The CPU of the first 10 s is the chat's alone (per message posted: the robust figure
    on a shared machine)."""
    from coordination.chat_models import ChatMessage
    from game.services import rounds

    spy = profiled(server_pid, spy_dir, "chat.txt")
    first = ChatMessage.objects.filter(session=session).count()
    started = time.time()
    cpu.start()
    clients.ask(f"chat {2.0 / processes} {readers}")  # each process holds about 1/processes of every province
    time.sleep(10)
    chat_cpu = cpu.report()
    chat_only = ChatMessage.objects.filter(session=session).count() - first
    end_profile(spy)
    rounds.round_open(session=session, user=teacher)
    clients.ask(f"opened {number}")
    cpu.start()
    saved = clients.ask("save 2")
    saves_cpu = cpu.report()
    time.sleep(max(0.0, 30 - (time.time() - started)))
    chat = clients.ask("chatstop")
    seconds = time.time() - started - 2
    provinces = session.provinces.count()
    quiet, busy = pct(quiet_acks, 0.99), pct(saved["acks"], 0.99)
    return [
        f"  chat, {provinces} provinces × 2 msg/s (at most 0.4 per seat: {chat['planned']:.1f} msg/s planned) for"
        f" {seconds:.0f} s: {chat['sent']} posted, {chat['refused']} refused, {chat['reads']} reads"
        f" ({readers:.0%} of the students read on screen); delivery to every reader:"
        f" {ms(chat['latencies'])}",
        f"  CPU of the first 10 s of chat ({chat_only} messages, no saves): {chat_cpu}",
        f"  CPU during the saves of the round opened during the chat: {saves_cpu}",
        f"  saves of a round opened during the chat: {len(saved['acks'])} acknowledged, {saved['refused']} refused;"
        f" ack {ms(saved['acks'])}",
        f"  saves p99 with chat / without: {busy * 1000:.0f} / {quiet * 1000:.0f} ms = {busy / quiet:.2f}"
        f" (target ≤ 1.2)",
    ]


def announcements(clients: Clients, session, teacher) -> tuple[dict, int]:
    """5 announcements to every province: from the instructor's call (which commits, then
    sends one message per province group) to each student's receipt."""
    from coordination.chat import announcement_post
    from coordination.chat_selectors import announcement_payload, message_payload
    from game.services.broadcast import encode

    every, last, size = [], [], 0
    for i in range(5):
        started = time.time()
        made = announcement_post(session=session, user=teacher, text=f"bench {started:.6f} announcement {i}: "
                                 "the province will match every pledge to the corridor this round.")
        arrivals = clients.ask(f"announced {made.id}")["arrivals"]
        got = [a - started for a in arrivals if a is not None]
        every += got
        last.append(max(got) if len(got) == len(arrivals) else float("inf"))
        line = made.lines.first()
        size = len(encode({"type": "announcement", "announcement": announcement_payload(made),
                           "message": message_payload(line)}).encode())
        time.sleep(0.3)
    return {"every": every, "last": last}, size


if __name__ == "__main__":
    sys.exit(main())
