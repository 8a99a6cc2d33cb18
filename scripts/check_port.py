"""`make run` asks this before starting anything: is HOST:PORT free? If not, say so
plainly (and who holds it, when `ss` can tell) and exit 1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys


def holder(port: int) -> str:
    """The `ss` line of the process listening on `port`, or "" when unknown."""
    if shutil.which("ss") is None:
        return ""
    found = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True, check=False)
    return found.stdout.strip()


def is_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def main(host: str, port: int) -> int:
    if is_free(host, port):
        return 0
    print(f"make run: port {port} on {host} is already in use, so nothing was started.", file=sys.stderr)
    who = holder(port)
    if who:
        print(f"  Held by: {who}", file=sys.stderr)
    print("  Another `make run` (or a server left over from one) may still be running: stop it,\n"
          f"  or use another port: PORT={port + 1} make run", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
