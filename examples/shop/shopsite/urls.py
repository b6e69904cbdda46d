"""URLs of the demo shop: the React page at /, every Mizan endpoint under /api/mizan/."""

from django.contrib.auth import views as auth_views
from django.contrib.staticfiles.views import serve as serve_static
from django.urls import include, path

from shop import views

urlpatterns = [
    path("", views.index, name="index"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("api/mizan/", include("mizan_django.urls")),
    # The built bundle (STATIC_URL, Vite's `base`), served by Django itself
    # while DEBUG is on; without DEBUG this view answers 404 and a real
    # deployment runs collectstatic and serves STATIC_ROOT from its web server.
    path("static/<path:path>", serve_static),
]
