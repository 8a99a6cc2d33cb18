#!/usr/bin/env bash
# `make run`: migrate, make sure an instructor exists, start Redis when needed, then the
# ASGI server (uvicorn) and a Celery worker with its beat sweeper; Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
WORKERS="${WEB_WORKERS:-2}"
mkdir -p .run

"$PY" manage.py migrate --noinput -v0
# Asked of the database itself, every time: DATABASE_URL may point at a new, empty one.
if ! "$PY" manage.py shell -c "from django.contrib.auth import get_user_model as g; import sys; sys.exit(0 if g().objects.filter(username='instructor').exists() else 1)" 2>/dev/null; then
    echo "First run on this database: creating the instructor account."
    "$PY" manage.py createinstructor instructor | tee .run/instructor-created
fi

if [ -z "${REDIS_URL:-}" ]; then
    scripts/ensure_redis.sh
fi

pids=()
cleanup() {
    trap - INT TERM EXIT
    echo
    echo "Stopping…"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

.venv/bin/celery -A config --quiet worker -B --loglevel=warning --concurrency=2 \
    --schedule="$PWD/.run/celerybeat-schedule" &
pids+=($!)
.venv/bin/uvicorn config.asgi:application --ws config.websocket:WebSocketProtocol \
    --host "$HOST" --port "$PORT" --workers "$WORKERS" \
    --log-level warning --no-access-log &
pids+=($!)

cat <<TXT

  Province Contest is running.
  Instructor panel:  http://$HOST:$PORT/instructor/   (user 'instructor'; password printed on first run,
                     also in .run/instructor-created; change it: .venv/bin/python manage.py changepassword instructor)
  Students join at:  http://$HOST:$PORT/
  Press Ctrl-C to stop.

TXT
wait -n "${pids[@]}"
