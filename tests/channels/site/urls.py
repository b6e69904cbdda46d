from django.urls import include, path

from tests.channels.site.wsapp.table import hydration_page

urlpatterns = [
    path("api/mizan/", include("mizan_django.urls")),
    path("tbl-page/", hydration_page),
]
