"""uvicorn's websocket protocol with cheaper compression and our frame cap.

Compression (permessage-deflate, RFC 7692):
- **Level 1.** uvicorn compresses every message at zlib's default level (6). A ranking goes
  to every student at once, and compressing it was close to half of the server's CPU
  while relaying it (py-spy, bench/live.py --py-spy). Level 1 took 58 µs instead of
  104 µs for an 8 KiB ranking here and made it 8 % larger (3.2 KiB instead of 3.0 KiB).
- **No context takeover, both ways.** With context takeover every socket keeps a zlib
  compressor and decompressor between messages, about 45 KiB of server memory per
  connected student even at a 4 KiB window. Without it each message is compressed on its
  own (a chat line or a ranking shares little with the message before it), and nothing
  stays allocated between messages.
- **Compressed once per message, not once per socket.** Without context takeover a
  message's compressed frame depends only on its bytes and the settings, so the frame
  made for the first socket of a group is reused for the others (`_SharedFrames`): a
  ranking to 300 students is compressed once per process instead of 300 times.
Start uvicorn with `--ws config.websocket:WebSocketProtocol` (make run, the tests and
bench/live.py do).

Frames: uvicorn reads websocket messages up to `--ws-max-size` (16 MiB by default); this
protocol never reads more than `config.limits.MAX_FRAME_BYTES` whatever the command line
says (a bigger frame is closed with 1009 "message too big" before the application sees
it), so every way of starting the server (make run, tests, bench, gunicorn workers that
name this protocol) gets the same cap.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.extensions.base import Extension
from websockets.extensions.permessage_deflate import PerMessageDeflate, ServerPerMessageDeflateFactory
from websockets.frames import Frame, Opcode
from websockets.server import ServerProtocol
from websockets.typing import ExtensionParameter

from config.limits import MAX_FRAME_BYTES

COMPRESSION_LEVEL = 1
WINDOW_BITS = 12
MEM_LEVEL = 5


class _SharedFrames:
    """The compressed frames of the last few messages sent, per process. A broadcast
    reaches a process's sockets one after another, so a handful of entries catch every
    repeat; a message sent to one socket only (a reply) simply passes through."""

    SIZE = 16
    SMALLEST = 64  # shorter messages cost less to compress than to look up

    def __init__(self) -> None:
        self.frames: OrderedDict[tuple[int, bytes], bytes] = OrderedDict()

    def get(self, key: tuple[int, bytes]) -> bytes | None:
        return self.frames.get(key)

    def put(self, key: tuple[int, bytes], data: bytes) -> None:
        self.frames[key] = data
        if len(self.frames) > self.SIZE:
            self.frames.popitem(last=False)


_shared = _SharedFrames()


class SharedDeflate(PerMessageDeflate):
    """permessage-deflate without server context takeover, reusing the compressed frame
    of a message another socket of this process has just been sent."""

    def encode(self, frame: Frame) -> Frame:
        if not (self.local_no_context_takeover and frame.fin and frame.opcode is Opcode.TEXT
                and len(frame.data) >= _SharedFrames.SMALLEST):
            return super().encode(frame)
        key = (self.local_max_window_bits, bytes(frame.data))
        data = _shared.get(key)
        if data is None:
            compressed = super().encode(frame)
            _shared.put(key, bytes(compressed.data))
            return compressed
        return Frame(frame.opcode, data, frame.fin, True, frame.rsv2, frame.rsv3)


class SharedDeflateFactory(ServerPerMessageDeflateFactory):
    def process_request_params(self, params: Sequence[ExtensionParameter], accepted_extensions: Sequence[Extension]
                               ) -> tuple[list[ExtensionParameter], PerMessageDeflate]:
        response, extension = super().process_request_params(params, accepted_extensions)
        return response, SharedDeflate(extension.remote_no_context_takeover, extension.local_no_context_takeover,
                                       extension.remote_max_window_bits, extension.local_max_window_bits,
                                       extension.compress_settings)


def deflate_factory() -> SharedDeflateFactory:
    return SharedDeflateFactory(
        server_no_context_takeover=True, client_no_context_takeover=True,
        server_max_window_bits=WINDOW_BITS, client_max_window_bits=WINDOW_BITS,
        compress_settings={"memLevel": MEM_LEVEL, "level": COMPRESSION_LEVEL})


class WebSocketProtocol(WebSocketsSansIOProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conn = ServerProtocol(
            extensions=[deflate_factory()] if self.config.ws_per_message_deflate else [],
            max_size=min(self.config.ws_max_size, MAX_FRAME_BYTES),
            logger=self.logger,
        )
