"""The one settings module. Every knob comes from the environment through the typed
helpers below; a bad value fails loudly at start-up instead of misbehaving later."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config import install

BASE_DIR = Path(__file__).resolve().parent.parent
# This install's runtime state: embedded PostgreSQL and Redis files, generated secrets, logs.
RUN_DIR = install.run_dir()

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"Environment variable {name}={raw!r} is not a boolean; "
        f"use one of {sorted(_TRUE)} or {sorted(_FALSE)}."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(
            f"Environment variable {name}={raw!r} is not an integer."
        ) from None


def env_list(name: str, default: str) -> list[str]:
    """Comma-separated list; blanks are dropped."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# --- Core -------------------------------------------------------------------------

# Off unless asked for (`DEBUG=1 make run`): a debug page shows tracebacks, settings and the
# URL list to whoever reaches the server, and a classroom server is reachable by a class.
DEBUG = env_bool("DEBUG", False)

# Generated on first use and kept in the run dir (mode 600): sessions survive restarts, and
# every process of one install (uvicorn workers, Celery) signs with the same key. Several
# machines serving one game must share it: set SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "") or install.secret_key()

# For a classroom on a LAN, add the machine's address (or "*") so phones can connect.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "game",
    "coordination",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "servestatic.middleware.ServeStaticMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------
# By default the embedded PostgreSQL that `make run` and the test suite start (its data in
# the run dir, a Unix socket only): the same engine, row locks included, in class and in
# tests. DATABASE_URL selects any other database.

DATABASE_URL = env_str("DATABASE_URL", "") or install.embedded_database_url()
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Under ASGI Django's docs say: no persistent connections, use the driver's pool. Each
    # process keeps at most DB_POOL_SIZE connections and queues the rest (docs/deploy.md §4).
    if env_int("DB_POOL_SIZE", 0) > 0:
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1, "max_size": env_int("DB_POOL_SIZE", 0), "timeout": 20}
    # One test database per test run (pid), so runs on one server never collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory: Celery workers and ASGI servers started by tests share it.
    # One file per test run, so two runs on one machine never lock each other out.
    DATABASES["default"]["TEST"] = {"NAME": str(RUN_DIR / f"test-db-{os.getpid()}.sqlite3")}
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Redis: channel layer and Celery ----------------------------------------------

REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")

# A plain URL host with redis==7.4.1 (redis 8.x drops idle sockets: see STACK-NOTES).
# The layer is at-most-once: the database is the truth, clients heal from snapshots.
# pubsub: one PUBLISH per group message, each ASGI process fans it out to its own sockets
# (measured faster at 300 students; docs/deploy.md §8). core: the classic layer.
CHANNEL_LAYER = env_str("CHANNEL_LAYER", "pubsub")
# Pub/sub channels are named from the prefix alone (the Redis database number is ignored),
# so each install gets its own prefixes: two games on one Redis never see each other.
CHANNEL_PREFIX = env_str("CHANNEL_PREFIX", "") or f"asgi-{install.install_id()}"
CELERY_KEY_PREFIX = env_str("CELERY_KEY_PREFIX", "") or f"pc-{install.install_id()}:"
if CHANNEL_LAYER not in ("pubsub", "core"):
    raise ImproperlyConfigured(f"CHANNEL_LAYER must be 'pubsub' or 'core', not {CHANNEL_LAYER!r}.")
if CHANNEL_LAYER == "pubsub":
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
                                  "CONFIG": {"hosts": [REDIS_URL], "prefix": CHANNEL_PREFIX}}}
else:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # Every socket of one server process shares one Redis key, and channels-redis silently
            # drops group messages once that key holds `capacity` entries (default 100): far too
            # few for a classroom of 300 on one process. See docs/deploy.md.
            "CONFIG": {"hosts": [REDIS_URL], "capacity": env_int("CHANNEL_CAPACITY", 10000), "expiry": 30,
                       "prefix": CHANNEL_PREFIX},
        }
    }

CELERY_BROKER_URL = REDIS_URL
# kombu's Redis transport with the repair that keeps a Redis blip from killing the Celery 5.7
# worker (config/broker.py).
CELERY_BROKER_TRANSPORT = "config.broker:Transport"
# The key prefix keeps each install's (and test run's) task queues apart on one Redis.
CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": CELERY_KEY_PREFIX}
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Eager mode ignores countdown/eta: never test deadlines with it.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)

# --- Internationalisation ---------------------------------------------------------

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# --- Static files -----------------------------------------------------------------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = RUN_DIR / "static"  # only for `collectstatic`; ServeStatic serves from static/
STATIC_ROOT.mkdir(exist_ok=True)
# ServeStatic (the maintained async fork of whitenoise): under ASGI it streams files with an
# async iterator, where whitenoise's sync one made Django warn on every file. Straight from
# static/ (no collectstatic step); a handful of small files.
SERVESTATIC_USE_FINDERS = True
SERVESTATIC_AUTOREFRESH = DEBUG

# The sweeper closes every round at its deadline (read from the database) and scores rounds
# whose scoring task was lost. A sweep not started within 5 s is dropped: after an outage
# of the worker, one sweep does the work of all the missed ones.
SWEEP_SECONDS = env_int("SWEEP_SECONDS", 1)
CELERY_BEAT_SCHEDULE = {
    "sweep-overdue-rounds": {"task": "game.tasks.sweep_overdue_rounds", "schedule": SWEEP_SECONDS,
                             "options": {"expires": 5}},
    # Bot seats answer proposals that have waited BOT_ANSWER_SECONDS (coordination/bots.py).
    "sweep-bot-answers": {"task": "coordination.tasks.sweep_bot_answers", "schedule": SWEEP_SECONDS,
                          "options": {"expires": 5}},
    # Presence reaches the panel at most this often, whatever the number of heartbeats.
    "sweep-presence": {"task": "game.tasks.sweep_presence", "schedule": env_int("PRESENCE_SWEEP_SECONDS", 2),
                       "options": {"expires": 5}},
}
CELERY_TASK_IGNORE_RESULT = True
# Bots on the coordination platform answer a proposal this many seconds after it is made,
# as a person would.
BOT_ANSWER_SECONDS = env_int("BOT_ANSWER_SECONDS", 3)

# Behind an HTTPS reverse proxy (see docs/deploy.md): trust its X-Forwarded-Proto and send
# cookies over HTTPS only.
if env_bool("HTTPS", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# The address students use (e.g. http://192.168.1.20:8000): join links and QR codes.
PUBLIC_URL = env_str("PUBLIC_URL", "")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# --- Limits on abuse (docs/deploy.md, "Limits on abuse") ------------------------------

# Failed instructor logins: django-axes, in the database (works on SQLite and PostgreSQL).
# Locked per (username, address), not per address: a school's one router address must not
# lock every teacher out because one mistyped a password.
INSTALLED_APPS += ["axes", "django_ratelimit"]  # django_ratelimit: its check refuses a cache not shared
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False

# Wrong join codes per client address, wrong return codes per (address, game):
# django-ratelimit, counted only on failure, in a cache all server processes share (Redis).
# A code an address has joined is never limited there again (game/views/join_limits.py).
JOIN_FAILURE_RATE = env_str("JOIN_FAILURE_RATE", "30/5m")
RETURN_FAILURE_RATE = env_str("RETURN_FAILURE_RATE", "60/5m")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_PREFIX", "") or f"{CHANNEL_PREFIX}-cache",  # per install, as the layer
    }
}
RATELIMIT_USE_CACHE = "default"
# django-ratelimit lists only third-party Redis caches as supported; Django's own RedisCache
# is shared and increments atomically (INCR), which is what its check asks for.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
