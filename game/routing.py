from channels.auth import AuthMiddlewareStack
from channels.sessions import SessionMiddlewareStack
from django.urls import path

from game import consumers

# A student is known by the participant token in their browser's session, never by a user
# account: their socket reads the session (in the consumer's own database hop) and skips
# the user lookup, a database hop of its own per connect. The instructor's sockets need
# the logged-in user.
websocket_urlpatterns = [
    path("ws/play/<str:code>/", SessionMiddlewareStack(consumers.StudentConsumer.as_asgi())),
    path("ws/instructor/<int:session_id>/", AuthMiddlewareStack(consumers.InstructorConsumer.as_asgi())),
    path("ws/projector/<int:session_id>/", AuthMiddlewareStack(consumers.ProjectorConsumer.as_asgi())),
]
