"""Settings for the resolution tracker.

Everything that differs between a laptop and production is an environment variable, documented in
.env.example. Defaults are production's: debug off, HTTPS-only cookies, HSTS and an SSL redirect.
`make run` serves plain HTTP on this machine (DJANGO_HTTPS=false); `make dev` adds debug.
"""

from datetime import timedelta
from pathlib import Path

from tracker.env import (
    ImproperlyConfiguredEnv,
    cache_from_url,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
    local_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# Production behaviour is the default: a forgotten variable must never publish Django's debug
# pages (with every URL pattern) on the internet. `make dev` turns debug on for development.
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY") or local_secret_key(
    Path(env_str("DJANGO_SECRET_KEY_FILE") or BASE_DIR / ".secret_key")
)
if len(SECRET_KEY) < 50:
    raise ImproperlyConfiguredEnv(
        "DJANGO_SECRET_KEY must be set to a random string of at least 50 characters "
        "(or left empty to use a key generated once into DJANGO_SECRET_KEY_FILE)."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "resolutions",
    "exports",
    "api",
    "synthetic",
    "csp",
    "axes",
    # Audit trail (resolutions/models/audit.py) and the secretariat roles (workflow/roles.py).
    "simple_history",
    "workflow",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # NUL and other control characters in the path or query string: 404/400, before any view
    # or database sees them (PostgreSQL refuses NUL in text with a DataError).
    "tracker.middleware.RejectControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records the signed-in user on every audit-trail entry a request writes.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns lockouts into a clear 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"

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
                "resolutions.context_processors.branding",
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

DATABASES = {"default": database_from_url(env_str("DATABASE_URL"), BASE_DIR)}
# PostgreSQL's JIT compiler is meant for long analytical queries. The roll-up's large CASE and
# subquery expressions push the planner's cost estimate over jit_above_cost, and compiling them
# took 8 s for a 40 ms query at 400,000 status updates (docs/benchmarks.md): keep it off.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
# Day-first Arabic and French date formats for the admin and {{ value|date }} (tracker/formats/).
FORMAT_MODULE_PATH = ["tracker.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded evidence files. Never served from a public URL: resolutions/views_files.py serves a
# file only when its status update is published. For several machines, use object storage
# (django-storages, README) through STORAGES["default"].
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "media"))
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_MB", 20) * 1024 * 1024
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Django 6 will default URL form fields to https://; opt in now (and silence the warning).
FORMS_URLFIELD_ASSUME_HTTPS = True

LOGIN_URL = "admin:login"

# Generated resolutions (manage.py generate_demo_data) appear on public pages only when allowed.
SHOW_SYNTHETIC_RESOLUTIONS = env_bool("SHOW_SYNTHETIC_RESOLUTIONS", False)

# Four eyes: nobody publishes or verifies a status update they wrote. A one-person secretariat
# can switch this off; its own publications are then shown as "not independently reviewed".
REQUIRE_SECOND_REVIEWER = env_bool("TRACKER_REQUIRE_SECOND_REVIEWER", True)

# Email (workflow notifications and `manage.py send_reminders`). The console backend prints
# messages to the log; set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the
# EMAIL_* variables for SMTP (.env.example).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tracker@localhost")
# The address links in emails point to (no trailing slash), e.g. https://tracker.example.org
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
}


# --- Security -------------------------------------------------------------------------------
# Production (DJANGO_DEBUG=false) gets HTTPS-only cookies, HSTS and an SSL redirect; behind a
# TLS-terminating proxy set DJANGO_BEHIND_PROXY=true so Django trusts X-Forwarded-Proto.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies of ours stand in front of the app; the client's address (for login
# throttling) is read that many entries from the right of X-Forwarded-For (tracker/client_ip.py).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
if BEHIND_PROXY and not 1 <= TRUSTED_PROXY_COUNT <= 10:
    raise ImproperlyConfiguredEnv(
        f"DJANGO_TRUSTED_PROXY_COUNT={TRUSTED_PROXY_COUNT} must be between 1 and 10 (the number "
        "of proxies in front of the app) when DJANGO_BEHIND_PROXY=true."
    )
if not BEHIND_PROXY and TRUSTED_PROXY_COUNT:
    raise ImproperlyConfiguredEnv(
        f"DJANGO_TRUSTED_PROXY_COUNT={TRUSTED_PROXY_COUNT} is set but DJANGO_BEHIND_PROXY is not "
        "true: without a proxy, X-Forwarded-For is written by the client and cannot be trusted."
    )
# DJANGO_HTTPS=false is for serving plain HTTP on this machine only (`make run`, `make dev`, the
# test client): browsers would drop Secure cookies and follow the redirect to an HTTPS port
# that nothing listens on.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", HTTPS)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# No inline or third-party scripts anywhere: every script is a same-origin static file.
# Inline style attributes are allowed (bar widths in server-rendered charts); scripts are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The audit trail is read-only: the admin's history pages never offer to revert a record
# (a revert would bypass the editorial workflow). See resolutions/models/audit.py.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Brute-force protection for logins: after AXES_FAILURE_LIMIT failures for one username from
# one address, that pair is locked out for AXES_COOLOFF_MINUTES. Lockouts are logged by axes.
AUTHENTICATION_BACKENDS = [
    "tracker.auth.ThrottledLoginBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address: REMOTE_ADDR, or from X-Forwarded-For behind our proxies (see above).
AXES_CLIENT_IP_CALLABLE = "tracker.client_ip.client_ip"


# --- Cache ------------------------------------------------------------------------------------
# Holds the dashboard's roll-ups (resolutions/rollup/). It must be shared by every gunicorn
# worker and every machine, or a worker would keep serving numbers from before a publish:
# per-process caches (LocMemCache) are therefore not offered. CACHE_URL empty (default): a table
# in the database ("tracker_cache", created by `manage.py migrate`/`createcachetable`).
# redis://host:6379/0 : Redis, for several machines (the `redis` package is a dependency).
# dummy:// : no caching. Parsed by django-cache-url (tracker/env.cache_from_url).
CACHES = {"default": cache_from_url(env_str("CACHE_URL", ""))}


# Anonymous public pages are served from that cache until the data changes
# (resolutions/page_cache.py); entries also expire after this many seconds. 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
if PAGE_CACHE_SECONDS < 0:
    raise ImproperlyConfiguredEnv(f"PAGE_CACHE_SECONDS={PAGE_CACHE_SECONDS} must be 0 or more.")
# Reports, briefs and badges are rendered once per data version, language, format and as-of date
# (resolutions/page_cache.py cached_file); an entry also expires after this many seconds.
REPORT_CACHE_SECONDS = env_int("REPORT_CACHE_SECONDS", 3600)
if REPORT_CACHE_SECONDS < 0:
    raise ImproperlyConfiguredEnv(f"REPORT_CACHE_SECONDS={REPORT_CACHE_SECONDS} must be 0 or more.")


# --- Read-only JSON API (api/) ----------------------------------------------------------------
# Public data only, so no authentication is needed to read it; the views allow GET/HEAD/OPTIONS.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Resolution implementation tracker API",
    "DESCRIPTION": "Read-only open data: resolutions, paragraphs, mandated actions with their "
    "status and credit as of any date (?as_of=YYYY-MM-DD), status updates with evidence, and "
    "the OIC Member States. Statuses and progress come from the same roll-up as the public "
    "pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Two vocabularies share the field name "status": what the roll-up can derive, and the
    # subset a status update can record (resolutions/status.py). Named, not numbered.
    "ENUM_NAME_OVERRIDES": {
        "DerivedStatusEnum": "resolutions.status.Status",
        "RecordedStatusEnum": "resolutions.status.RECORDABLE_CHOICES",
    },
}


# --- Branding of this installation (see .env.example) ----------------------------------------
# Each text in the three languages of the interface; an empty variable keeps the default, which
# is today's wording. French values carry their own article ("l’OCI"): templates write "de …".
def _in_three_languages(name, en, fr, ar):
    return {
        "en": env_str(f"{name}_EN") or en,
        "fr": env_str(f"{name}_FR") or fr,
        "ar": env_str(f"{name}_AR") or ar,
    }


BRANDING = {
    "name": _in_three_languages(
        "SITE_NAME",
        "Resolution implementation tracker",
        "Suivi de la mise en œuvre des résolutions",
        "نظام متابعة تنفيذ القرارات",
    ),
    "tagline": _in_three_languages(
        "SITE_TAGLINE",
        "Organisation of Islamic Cooperation mandates, paragraph by paragraph",
        "Mandats de l’Organisation de la coopération islamique, paragraphe par paragraphe",
        "ولايات منظمة التعاون الإسلامي، فقرةً فقرة",
    ),
    "body": _in_three_languages(
        "SITE_BODY",
        "Organisation of Islamic Cooperation",
        "l’Organisation de la coopération islamique",
        "منظمة التعاون الإسلامي",
    ),
    "body_short": _in_three_languages("SITE_BODY_SHORT", "OIC", "l’OCI", "منظمة التعاون الإسلامي"),
    # An address on this site (/static/…) or a data: URI (the Content Security Policy allows
    # images from nowhere else). Empty: no logo.
    "logo_url": env_str("SITE_LOGO_URL"),
}
