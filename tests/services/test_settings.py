import importlib.util
import os
import stat
from pathlib import Path
from types import ModuleType

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool, env_int, env_str

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "config" / "settings.py"


def load_fresh_settings() -> ModuleType:
    """A private copy of config/settings.py, evaluated against the current environment."""
    spec = importlib.util.spec_from_file_location("fresh_settings", SETTINGS_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_unset_variable_gives_the_default(monkeypatch):
    monkeypatch.delenv("PC_TEST_VAR", raising=False)
    assert env_str("PC_TEST_VAR", "x") == "x"
    assert env_bool("PC_TEST_VAR", True) is True
    assert env_int("PC_TEST_VAR", 7) == 7


@pytest.mark.parametrize("raw", ["1", "true", "True", "YES", "on"])
def test_truthy_words_read_as_true(monkeypatch, raw):
    monkeypatch.setenv("PC_TEST_VAR", raw)
    assert env_bool("PC_TEST_VAR", False) is True


@pytest.mark.parametrize("raw", ["0", "false", "No", "off"])
def test_falsy_words_read_as_false(monkeypatch, raw):
    monkeypatch.setenv("PC_TEST_VAR", raw)
    assert env_bool("PC_TEST_VAR", True) is False


def test_a_bad_boolean_names_the_variable_and_the_value(monkeypatch):
    monkeypatch.setenv("PC_TEST_VAR", "maybe")
    with pytest.raises(ImproperlyConfigured, match=r"PC_TEST_VAR='maybe' is not a boolean"):
        env_bool("PC_TEST_VAR", False)


def test_a_bad_integer_names_the_variable_and_the_value(monkeypatch):
    monkeypatch.setenv("PC_TEST_VAR", "ten")
    with pytest.raises(ImproperlyConfigured, match=r"PC_TEST_VAR='ten' is not an integer"):
        env_int("PC_TEST_VAR", 0)


def test_a_bad_debug_value_stops_the_settings_from_loading(monkeypatch):
    monkeypatch.setenv("DEBUG", "yep")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        load_fresh_settings()


def test_the_default_database_is_the_embedded_postgresql_in_the_run_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("RUN_DIR", str(tmp_path))
    db = load_fresh_settings().DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["HOST"]) == ("contest", "postgres", str(tmp_path / "postgres"))
    assert db["CONN_MAX_AGE"] == 0 and "pool" not in db.get("OPTIONS", {})  # Django's advice under ASGI


def test_a_pool_size_turns_on_djangos_postgresql_connection_pool(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://teacher:pw@db.example:5432/contest")
    monkeypatch.setenv("DB_POOL_SIZE", "8")
    monkeypatch.setenv("DB_CONN_MAX_AGE", "60")
    db = load_fresh_settings().DATABASES["default"]
    assert db["OPTIONS"]["pool"]["max_size"] == 8 and db["CONN_MAX_AGE"] == 0  # a pool refuses persistent ones


def test_each_test_run_gets_its_own_test_database_name(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://teacher:pw@db.example:5432/contest")
    db = load_fresh_settings().DATABASES["default"]
    assert db["TEST"]["NAME"] == f"test_contest_{os.getpid()}"


def test_database_url_switches_the_engine_to_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://teacher:pw@db.example:5432/contest")
    db = load_fresh_settings().DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["HOST"], db["PORT"]) == ("contest", "db.example", 5432)


def test_database_url_still_selects_sqlite(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'game.sqlite3'}")
    db = load_fresh_settings().DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.sqlite3" and db["NAME"] == str(tmp_path / "game.sqlite3")


def test_debug_is_off_unless_asked_for(monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)
    assert load_fresh_settings().DEBUG is False
    monkeypatch.setenv("DEBUG", "1")
    assert load_fresh_settings().DEBUG is True


def test_a_secret_key_is_generated_once_kept_private_and_reused(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("RUN_DIR", str(tmp_path))
    first = load_fresh_settings().SECRET_KEY
    assert len(first) >= 50
    assert (tmp_path / "secret-key").read_text().strip() == first
    assert stat.S_IMODE((tmp_path / "secret-key").stat().st_mode) == 0o600
    assert load_fresh_settings().SECRET_KEY == first


def test_a_secret_key_from_the_environment_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("RUN_DIR", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert load_fresh_settings().SECRET_KEY == "from-the-environment"
    assert not (tmp_path / "secret-key").exists()


def test_two_installs_get_different_redis_prefixes_each_kept_between_runs(monkeypatch, tmp_path):
    for name in ("CHANNEL_PREFIX", "CELERY_KEY_PREFIX", "CACHE_PREFIX"):
        monkeypatch.delenv(name, raising=False)
    prefixes = []
    for install in ("a", "b", "a"):
        monkeypatch.setenv("RUN_DIR", str(tmp_path / install))
        settings = load_fresh_settings()
        prefixes.append((settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"],
                         settings.CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"],
                         settings.CACHES["default"]["KEY_PREFIX"]))
    assert prefixes[0] == prefixes[2]
    assert all(a != b for a, b in zip(prefixes[0], prefixes[1], strict=True))
    assert stat.S_IMODE((tmp_path / "a" / "install-id").stat().st_mode) == 0o600


def test_redis_prefixes_from_the_environment_win(monkeypatch, tmp_path):
    monkeypatch.setenv("RUN_DIR", str(tmp_path))
    monkeypatch.setenv("CHANNEL_PREFIX", "room-12")
    monkeypatch.setenv("CELERY_KEY_PREFIX", "room-12:")
    settings = load_fresh_settings()
    assert settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] == "room-12"
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS == {"global_keyprefix": "room-12:"}


def test_redis_url_feeds_the_channel_layer_and_celery(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://10.0.0.5:6380/2")
    settings = load_fresh_settings()
    assert settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] == ["redis://10.0.0.5:6380/2"]
    assert settings.CELERY_BROKER_URL == settings.CELERY_RESULT_BACKEND == "redis://10.0.0.5:6380/2"


def test_the_channel_layer_is_redis_pubsub_unless_core_is_asked_for(monkeypatch):
    monkeypatch.delenv("CHANNEL_LAYER", raising=False)
    layer = load_fresh_settings().CHANNEL_LAYERS["default"]
    assert layer["BACKEND"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    monkeypatch.setenv("CHANNEL_LAYER", "core")
    monkeypatch.setenv("CHANNEL_CAPACITY", "500")
    layer = load_fresh_settings().CHANNEL_LAYERS["default"]
    assert layer["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert layer["CONFIG"]["capacity"] == 500


def test_an_unknown_channel_layer_names_the_variable_and_the_value(monkeypatch):
    monkeypatch.setenv("CHANNEL_LAYER", "rabbit")
    with pytest.raises(ImproperlyConfigured, match="CHANNEL_LAYER.*'rabbit'"):
        load_fresh_settings()
