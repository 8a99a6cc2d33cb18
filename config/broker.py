"""kombu's Redis transport with one repair, named by CELERY_BROKER_TRANSPORT.

When the connection to Redis breaks, Celery 5.7.0's worker first calls
`Connection.collect()`, which (the Redis transport has no `_collect`) tries to close the
channel, fails while Redis is away, and detaches the transport (`client = None`); it then
calls `Connection.close()`, which closes the same channel again. If the channel holds a
message delivered but not yet acknowledged, that close tries to give it back to Redis,
kombu builds a connection pool from the detached transport, reads `client.hostname`, and
the worker dies: `Unrecoverable error: AttributeError("'NoneType' object has no
attribute 'hostname'")`. Celery 5.6.3 did not close twice. (docs/deploy.md, "What
survives what", has the measurements.)

Giving the message back cannot work then anyway (Redis is unreachable: that is why the
channel is closing), so a channel whose transport is detached closes without trying.
The message stays in kombu's unacknowledged set and comes back after
`visibility_timeout` if Redis kept its data; our tasks are also redone by the sweeper.
"""

from __future__ import annotations

from kombu.transport import redis


class Channel(redis.Channel):
    def close(self) -> None:
        if self.connection is not None and getattr(self.connection, "client", None) is None:
            self.do_restore = False
        super().close()


class Transport(redis.Transport):
    Channel = Channel
