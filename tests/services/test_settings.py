import importlib.util
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


def test_the_default_database_is_sqlite_in_the_run_dir(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = load_fresh_settings()
    db = settings.DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(db["NAME"]) == settings.BASE_DIR / ".run" / "db.sqlite3"


def test_database_url_switches_the_engine_to_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://teacher:pw@db.example:5432/contest")
    db = load_fresh_settings().DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["HOST"], db["PORT"]) == ("contest", "db.example", 5432)


def test_production_refuses_the_dev_secret_key(monkeypatch):
    monkeypatch.setenv("DEBUG", "false")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_fresh_settings()


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
