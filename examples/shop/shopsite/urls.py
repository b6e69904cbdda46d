"""URLs of the demo shop: every Mizan endpoint lives under /api/mizan/."""

from django.urls import include, path

urlpatterns = [
    path("api/mizan/", include("mizan_django.urls")),
]
