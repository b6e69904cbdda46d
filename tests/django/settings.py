"""Django settings for the runtime tests (``DJANGO_SETTINGS_MODULE`` in pyproject).

Small on purpose: SQLite in memory, locmem cache, the test app in
``tests.django.testapp``. Tests switch the context cache to a real Redis
with the ``cache_backend`` fixture.
"""

SECRET_KEY = "mizan-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
USE_TZ = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "mizan_django",
    "tests.django.testapp",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

ROOT_URLCONF = "tests.django.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "OPTIONS": {"MAX_ENTRIES": 10000}}}
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
}]
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests

MIZAN_CACHE_SECRET = "tests-cache-secret-0123456789abcdef0123456789"
MIZAN_MWT_SECRET = "tests-mwt-secret-fedcba9876543210fedcba98765"
MIZAN_MAX_BODY_BYTES = 64 * 1024
