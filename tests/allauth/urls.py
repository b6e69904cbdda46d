from django.urls import include, path

urlpatterns = [
    path("api/mizan/", include("mizan_django.urls")),
    path("accounts/", include("allauth.urls")),  # the emailed links point here
]
