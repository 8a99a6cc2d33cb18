import os

from django.core.asgi import get_asgi_application

from config.parent_watch import exit_with_parent

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
exit_with_parent()  # a worker of `uvicorn --workers N` dies with its master

# Initialise Django (apps registry) before importing anything that touches models.
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from game.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # Sessions and users are read per route (game/routing.py).
        "websocket": AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns)),
    }
)
