from django.urls import path

from game.views import debrief, exports, instructor, public, student

urlpatterns = [
    path("", public.join, name="join"),
    path("rules/", public.rules, name="rules"),
    path("qr/<str:code>.svg", public.qr, name="qr"),
    path("play/<str:code>/", student.play, name="play"),
    path("play/<str:code>/rejoin/<str:token>/", student.rejoin, name="rejoin"),
    path("play/<str:code>/history/", student.history, name="history"),
    path("instructor/", instructor.dashboard, name="dashboard"),
    path("instructor/s/<int:session_id>/", instructor.panel, name="panel"),
    path("instructor/s/<int:session_id>/projector/", instructor.projector, name="projector"),
    path("instructor/s/<int:session_id>/do/<str:name>/", instructor.action, name="action"),
    path("instructor/s/<int:session_id>/rules/", instructor.rules_edit, name="rules_edit"),
    path("instructor/s/<int:session_id>/manage/<str:name>/", instructor.manage, name="manage"),
    path("instructor/s/<int:session_id>/export.zip", exports.download, name="export"),
    path("instructor/s/<int:session_id>/debrief/", debrief.page, name="debrief"),
    path("instructor/s/<int:session_id>/projector/debrief/", debrief.projector, name="projector_debrief"),
]
