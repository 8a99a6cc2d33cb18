import os

from celery import Celery
from celery.signals import beat_embedded_init

from config.parent_watch import watch_parent

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("province_contest")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@beat_embedded_init.connect
def _beat_ends_with_its_worker(**_kwargs) -> None:
    """`worker -B` runs beat in a process of its own; when the worker is killed, that beat
    must not live on beside the restarted worker's (two beats: every sweep twice)."""
    watch_parent()
