"""Size limits on what a client may send, shared by the ASGI server's websocket protocol
(config/websocket.py), the consumers' parse layer (game/wire.py) and the HTTP views.

They are constants, not per-install settings: the server enforces the frame cap itself
(whatever command line starts it: make run, the tests, bench/, gunicorn workers), and the
parse layer the message cap and the nesting depth, so no deployment can forget them.
"""

# The largest message a consumer parses. A full sheet of the biggest shipped scenario is
# under 2 KiB; 16 KiB leaves room for custom scenarios and is answered with "too_large".
MAX_MESSAGE_BYTES = 16 * 1024

# The largest websocket frame (after permessage-deflate) the server reads at all. Bigger
# frames are closed by the server with 1009 before any of our code runs; between the two
# caps the consumer answers "too_large" and the socket stays open.
MAX_FRAME_BYTES = 64 * 1024

# Deepest nesting of arrays and objects a message may have. Real messages nest 3 levels
# (message → sheet → bids); deeper input is refused before anything walks it.
MAX_JSON_DEPTH = 16

# The largest rules-editor request body (the full rules are under 1 KiB).
MAX_RULES_BYTES = 16 * 1024
