"""The site's URLs plus one view that fails, for the error-page tests."""

from django.urls import path

from config.urls import urlpatterns as site


def fail(request):
    raise RuntimeError("a bug the students must not see: SECRET-DETAIL")


urlpatterns = [path("fail/", fail), *site]
