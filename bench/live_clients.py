"""The student side of bench/live.py, run as its own process: N websocket clients.

Reads commands on stdin, answers one JSON line per command on stdout:
  connect <url> <cookies file|->   connect every client (cookies: one per line) and wait for its snapshot
  save <window seconds>            each client saves a valid sheet at a random moment in the window
  rank <round>                     wait until every client has the ranking of <round>
  bare <count>                     wait for <count> relayed messages carrying a send time
  chat <rate> [<readers>]          from now on, each province (its students in this process) posts
                                   <rate> chat messages per second, 1 in 4 privately to the next city;
                                   a fraction <readers> of the students (default 0) have the province
                                   channel on screen and tell the server what they read, as the page does
  chatstop                         stop posting; after 2 s, answer every delivery's latency
  announced <id>                   wait until every client has announcement <id>; answer arrival times
  quit
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time

import orjson
from websockets.asyncio.client import connect


class Student:
    def __init__(self, n: int) -> None:
        self.n = n
        self.ws = None
        self.snapshot: dict | None = None
        self.province: dict | None = None
        self.inbox: asyncio.Queue = asyncio.Queue()
        self.ranked: dict[int, float] = {}
        self.closed: dict[int, float] = {}
        self.bare: list[float] = []
        self.chat: list[float] = []          # delivery latencies of bench chat messages
        self.chat_refused = 0
        self.announced: dict[int, float] = {}
        self.channels: list[str] = []        # the chat channels of this student's city
        self.seat: int | None = None
        self.city: str | None = None
        self.unread_province = 0             # newest province message from another city not yet read

    async def run(self, url: str, cookie: str | None, ready: asyncio.Event) -> None:
        headers = {"Origin": url.replace("ws://", "http://").split("/ws/")[0]}
        if cookie:
            headers["Cookie"] = f"sessionid={cookie}"
        async with connect(url, additional_headers=headers, max_size=2**24, open_timeout=120,
                           ping_interval=None) as ws:
            self.ws = ws
            if not cookie:
                ready.set()
            async for text in ws:
                now = time.time()
                # 300 simulated phones share the server's 2 cores: parse as cheaply as possible
                # (orjson: ~4x faster than json here) so they steal little CPU from what they measure.
                message = orjson.loads(text)
                kind = message.get("type")
                if kind == "bare":
                    self.bare.append(now - message["sent"])
                elif kind == "chat.message":
                    text = message["message"]["text"]
                    if message["message"]["channel"] == "province" and message["message"]["city"] != self.city:
                        self.unread_province = max(self.unread_province, message["message"]["id"])
                    if text.startswith("bench "):
                        self.chat.append(now - float(text.split()[1]))
                elif kind == "announcement":
                    self.announced.setdefault(message["announcement"]["id"], now)
                elif kind == "chat.state":
                    self.channels = [ch["key"] for ch in message["channels"]]
                elif kind in ("chat.posted", "chat.unread"):
                    pass  # not waited for: keep them out of the inbox
                elif kind == "error" and str(message.get("request_id", "")).startswith("chat"):
                    self.chat_refused += 1
                elif kind == "round":
                    rnd = message["round"]
                    if self.province is not None:
                        self.province["round"] = rnd
                    if rnd.get("status") == "closed" and rnd.get("number") not in self.closed:
                        self.closed[rnd["number"]] = now
                elif kind in ("snapshot", "province"):
                    self.province = message
                    if kind == "snapshot":
                        self.seat = (message.get("me") or {}).get("seat")
                        self.city = (message.get("me") or {}).get("city")
                    rnd = message.get("round") or {}
                    if rnd.get("status") == "closed" and rnd.get("number") not in self.closed:
                        self.closed[rnd["number"]] = now
                    last = message.get("last_result")
                    if last and last["round"] not in self.ranked:
                        self.ranked[last["round"]] = now
                    ready.set()
                else:
                    await self.inbox.put((now, message))

    def sheet(self) -> dict:
        offer = (self.province or {}).get("offer") or {"industrial": []}
        projects = offer["industrial"]
        bids = {projects[0]["id"]: projects[0]["reserve"]} if projects and self.n % 3 == 0 else {}
        return {"bids": bids, "contributions": {}}

    async def save(self, window: float) -> float | None:
        await asyncio.sleep(random.random() * window)
        number = (self.province or {}).get("round", {}).get("number")
        started = time.time()
        await self.ws.send(json.dumps({"type": "sheet.save", "round": number, "sheet": self.sheet(),
                                       "request_id": str(self.n)}))
        while True:
            now, message = await asyncio.wait_for(self.inbox.get(), 30)
            if message.get("request_id") == str(self.n):
                return now - started if message["type"] == "saved" else None


# A seat may post 5 messages per 10 s (coordination.chat.BURST / WINDOW). Posting at the
# limit is refused now and then by the jitter of the harness's own clock, so a seat here
# posts at most 4 per 10 s: a province with few seats (the last one of a class is often
# short: 300 students fill 27 provinces of 11 and 3 seats of a 28th) chats more slowly
# than `rate` instead of being refused for what no real class could post either.
SEAT_RATE = 0.4


async def chat_loop(students: list[Student], rate: float, stop: asyncio.Event) -> tuple[int, float]:
    """Each province's students here take turns posting, `rate` messages per second per
    province in all, at most SEAT_RATE per seat (the turns are spread over the seats);
    every fourth message goes to one of the poster's private channels. Returns the
    messages sent and the rate planned (messages per second, all provinces)."""
    by_province: dict[int, list[Student]] = {}
    for s in students:
        province = ((s.province or {}).get("province") or {}).get("id")
        if province is not None and s.channels:
            by_province.setdefault(province, []).append(s)
    sent = 0

    def seats(members: list[Student]) -> int:
        return len({s.seat if s.seat is not None else -s.n for s in members})

    planned = sum(min(rate, seats(m) * SEAT_RATE) for m in by_province.values())

    async def province_loop(members: list[Student]) -> None:
        nonlocal sent
        province_rate = min(rate, seats(members) * SEAT_RATE)
        turn = random.randrange(len(members))
        await asyncio.sleep(random.random() / province_rate)
        while not stop.is_set():
            s = members[turn % len(members)]
            turn += 1
            channel = "province"
            if turn % 4 == 0 and len(s.channels) > 1:
                channel = s.channels[1 + turn // 4 % (len(s.channels) - 1)]  # a private channel
            await s.ws.send(json.dumps({"type": "chat.post", "channel": channel, "request_id": f"chat{turn}",
                                        "text": f"bench {time.time():.6f} shall we build the corridor together?"}))
            sent += 1
            try:
                await asyncio.wait_for(stop.wait(), 1 / province_rate)
            except TimeoutError:
                pass

    await asyncio.gather(*(province_loop(m) for m in by_province.values()))
    return sent, planned


# static/js/play/chat.js: a page with the chat on screen tells the server what it has read
# at most every 3 s.
READ_EVERY = 3.0


async def read_loop(readers: list[Student], stop: asyncio.Event) -> int:
    """Each reader, every READ_EVERY seconds, marks the province channel read up to the
    newest message it got from another city, if there is one since its last read."""
    reads = 0

    async def reader(s: Student) -> None:
        nonlocal reads
        await asyncio.sleep(random.random() * READ_EVERY)
        while not stop.is_set():
            if s.unread_province:
                up_to, s.unread_province = s.unread_province, 0
                await s.ws.send(json.dumps({"type": "chat.read", "channel": "province", "up_to": up_to}))
                reads += 1
            try:
                await asyncio.wait_for(stop.wait(), READ_EVERY)
            except TimeoutError:
                pass

    await asyncio.gather(*(reader(s) for s in readers))
    return reads


async def main() -> None:
    students: list[Student] = []
    tasks = []
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)

    def answer(payload: dict) -> None:
        sys.stdout.write(json.dumps(payload) + "\n")
        sys.stdout.flush()

    chatting: tuple[asyncio.Task, asyncio.Event] | None = None
    while True:
        line = (await reader.readline()).decode().strip()
        if not line or line == "quit":
            break
        command, *args = line.split()
        if command in ("connect", "bareconnect"):
            url = args[0]
            if command == "connect":
                with open(args[1]) as f:
                    cookies: list[str | None] = list(f.read().split())
            else:
                cookies = [None] * int(args[1])
            started = time.time()
            events = []
            for n, cookie in enumerate(cookies):
                student = Student(n)
                ready = asyncio.Event()
                students.append(student)
                events.append(ready)
                tasks.append(asyncio.create_task(student.run(url, cookie, ready)))
                if n % 50 == 49:
                    await asyncio.sleep(0.05)  # do not open a thousand handshakes in one burst
            await asyncio.wait_for(asyncio.gather(*(e.wait() for e in events)), 300)
            if command == "bareconnect":
                await asyncio.sleep(1)  # the bare consumer joins its group after accepting
            answer({"connected": len(students), "seconds": round(time.time() - started, 2)})
        elif command == "opened":
            number = int(args[0])
            end = time.time() + 60
            while time.time() < end and not all(
                (s.province or {}).get("round", {}).get("number") == number
                and (s.province or {}).get("round", {}).get("status") == "open" for s in students):
                await asyncio.sleep(0.05)
            answer({"open": True})
        elif command == "save":
            results = await asyncio.gather(*(s.save(float(args[0])) for s in students))
            answer({"acks": [r for r in results if r is not None], "refused": sum(r is None for r in results)})
        elif command == "rank":
            number = int(args[0])
            end = time.time() + 120
            while time.time() < end and not all(number in s.ranked for s in students):
                await asyncio.sleep(0.02)
            answer({"arrivals": [s.ranked.get(number) for s in students],
                    "closed": [s.closed.get(number) for s in students]})
        elif command == "bare":
            count = int(args[0])
            end = time.time() + 60
            while time.time() < end and not all(len(s.bare) >= count for s in students):
                await asyncio.sleep(0.02)
            answer({"latencies": [x for s in students for x in s.bare[-count:]]})
            for s in students:
                s.bare.clear()
        elif command == "chat":
            for s in students:
                s.chat.clear()
                s.chat_refused = 0
            stop = asyncio.Event()
            readers = students[:round(len(students) * float(args[1]))] if len(args) > 1 else []
            chatting = (asyncio.create_task(chat_loop(students, float(args[0]), stop)),
                        asyncio.create_task(read_loop(readers, stop)), stop)
            answer({"chatting": True})
        elif command == "chatstop":
            task, reading, stop = chatting
            stop.set()
            sent, planned = await task
            reads = await reading
            await asyncio.sleep(2)
            answer({"latencies": [x for s in students for x in s.chat], "sent": sent, "planned": planned,
                    "reads": reads, "refused": sum(s.chat_refused for s in students)})
        elif command == "announced":
            number = int(args[0])
            end = time.time() + 60
            while time.time() < end and not all(number in s.announced for s in students):
                await asyncio.sleep(0.02)
            answer({"arrivals": [s.announced.get(number) for s in students]})
        elif command == "close":
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            students.clear()
            tasks.clear()
            answer({"closed": True})
    for t in tasks:
        t.cancel()


if __name__ == "__main__":
    asyncio.run(main())
