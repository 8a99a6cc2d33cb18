"""The websocket protocol the server runs with (config/websocket.py): uvicorn's, with
compression at zlib level 1 (rankings go to every student at once; see the module)."""

import asyncio

from uvicorn.config import Config
from uvicorn.server import ServerState

from config.websocket import WebSocketProtocol
from tests.live.servers import WS_PROTOCOL


def _protocol(**options) -> WebSocketProtocol:
    config = Config(app="config.asgi:application", ws=WS_PROTOCOL, **options)
    config.load()
    assert config.ws_protocol_class is WebSocketProtocol
    return config.ws_protocol_class(config=config, server_state=ServerState(), app_state={},
                                    _loop=asyncio.new_event_loop())


def test_the_server_offers_compression_at_level_one_with_uvicorns_window():
    (factory,) = _protocol().conn.available_extensions
    assert factory.name == "permessage-deflate"
    assert factory.compress_settings == {"memLevel": 5, "level": 1}
    assert factory.server_max_window_bits == 12 and factory.client_max_window_bits == 12


def test_compression_can_still_be_turned_off():
    assert _protocol(ws_per_message_deflate=False).conn.available_extensions == []
