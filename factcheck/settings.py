"""Settings, read from the environment (see README "Configuration").

DEBUG is off unless DEBUG=1 is set, so a forgotten variable never shows debug pages to the
public; with DEBUG off, SECRET_KEY and ALLOWED_HOSTS are required and `manage.py check --deploy`
is clean. Local use sets only DEBUG=1 (scripts/demo and the tests do): the database is then an
SQLite file in the project folder and a development secret key is used.
"""

import datetime
import os
import re
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from factcheck.env import env_bool, env_int, env_list, env_rate

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (DEBUG defaults to off; set DEBUG=1 for "
            "local development)."
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Third-party
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "rangefilter",
    "axes",
    "csp",
    # Local
    "annotations",
]

MIDDLEWARE = [
    # First: /healthz answers load balancers before the host check and the HTTPS redirect.
    "annotations.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files (SVG included) carry both policies too.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the session, the form body or the query: NUL and oversized input.
    "annotations.middleware.HostileInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The interface language from the switcher's cookie, else the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signed-in pages are never served stale from the browser's history (Back after a step).
    "annotations.caching.WorkspaceNoStoreMiddleware",
    "annotations.accounts.SessionIdleTimeoutMiddleware",
    # A signed-in person's preferred language wins over the cookie and the browser's.
    "annotations.i18n.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a sign-in refused by the lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "factcheck.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several requests write at once. A deferred transaction that reads, then tries to write,
    # fails at once with "database is locked" when another writer got there first; an
    # IMMEDIATE one takes the write lock when it begins, so writers queue (up to the timeout,
    # in seconds) and each then reads what the one before it committed: the loser of a race
    # gets the services' conflict, not a 500. WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=env_int("SQLITE_BUSY_TIMEOUT", 30),
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
    # Tests use a file too (one per process), since an in-memory database shared between
    # threads locks whole tables and ignores the timeout: the race tests need the real thing.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"factcheck-test-{os.getpid()}.sqlite3")
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED_STATEMENTS", True
):
    # Parameters bound by the server, and a query run five times on a connection prepared
    # there: PostgreSQL then skips parsing and planning it (half its CPU on the claims list).
    # Off for a pooler that cannot carry prepared statements (PgBouncer in transaction mode
    # before 1.21); options in DATABASE_URL's query string take precedence.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
    DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The lockout backend comes first: it refuses a locked-out account or address before the
# password is even checked (see "Sign-in lockout" below).
AUTHENTICATION_BACKENDS = [
    "annotations.accounts.LockoutBackend",
    # Django's ModelBackend, reading permissions through the cache when it is shared.
    "annotations.permission_cache.CachedPermissionsBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
# The interface languages (docs/i18n.md says how to add one); dates and numbers follow each
# language's formats. Arabic is written right to left: pages then carry dir="rtl".
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt-br", _("Brazilian Portuguese")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous request then gets 401 with a WWW-Authenticate challenge.
        "annotations.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["annotations.api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "annotations.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "annotations.api.schema.ProjectAutoSchema",
    "EXCEPTION_HANDLER": "annotations.api.errors.exception_handler",
    # Rates come from FACTCHECK_THROTTLE_RATES (below), read at each request.
    "DEFAULT_THROTTLE_CLASSES": [
        "annotations.api.throttling.AnonThrottle",
        "annotations.api.throttling.UserThrottle",
        "annotations.api.throttling.ScopeThrottle",
    ],
    # DRF's parsers, refusing NUL characters and deeply nested JSON with a 400.
    "DEFAULT_PARSER_CLASSES": [
        "annotations.api.parsers.JSONParser",
        "annotations.api.parsers.FormParser",
        "annotations.api.parsers.MultiPartParser",
    ],
    # DRF's JSON, written by orjson (annotations/api/renderers.py).
    "DEFAULT_RENDERER_CLASSES": [
        "annotations.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "URL_FORMAT_OVERRIDE": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Factcheck API",
    "DESCRIPTION": (
        "Articles, claims anchored to exact spans (offsets in Unicode code points), evidence, "
        "verdicts, the review workflow, and exports of published claims."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        # Rules that span several body fields, and OpenAPI links from each created object to
        # the operations that use it.
        "annotations.api.schema.add_body_rules",
        "annotations.api.schema.add_links",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "annotations.models.ClaimStatus",
        "ReviewActionEnum": "annotations.models.ReviewAction",
        "StanceEnum": "annotations.models.Stance",
        "SourceKindEnum": "annotations.models.SourceKind",
        "VerdictRoleEnum": "annotations.models.VerdictRole",
        "ClaimOriginEnum": "annotations.models.ClaimOrigin",
    },
}

# Security: strict whenever DEBUG is off. Behind a proxy that terminates TLS, set
# SECURE_PROXY_SSL_HEADER=1 so Django trusts X-Forwarded-Proto.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
# History is read-only: versions are shown, never restored (see annotations/admin/history.py).
SIMPLE_HISTORY_REVERT_DISABLED = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response (django-csp). Every asset, the API docs' included,
# is served by the app itself, so nothing comes from another origin. Scripts run only from
# files on this site, or inline when they carry the request's nonce (`request.csp_nonce`,
# which the admin's date range filter uses); never 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # Inline styles are allowed (and so no nonce here, which would switch that off): rating
        # colours reach the pages as style attributes, and the admin, the browsable API and
        # Swagger UI ship inline styles. Styles cannot run script.
        "style-src": [SELF, UNSAFE_INLINE],
        # The admin's and Swagger UI's stylesheets draw some icons from data: URIs.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Permissions-Policy on every response: the app uses none of these browser features, so no
# page (nor anything injected into one) may ask for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Logs go to the console: one JSON object per line (time, level, logger, message and any
# extra fields) for log collectors, or plain text. JSON unless DEBUG is on; choose with
# FACTCHECK_LOG_FORMAT=json|text.
FACTCHECK_LOG_FORMAT = os.environ.get("FACTCHECK_LOG_FORMAT", "text" if DEBUG else "json")
FACTCHECK_LOG_FORMAT = FACTCHECK_LOG_FORMAT.strip().lower()
if FACTCHECK_LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("FACTCHECK_LOG_FORMAT must be json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": FACTCHECK_LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Notification emails (annotations/services/notifications.py): through SMTP when EMAIL_HOST is
# set, otherwise printed on the console, so development needs no mail server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "factcheck@localhost")

# The product's own limits and names.
FACTCHECK_MAX_ARTICLE_BYTES = env_int("FACTCHECK_MAX_ARTICLE_BYTES", 2 * 1024 * 1024)
# Import by URL (annotations/intake/fetch.py). Private, loopback, link-local and reserved
# addresses are refused unless FACTCHECK_FETCH_ALLOW_PRIVATE is on (tests, intranets).
FACTCHECK_FETCH_ALLOW_PRIVATE = env_bool("FACTCHECK_FETCH_ALLOW_PRIVATE", False)
FACTCHECK_FETCH_CONNECT_TIMEOUT = env_int("FACTCHECK_FETCH_CONNECT_TIMEOUT", 5)
FACTCHECK_FETCH_READ_TIMEOUT = env_int("FACTCHECK_FETCH_READ_TIMEOUT", 10)
FACTCHECK_FETCH_TOTAL_TIMEOUT = env_int("FACTCHECK_FETCH_TOTAL_TIMEOUT", 30)
FACTCHECK_FETCH_MAX_BYTES = env_int("FACTCHECK_FETCH_MAX_BYTES", 5 * 1024 * 1024)
FACTCHECK_FETCH_USER_AGENT = os.environ.get(
    "FACTCHECK_FETCH_USER_AGENT",
    "FactcheckDesk/0.1 (claim and fact-checking annotation tool; fetches pages its users import)",
)
# Who publishes the fact-checks (ClaimReview `author`) and where the public pages live, so that
# exports made outside a request (CLI, jobs) carry absolute URLs.
FACTCHECK_ORGANIZATION_NAME = os.environ.get("FACTCHECK_ORGANIZATION_NAME", "Factcheck Desk")
FACTCHECK_ORGANIZATION_URL = os.environ.get("FACTCHECK_ORGANIZATION_URL", "http://127.0.0.1:8000/")
# Unset: public URLs take the host of the request that builds them (the command line, with no
# request, uses http://127.0.0.1:8000).
FACTCHECK_PUBLIC_BASE_URL = os.environ.get("FACTCHECK_PUBLIC_BASE_URL", "")
# An article imported without a language gets the detected one; text too short or too ambiguous
# to tell gets FACTCHECK_DEFAULT_LANGUAGE. The detector chooses among FACTCHECK_DETECT_LANGUAGES
# (ISO 639-1 codes; unset: the list in annotations/splitting/language.py).
FACTCHECK_DEFAULT_LANGUAGE = os.environ.get("FACTCHECK_DEFAULT_LANGUAGE", "en").strip()
FACTCHECK_DETECT_LANGUAGES = env_list("FACTCHECK_DETECT_LANGUAGES", [])
if not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", FACTCHECK_DEFAULT_LANGUAGE) or not all(
    re.fullmatch(r"[a-z]{2,3}", code) for code in FACTCHECK_DETECT_LANGUAGES
):
    raise ImproperlyConfigured(
        "FACTCHECK_DEFAULT_LANGUAGE must be a language tag such as 'en' or 'pt-BR', and "
        "FACTCHECK_DETECT_LANGUAGES a comma-separated list of codes such as 'en,es,ar'."
    )

# Caches: the API's request counters (and anything else cached) live in Redis when REDIS_URL is
# set, so that every app process counts together; otherwise in each process's memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        # Django's Redis cache, one client per pool (annotations/redis_cache.py).
        {"BACKEND": "annotations.redis_cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "factcheck"}
    )
}
if REDIS_URL:
    # Sessions are read from Redis on every request and written through to the database, so
    # every app process shares them and a Redis restart signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Public pages (published fact-checks, their list and feed) served to anonymous readers from
# that cache for this many seconds, per language; any change to published content makes them
# stale at once (annotations/public_cache.py). 0 turns the cache off. Off by default without
# Redis: each process's memory would hold its own pages, which a publish in another process
# (gunicorn runs several) could not make stale.
FACTCHECK_PUBLIC_CACHE_SECONDS = env_int("FACTCHECK_PUBLIC_CACHE_SECONDS", 300 if REDIS_URL else 0)
if FACTCHECK_PUBLIC_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("FACTCHECK_PUBLIC_CACHE_SECONDS must be 0 (off) or more.")

# Each person's permissions kept in that cache for this many seconds, forgotten whenever their
# roles change (annotations/permission_cache.py). 0 turns it off. Off by default without Redis,
# for the same reason as the public pages.
FACTCHECK_PERMISSION_CACHE_SECONDS = env_int(
    "FACTCHECK_PERMISSION_CACHE_SECONDS", 300 if REDIS_URL else 0
)
if FACTCHECK_PERMISSION_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("FACTCHECK_PERMISSION_CACHE_SECONDS must be 0 (off) or more.")

# Background work (Celery, factcheck/celery.py): URL imports and feed polling run on workers
# when CELERY_BROKER_URL names a broker (redis://… or amqp://…). With none, tasks run in the
# calling process (eager), errors included, so the demo and the tests need nothing but Python.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Acknowledge a task only once it has finished, and put it back if its worker dies: a killed
# worker loses nothing (the tasks are idempotent, so running one twice creates nothing twice).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task taken by a worker that vanished (SIGKILL, lost machine) goes back to the queue after
# this many seconds on Redis; it must exceed the longest task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
# Outcomes are recorded on jobs in the database, not in a result backend.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# celery beat enqueues the feeds that are due; each feed keeps its own interval.
CELERY_BEAT_SCHEDULE = {
    "poll-due-feeds": {
        "task": "annotations.tasks.feeds.poll_due_feeds",
        "schedule": env_int("FACTCHECK_FEED_BEAT_SECONDS", 60),
    }
}

# Proxies in front of the app whose X-Forwarded-For is trusted (0: use the connection's
# address). The sign-in lockout, the API's rates and the authentication log all count by it.
FACTCHECK_TRUSTED_PROXIES = env_int("FACTCHECK_TRUSTED_PROXIES", 0)

# Sessions end after this long without a request: annotations.accounts'
# SessionIdleTimeoutMiddleware renews a signed-in session (at most once a minute) on use.
SESSION_COOKIE_AGE = env_int("FACTCHECK_SESSION_IDLE_MINUTES", 8 * 60) * 60

# Sign-in lockout (django-axes): after FACTCHECK_LOGIN_FAILURE_LIMIT failed sign-ins for one
# account, or from one address, sign-in is refused (429) for FACTCHECK_LOGIN_COOLOFF_MINUTES,
# even with the right password; the web sign-in page and the admin's alike.
AXES_FAILURE_LIMIT = env_int("FACTCHECK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("FACTCHECK_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Attempts made while locked out do not extend the lockout (nor get counted).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "annotations.accounts.lockout_response"
AXES_USERNAME_CALLABLE = "annotations.accounts.lockout_username"
AXES_CLIENT_IP_CALLABLE = "annotations.services.auth.client_ip"
AXES_VERBOSE = False
# Sign-ins are logged once, as authentication events (annotations.AuthEvent), not twice.
AXES_DISABLE_ACCESS_LOG = True
if AXES_FAILURE_LIMIT < 1 or AXES_COOLOFF_TIME.total_seconds() < 60:
    raise ImproperlyConfigured(
        "FACTCHECK_LOGIN_FAILURE_LIMIT must be at least 1 and FACTCHECK_LOGIN_COOLOFF_MINUTES "
        "at least 1."
    )

# API tokens: how many days a token lasts (the default and the most one may ask for), and how
# many active tokens one person may hold.
FACTCHECK_API_TOKEN_DAYS = env_int("FACTCHECK_API_TOKEN_DAYS", 30)
FACTCHECK_API_TOKEN_LIMIT = env_int("FACTCHECK_API_TOKEN_LIMIT", 20)
if FACTCHECK_API_TOKEN_DAYS < 1 or FACTCHECK_API_TOKEN_LIMIT < 1:
    raise ImproperlyConfigured(
        "FACTCHECK_API_TOKEN_DAYS and FACTCHECK_API_TOKEN_LIMIT must be at least 1."
    )

# API request rates (429 with Retry-After beyond them): anonymous clients per address, signed-in
# users per account, and stricter scopes for the exports and the similar fact-checks lookup.
FACTCHECK_THROTTLE_RATES = {
    "anon": env_rate("FACTCHECK_THROTTLE_ANON", "60/minute"),
    "user": env_rate("FACTCHECK_THROTTLE_USER", "600/minute"),
    "export": env_rate("FACTCHECK_THROTTLE_EXPORT", "10/minute"),
    "similar": env_rate("FACTCHECK_THROTTLE_SIMILAR", "30/minute"),
}
