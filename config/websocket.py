"""uvicorn's websocket protocol with cheaper compression and our frame cap.

uvicorn compresses every message at zlib's default level (6). A ranking goes to every
student at once, and compressing it was close to half of the server's CPU while
relaying it (py-spy, bench/live.py --py-spy). Level 1 took 58 µs instead of 104 µs for
an 8 KiB ranking here and made it 8 % larger (3.2 KiB instead of 3.0 KiB on the wire).
Window and memory settings stay uvicorn's. Start uvicorn with
`--ws config.websocket:WebSocketProtocol` (make run, the tests and bench/live.py do).

Frames: uvicorn reads websocket messages up to `--ws-max-size` (16 MiB by default); this
protocol never reads more than `config.limits.MAX_FRAME_BYTES` whatever the command line
says (a bigger frame is closed with 1009 "message too big" before the application sees
it), so every way of starting the server (make run, tests, bench, gunicorn workers that
name this protocol) gets the same cap.
"""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory
from websockets.server import ServerProtocol

from config.limits import MAX_FRAME_BYTES

COMPRESSION_LEVEL = 1


class WebSocketProtocol(WebSocketsSansIOProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        extensions = []
        if self.config.ws_per_message_deflate:
            # As uvicorn 0.54 builds it, with a compression level.
            extensions = [ServerPerMessageDeflateFactory(
                server_max_window_bits=12, client_max_window_bits=12,
                compress_settings={"memLevel": 5, "level": COMPRESSION_LEVEL})]
        self.conn = ServerProtocol(
            extensions=extensions,
            max_size=min(self.config.ws_max_size, MAX_FRAME_BYTES),
            logger=self.logger,
        )
