"""Settings for Inclusief, read from the environment.

Development needs nothing set: SQLite under var/ and a development secret key. Production
sets at least SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and HTTPS=true; `manage.py check
--deploy` refuses the development key (see inclusief/checks.py).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from inclusief.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "development-only-insecure-key-do-not-use-in-production"

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if SECRET_KEY.strip() == "":
    raise ImproperlyConfigured("SECRET_KEY is set but empty.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# HTTPS=true in production behind TLS: secure cookies, HSTS and a redirect to https.
HTTPS = env_bool("HTTPS", default=False)
# Demo accounts are created only when this is on (the `make demo` database).
DEMO_MODE = env_bool("DEMO_MODE", default=False)
# Management commands that `setup_demo` runs after loading the framework, in this order.
DEMO_SETUP_COMMANDS = [
    "load_catalogue",
    "create_demo_users",
    "seed_demo_assessments",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "inclusief",
    "framework",
    "assessments",
    "maatwerk",
    "opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware: answers the CORS preflight of the open-data API (GET only).
    "corsheaders.middleware.CorsMiddleware",
    "inclusief.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last: it needs the authenticated user and the response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "inclusief.urls"
WSGI_APPLICATION = "inclusief.wsgi.application"
ASGI_APPLICATION = "inclusief.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_default_db = f"sqlite:///{BASE_DIR / 'var' / 'inclusief.sqlite3'}"
_database_url = env_str("DATABASE_URL", _default_db)
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
except Exception as exc:  # dj-database-url raises several types for a bad URL
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database address: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Several app threads and the task worker share one SQLite file.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # Only on PostgreSQL: the app imports psycopg2, which the embedded default does without.
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "inclusief.passwords.MinimumLength",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Sessions end after this many minutes without a request (documented in the README).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 60, minimum=5)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "inclusief.views.csrf_failure"

# Reverse proxies in front of the app (the README's TLS proxy is one). The client address is
# read from X-Forwarded-For only through them (inclusief/throttling.py); 0 ignores the header.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)

# Login throttling (django-axes, inclusief.throttling.LoginThrottle): a username is locked
# after AXES_FAILURE_LIMIT failures from any addresses (for the addresses that failed), an
# address after LOGIN_ADDRESS_FAILURE_LIMIT failures for any usernames. The lock lifts by
# itself after the cool-off time and answers 429 meanwhile.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_HANDLER = "inclusief.throttling.LoginThrottle"
AXES_CLIENT_IP_CALLABLE = "inclusief.throttling.client_address"
# Password-reset mail: requests per address, and mails per e-mail address, per hour.
PASSWORD_RESETS_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_ADDRESS", 5, minimum=1)
PASSWORD_RESETS_PER_ACCOUNT = env_int("PASSWORD_RESETS_PER_ACCOUNT", 3, minimum=1)
# PDFs rendered on request: at once in the whole site, and per visitor; downloads (PDF, CSV,
# JSON) per visitor in ten minutes (inclusief/throttling.py, assessments/report_views.py).
PDF_RENDERS_AT_ONCE = env_int("PDF_RENDERS_AT_ONCE", 2, minimum=1)
# One catalogue report holds at most this many assessments (73 take about a minute).
REPORT_MAX_ASSESSMENTS = env_int("REPORT_MAX_ASSESSMENTS", 250, minimum=1)
EXPORTS_PER_10_MINUTES = env_int("EXPORTS_PER_10_MINUTES", 30, minimum=1)
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# WhiteNoise warns about a missing folder; in the demo nothing is collected into it.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve straight from the app's static folders when nothing was collected (demo, tests).
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "inclusief@localhost")
# The address in front of links in notification mails (there is no request when they are sent).
SITE_URL = env_str("SITE_URL", "http://localhost:8000")

# Whole public pages for anonymous visitors are kept this long at most (0 turns the page cache
# off); any change to their data retires them at once (inclusief/caching.py). Per process
# by default; point CACHES at a shared cache in production to share them between workers.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # The open-data API's request counts per address (opendata/api/throttling.py); point it
    # at a shared cache (Redis, Memcached) so that every app server counts together.
    "api-throttle": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "inclusief-api-throttle",
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "inclusief-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 500, minimum=10)},
    },
}

# Catalogue reports: finished ones (and their PDFs) are kept this many days; an unfinished
# one counts as failed after this many minutes without progress, or without starting.
REPORT_KEEP_DAYS = env_int("REPORT_KEEP_DAYS", 30, minimum=1)
# Saved maatwerkscans are deleted this many days after their last change (AVG: retention).
MAATWERK_KEEP_DAYS = env_int("MAATWERK_KEEP_DAYS", 90, minimum=1)
REPORT_STALL_MINUTES = env_int("REPORT_STALL_MINUTES", 10, minimum=1)
REPORT_QUEUE_MINUTES = env_int("REPORT_QUEUE_MINUTES", 60, minimum=1)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Security headers. The CSP allows no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "fontTools": {"level": "WARNING"},
        # Axes logs every login at INFO; failures and lock-outs come at WARNING.
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every laid-out page at INFO; keep its warnings, drop the chatter.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# Commands that `setup_demo` runs after loading the framework.


# Open data (opendata/): the licence of everything the API and the downloads publish, who
# publishes it, and the anonymous rate limit of the API.
OPEN_DATA_LICENCE_URL = env_str(
    "OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
OPEN_DATA_LICENCE_NAME = env_str("OPEN_DATA_LICENCE_NAME", "CC BY 4.0")
OPEN_DATA_PUBLISHER = env_str("OPEN_DATA_PUBLISHER", "Inclusief")
OPEN_DATA_CONTACT_EMAIL = env_str("OPEN_DATA_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
# Raise when the report layout changes: stored reports of another layout are made again by
# `manage.py regenerate_reports --outdated`.
REPORT_LAYOUT_VERSION = "1"
API_ANON_RATE = env_str("API_ANON_RATE", "120/minute")
REST_FRAMEWORK = {
    # Public data only: the API knows no users, so nobody sees more through it.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["opendata.api.throttling.AnonymousThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0) or None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Inclusief open data API",
    "DESCRIPTION": (
        "Read-only access to the framework, the platform catalogue, Table 1 work types and "
        "published assessments. Licence: " + OPEN_DATA_LICENCE_NAME + "."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "LICENSE": {"name": OPEN_DATA_LICENCE_NAME, "url": OPEN_DATA_LICENCE_URL},
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "StatementKindEnum": "framework.models.StatementKind",
        "QuestionKindEnum": "framework.models.QuestionKind",
    },
}
# CORS: any origin may read the API and the open-data files, with GET (and HEAD) only and
# never with cookies.
CORS_URLS_REGEX = r"^/(api/v1/|open-data/)"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Link"]
