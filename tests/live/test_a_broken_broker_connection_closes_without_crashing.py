"""The mechanism of the Celery 5.7 crash on a Redis of the test's own: a channel holds a
delivered, unacknowledged message; Redis vanishes; the connection is left as Celery
5.7.0's collect() leaves it when closing the channel failed (transport detached, channel
open), and closed again. kombu's own Redis transport raises AttributeError there, which
kills the worker; ours (config/broker.py) closes. The whole worker under real blips:
bench/faults.py. If the stock case stops raising after an upgrade, the repair can go."""

import contextlib

import pytest
from kombu import Connection, Exchange, Queue

pytestmark = pytest.mark.live


def lose_the_connection_with_a_message_unacknowledged(url: str, transport: str, redis_server) -> Connection:
    connection = Connection(url, transport=transport)
    queue = Queue("faults-broken-connection", Exchange("faults-broken-connection"), "faults")
    with connection.Producer() as producer:
        producer.publish({"task": "x"}, exchange=queue.exchange, routing_key="faults", declare=[queue])
    received = []
    consumer = connection.Consumer(queue, callbacks=[lambda body, message: received.append(message)])
    consumer.consume()
    connection.drain_events(timeout=5)  # delivered, not acknowledged
    assert received and not received[0].acknowledged
    with contextlib.suppress(TimeoutError):
        connection.drain_events(timeout=0.2)  # the next BRPOP is in flight, as in a waiting worker
    redis_server.kill()
    # The state Connection.collect() leaves in the worker when its close of the channel
    # failed reading the pending BRPOP reply from the dead socket (logged before the crash):
    # no BRPOP pending any more, the channel still open, the transport detached. Celery
    # 5.7.0 then calls close().
    connection.default_channel._in_poll = None
    connection._do_close_transport()
    return connection


def test_the_stock_redis_transport_crashes_on_the_second_close(private_redis):
    connection = lose_the_connection_with_a_message_unacknowledged(private_redis.url, "redis", private_redis)
    with pytest.raises(AttributeError, match="hostname"):
        connection.close()


def test_our_transport_closes_a_broken_connection_holding_an_unacknowledged_message(private_redis):
    connection = lose_the_connection_with_a_message_unacknowledged(
        private_redis.url, "config.broker:Transport", private_redis)
    connection.close()
