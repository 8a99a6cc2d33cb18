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


def test_the_server_offers_compression_at_level_one_with_a_small_window():
    (factory,) = _protocol().conn.available_extensions
    assert factory.name == "permessage-deflate"
    assert factory.compress_settings == {"memLevel": 5, "level": 1}
    assert factory.server_max_window_bits == 12 and factory.client_max_window_bits == 12


def test_compression_can_still_be_turned_off():
    assert _protocol(ws_per_message_deflate=False).conn.available_extensions == []


def _negotiate(offer: str = "permessage-deflate; client_max_window_bits"):
    """The server's extension for a client's offer, and the client's matching extension."""
    from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory
    from websockets.headers import parse_extension

    (factory,) = _protocol().conn.available_extensions
    (_name, params), = parse_extension(offer)
    response, server = factory.process_request_params(params, [])
    client = ClientPerMessageDeflateFactory(client_max_window_bits=True).process_response_params(response, [])
    return server, client


def test_no_compression_state_is_kept_between_messages_either_way():
    server, client = _negotiate()
    assert server.local_no_context_takeover and server.remote_no_context_takeover
    assert client.local_no_context_takeover and client.remote_no_context_takeover
    assert not hasattr(server, "encoder") and not hasattr(server, "decoder")


def test_a_message_sent_to_many_sockets_is_compressed_once_and_each_decodes_it():
    from websockets.frames import Frame, Opcode

    ranking = ('{"type":"province","ranking":[' + ",".join(f'{{"city":"c{i}","points":{i * 7.25}}}'
                                                           for i in range(200)) + "]}").encode()
    sockets = [_negotiate() for _ in range(3)]
    frames = [server.encode(Frame(Opcode.TEXT, ranking)) for server, _client in sockets]
    assert frames[1].data is frames[0].data is frames[2].data  # one compression, shared
    assert len(frames[0].data) < len(ranking) / 3
    for (_server, client), frame in zip(sockets, frames, strict=True):
        assert frame.rsv1 and client.decode(frame).data == ranking
    other = b'{"type":"chat.message","message":{"text":"' + "另一条消息".encode() * 20 + b'"}}'
    server, client = sockets[0]
    assert client.decode(server.encode(Frame(Opcode.TEXT, other))).data == other
    assert client.decode(server.encode(Frame(Opcode.TEXT, ranking))).data == ranking
