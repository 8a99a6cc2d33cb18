"""The student side of bench/live.py, run as its own process: N websocket clients.

Reads commands on stdin, answers one JSON line per command on stdout:
  connect <url> <cookies file|->   connect every client (cookies: one per line) and wait for its snapshot
  save <window seconds>            each client saves a valid sheet at a random moment in the window
  rank <round>                     wait until every client has the ranking of <round>
  bare <count>                     wait for <count> relayed messages carrying a send time
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
                elif kind == "round":
                    rnd = message["round"]
                    if self.province is not None:
                        self.province["round"] = rnd
                    if rnd.get("status") == "closed" and rnd.get("number") not in self.closed:
                        self.closed[rnd["number"]] = now
                elif kind in ("snapshot", "province"):
                    self.province = message
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


async def main() -> None:
    students: list[Student] = []
    tasks = []
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)

    def answer(payload: dict) -> None:
        sys.stdout.write(json.dumps(payload) + "\n")
        sys.stdout.flush()

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
