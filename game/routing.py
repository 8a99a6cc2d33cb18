from django.urls import path

from game import consumers

websocket_urlpatterns = [
    path("ws/play/<str:code>/", consumers.StudentConsumer.as_asgi()),
    path("ws/instructor/<int:session_id>/", consumers.InstructorConsumer.as_asgi()),
    path("ws/projector/<int:session_id>/", consumers.ProjectorConsumer.as_asgi()),
]
