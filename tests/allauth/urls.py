from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path


def page(request: HttpRequest) -> HttpResponse:
    """The browser test's page, running the bundle it built (``ALLAUTH_TEST_BUNDLE``)."""
    return HttpResponse('<!doctype html><div id="root"></div>'
                        '<script type="module" src="/app.js"></script>')


def bundle(request: HttpRequest) -> HttpResponse:
    return HttpResponse(settings.ALLAUTH_TEST_BUNDLE.read_bytes(), content_type="text/javascript")


urlpatterns = [
    path("api/mizan/", include("mizan_django.urls")),
    path("accounts/", include("allauth.urls")),  # the emailed links point here by default
    path("app.js", bundle),
    re_path(r"^(?:verify/.+)?$", page),
]
