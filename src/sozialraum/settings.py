"""Sozialraum settings: one module, configured by environment variables only.

Every variable is documented in docs/configuration.md.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
# The checkout (or the directory the operator runs from): var/, node_modules/, staticfiles/.
BASE_DIR = Path(os.environ.get("SOZIALRAUM_HOME", PACKAGE_DIR.parent.parent)).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random value "
            "(python3 -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks_db",
    "sozialraum.core",
    "sozialraum.accounts",
    "sozialraum.areas",
    "sozialraum.directory",
    "sozialraum.atlas",
    "sozialraum.events",
    "sozialraum.passes",
    "sozialraum.appointments",
    "sozialraum.lottery",
]

MIDDLEWARE = [
    "sozialraum.core.middleware.NoCookiesMiddleware",  # first: sees responses last
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "sozialraum.core.middleware.RememberLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "sozialraum.accounts.middleware.RequireTwoFactorForStaffMiddleware",
]

ROOT_URLCONF = "sozialraum.urls"
WSGI_APPLICATION = "sozialraum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sozialraum.core.context_processors.site",
            ],
        },
    }
]

# Database: SQLite under var/ by default, PostgreSQL in production (DATABASE_URL).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASE_URL = f"sqlite:///{BASE_DIR / 'var' / 'sozialraum.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif "postgresql" in DATABASES["default"]["ENGINE"]:
    # The directory's search and filter queries are short; PostgreSQL's JIT compiler took far
    # longer to compile them than to run them (docs/benchmarks.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set (needed with several app servers).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sozialraum",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth: e-mail login, mandatory verification, rate limits, TOTP.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    # Public forms without an account (core/rate_limits.py): per visitor address; per e-mail
    # address and date, programme or service ("key").
    "event_registration": os.environ.get("RATE_LIMIT_EVENT_REGISTRATION", "30/h/ip,3/h/key"),
    "holiday_wishes": os.environ.get("RATE_LIMIT_HOLIDAY_WISHES", "20/h/ip,3/h/key"),
    "appointment_request": os.environ.get("RATE_LIMIT_APPOINTMENT_REQUEST", "20/h/ip,3/h/key"),
}
# Behind a reverse proxy, rate limits must count the visitor's address, not the proxy's:
# the number of proxies in front of the app that append to X-Forwarded-For (deployment.md).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_ADAPTER = "sozialraum.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "sozialraum.accounts.forms.LoginForm"}
MFA_ADAPTER = "sozialraum.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Sozialraum")

# E-mail: SMTP in production, the console in development (docs/configuration.md).
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sozialraum@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
if os.environ.get("EMAIL_HOST") or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS"),
                "use_ssl": env_bool("EMAIL_USE_SSL"),
                "timeout": int(os.environ.get("EMAIL_TIMEOUT", "20")),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Background tasks (e-mails, digests): stored in the database and run by a worker process,
# `sozialraum db_worker` (started by `make demo`; a service of its own in production, see
# docs/deployment.md). "immediate" runs each task inside the request (the tests do).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND]
    }
}
# A mail that fails (the mail server is down) is tried again this often, waiting longer each time.
MAIL_ATTEMPTS = int(os.environ.get("MAIL_ATTEMPTS", "5"))

# Languages: German first, English complete, Arabic proves right-to-left.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch")), ("ar", _("Arabisch"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)

# Static files: our own and the npm packages' (installed by `make install`), served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/kern", NODE_MODULES / "@kern-ux" / "native" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)

# Security. Behind the reverse proxy, HTTPS is the rule; see docs/deployment.md.
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers check app servers over plain HTTP
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS")

# The directory (Angebote); see docs/configuration.md.
# The platform's public address, for links in e-mails sent outside a request (reminders).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Map tiles: none by default, so no visitor's browser talks to a third party; the maps then draw
# district outlines. Set e.g. the city's own tile server: https://tiles.example.de/{z}/{x}/{y}.png
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "")
MAP_TILES_ATTRIBUTION = os.environ.get("MAP_TILES_ATTRIBUTION", "")
if MAP_TILES_URL:
    # the browser loads tiles from there: allow that origin ({s} subdomains as a wildcard)
    _tiles = urlsplit(MAP_TILES_URL.replace("{s}", "*"))
    SECURE_CSP["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")
# Providers are asked to confirm their entries this often (months).
FRESHNESS_REMINDER_MONTHS = int(os.environ.get("FRESHNESS_REMINDER_MONTHS", "6"))
# Where `export_hsds --downloads` writes the open-data files served under /api/hsds/export.*
HSDS_EXPORT_DIR = Path(os.environ.get("HSDS_EXPORT_DIR", BASE_DIR / "var" / "exports"))

# The Sozialatlas (docs/atlas-maps.md): counts below this number, and rates computed from such a
# count, are shown as "." in every public map, table and download (small groups stay anonymous).
ATLAS_SUPPRESSION_THRESHOLD = int(os.environ.get("ATLAS_SUPPRESSION_THRESHOLD", "3"))
# ... and every figure of an area with fewer inhabitants than this (0: off), counted by the
# indicator with this key (docs/atlas-maps.md).
ATLAS_MINIMUM_POPULATION = int(os.environ.get("ATLAS_MINIMUM_POPULATION", "100"))
ATLAS_POPULATION_INDICATOR = os.environ.get("ATLAS_POPULATION_INDICATOR", "einwohner")

# Event registration (docs/events.md): how long a registration holds its places while it waits
# for the confirmation by e-mail (minutes), how long a place offered from the waiting list is
# held (hours), and after how many days past a date its participants' data is deleted (0: never).
EVENTS_CONFIRMATION_MINUTES = int(os.environ.get("EVENTS_CONFIRMATION_MINUTES", "60"))
EVENTS_OFFER_HOURS = int(os.environ.get("EVENTS_OFFER_HOURS", "24"))
EVENTS_DELETE_AFTER_DAYS = int(os.environ.get("EVENTS_DELETE_AFTER_DAYS", "90"))

# Appointments (docs/appointments.md): personal data of an appointment is deleted this many days
# after it (`sozialraum anonymise_appointments`, daily).
APPOINTMENT_RETENTION_DAYS = int(os.environ.get("APPOINTMENT_RETENTION_DAYS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
