"""Peksos settings: one file, driven by the environment.

Everything that differs between the demo, CI and production comes from environment
variables (see README "Configuration"). A missing or malformed value stops start-up with a
message that names the variable, never with a traceback from deep inside Django.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PEKSOS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 0/1, true/false, yes/no or on/off; got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for a local demo."
        )
    SECRET_KEY = "insecure-demo-key-only-for-DEBUG-never-in-production-0123456789abcdef"


def signing_secrets(raw: str, *, debug: bool, secret_key: str) -> list[str]:
    """PEKSOS_SIGNING_SECRET: the secrets that encrypt the credential signing keys, newest first
    (the newest encrypts, all decrypt, so a secret is rotated by putting a new one in front and
    running `rotate_signing_secret`). Separate from SECRET_KEY, so that changing SECRET_KEY never
    stops issuing or the status lists."""
    secrets_ = [item.strip() for item in raw.split(",") if item.strip()]
    if not secrets_:
        if not debug:
            raise ImproperlyConfigured(
                "PEKSOS_SIGNING_SECRET is not set. Set it to a long random string, different from SECRET_KEY "
                "(python -c 'import secrets; print(secrets.token_urlsafe(50))'); it encrypts the credential "
                "signing keys. Or set DEBUG=1 for a local demo."
            )
        return ["insecure-demo-signing-secret-only-for-DEBUG-never-in-production-fedcba9876543210"]
    if not debug and secret_key in secrets_:
        raise ImproperlyConfigured(
            "PEKSOS_SIGNING_SECRET must differ from SECRET_KEY: whoever learns one must not learn the other."
        )
    return secrets_


PEKSOS_SIGNING_SECRET = signing_secrets(os.environ.get("PEKSOS_SIGNING_SECRET", ""), debug=DEBUG, secret_key=SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set. Set it to the site's host names, comma-separated.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Every credential names its issuer, holder, status lists and context by addresses under
# SITE_URL, and a signed credential can never be changed: production must not sign with a guess.
# The demo takes the address it serves (the Makefile sets it from PORT).
if not DEBUG and not os.environ.get("SITE_URL", "").strip():
    raise ImproperlyConfigured(
        "SITE_URL is not set. Set it to the public address of the site (e.g. https://peksos.example.id): "
        "credentials are signed with addresses under it and cannot be changed afterwards."
    )
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/") or "http://127.0.0.1:8000"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "simple_history",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    # Peksos, lowest layer first: dependencies point up this list, never down. `core` comes
    # before django_tasks_db so that its `db_worker` (which re-queues the tasks of a killed
    # worker, core/worker.py) replaces the package's.
    "core",
    "django_tasks",
    "django_tasks_db",
    "regions",
    "accounts",
    "credentials",
    "registry",
    "certification",
    "licensing",
    "accreditation",
    "practice",
    "ethics",
    "assemblies",
    "verifiers",
    "portal",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.public_path.ReusedAnswerMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffMfaRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "core.context_processors.site",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL selects PostgreSQL (postgres://user:pass@host:5432/name). Without it, SQLite in
# the project folder, in WAL mode with IMMEDIATE transactions so that concurrent writers queue
# instead of failing with "database is locked" halfway through a transaction.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# PostgreSQL connections persist (600 s) and are checked (a `SELECT 1`) at their first use in each
# request, so that a connection the server dropped (restart, failover) is replaced before the
# request uses it instead of failing it. The check is one more round trip: on the 2-core bench
# host (2026-12-06, in process, warm) it cost 1.5 ms of the floor view's 6 ms (one indexed
# query) and 0.6 ms of a number look-up's 4.9 ms. PEKSOS_PG_HEALTH_CHECKS=0 takes that trade for
# a site whose database restarts rarely: one failed request per server thread after a restart.
# Django's psycopg pool (OPTIONS "pool") was measured too and not kept: it skips the check but
# was no faster than these connections without it (floor 4.8 / look-up 4.4 ms against 4.5 / 4.3),
# and it needs psycopg_pool, which is not in requirements.lock.
PG_HEALTH_CHECKS = env_bool("PEKSOS_PG_HEALTH_CHECKS", True)
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=PG_HEALTH_CHECKS)}
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
else:
    SQLITE_MMAP_MB = env_int("SQLITE_MMAP_MB", 2048)
    if SQLITE_MMAP_MB < 0:
        raise ImproperlyConfigured(f"SQLITE_MMAP_MB must be zero (off) or more; got {SQLITE_MMAP_MB}.")
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # Opening a SQLite connection and running its PRAGMAs cost more than a public look-up
            # itself; each server thread keeps its own connection.
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                # mmap: pages are read from the kernel's page cache, shared by every worker process,
                # instead of copied into each connection's own 2 MB cache (the name search at a
                # million people: a third more requests a second). SQLite caps it at 2 GB.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                f"PRAGMA mmap_size={SQLITE_MMAP_MB * 1024 * 1024};",
            },
        }
    }
# A read replica is configuration, not code: set DATABASE_REPLICA_URL and reads go there.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=600, conn_health_checks=PG_HEALTH_CHECKS)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["core.routers.PrimaryReplicaRouter"]
if env_bool("PEKSOS_PG_PREPARED", True):
    # Server-side parameters and prepared statements: PostgreSQL plans the queries a connection
    # runs again and again (the public look-ups') once instead of on every request; planning cost
    # more than running them. Off (PEKSOS_PG_PREPARED=0) behind a pooler that hands one client's
    # statements to another server connection (pgbouncer in transaction mode before 1.21).
    for _database in DATABASES.values():
        if _database["ENGINE"] == "django.db.backends.postgresql":
            _database.setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 5})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Backups write timestamps whole (core/serializers/exact_json.py).
SERIALIZATION_MODULES = {"exact_json": "core.serializers.exact_json"}

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # While Redis is down the site keeps serving: the cache answers as an empty one and the public
    # rate limits fail open (core/cache.py; `make faults`, scenario 3).
    from core.cache import redis_caches

    CACHES = redis_caches(REDIS_URL)
else:
    # Room for the reused public pages and the per-address rate-limit counters of one worker
    # (the default of 300 entries would evict them faster than they are reused).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "peksos",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# --- Accounts and authentication ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Peksos] "
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip,10/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Peksos"
# A code typed as its 30-second step ends still counts for one step more (RFC 6238, 5.2): without
# it a person (or a slow link) crossing the boundary is told "wrong code" for the code they saw.
MFA_TOTP_TOLERANCE = 1
# Every staff role must use a second factor (accounts.middleware enforces it).
PEKSOS_STAFF_MFA_REQUIRED = env_bool("PEKSOS_STAFF_MFA_REQUIRED", True)

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address", "user_agent"]]
AXES_USERNAME_CALLABLE = "accounts.lockout.username_from_login"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# How many reverse proxies (nginx, a load balancer) stand in front of the application, each adding
# the address it saw to X-Forwarded-For. 0: the visitor's address is REMOTE_ADDR. Rate limits,
# lockouts and the audit trail all read it through core.addresses.client_address.
PEKSOS_PROXY_COUNT = env_int("PEKSOS_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "core.addresses.client_address"
ALLAUTH_TRUSTED_PROXY_COUNT = PEKSOS_PROXY_COUNT
# Member-number look-ups per visitor address (core/harvesting.py), besides the register's request
# limit: numbers of the same series at most GAP from one the address looked up shortly before, and
# numbers nobody holds. Past either, the address gets no number look-up until the window ends.
PEKSOS_NUMBER_LOOKUP_NEARBY = os.environ.get("PEKSOS_NUMBER_LOOKUP_NEARBY", "10/h")
PEKSOS_NUMBER_LOOKUP_NEARBY_GAP = env_int("PEKSOS_NUMBER_LOOKUP_NEARBY_GAP", 3)
PEKSOS_NUMBER_LOOKUP_MISSES = os.environ.get("PEKSOS_NUMBER_LOOKUP_MISSES", "20/h")
for _name in ("PEKSOS_NUMBER_LOOKUP_NEARBY", "PEKSOS_NUMBER_LOOKUP_MISSES"):
    if not re.fullmatch(r"[1-9]\d*/[smhd]", globals()[_name]):
        raise ImproperlyConfigured(f"{_name} reads like 10/h (a count, then s, m, h or d).")

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    # Uploaded documents are private: kept outside any web root and served only by views that
    # check the viewer's role and scope (core.files.serve_private). There is no MEDIA_URL.
    # PrivateStorage names every file by the kind its content shows, never by the uploader's name.
    "default": {"BACKEND": "core.files.PrivateStorage", "OPTIONS": {"location": VAR_DIR / "private", "base_url": None}},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "private"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
PEKSOS_UPLOAD_MAX_BYTES = env_int("PEKSOS_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Peksos <no-reply@peksos.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks -----------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# A task left "running" by a worker that died is queued again after this long (at once when the
# worker ran on the same machine and its process is gone), at most this many attempts in all.
PEKSOS_TASK_STALLED_MINUTES = env_int("PEKSOS_TASK_STALLED_MINUTES", 60)
PEKSOS_TASK_MAX_ATTEMPTS = env_int("PEKSOS_TASK_MAX_ATTEMPTS", 3)

# --- Security -------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# Strict CSP: no inline scripts or styles anywhere; every asset is vendored and served by us.
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

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Peksos ---------------------------------------------------------------------------------
# Retention periods (UU 27/2022): how long records are kept after they end, in days.
PEKSOS_RETENTION_DAYS = {
    "audit_events": env_int("PEKSOS_RETENTION_AUDIT_DAYS", 365 * 5),
    "rejected_applications": env_int("PEKSOS_RETENTION_REJECTED_DAYS", 365 * 2),
    "export_files": env_int("PEKSOS_RETENTION_EXPORT_DAYS", 7),
}
PEKSOS_DEMO = env_bool("PEKSOS_DEMO", DEBUG)
# Webhooks go to https addresses only; the demo may also post to this machine over plain http
# (http://127.0.0.1, http://localhost, http://[::1]), so a local test receiver can take its alerts.
PEKSOS_WEBHOOK_LOOPBACK_HTTP = env_bool("PEKSOS_WEBHOOK_LOOPBACK_HTTP", PEKSOS_DEMO)
# Scheduled reminders: days before a certificate, STR, licence or accreditation ends.
try:
    PEKSOS_REMINDER_DAYS = tuple(sorted({int(d) for d in env_list("PEKSOS_REMINDER_DAYS", ["90", "30", "7"])}, reverse=True))
except ValueError:
    raise ImproperlyConfigured("PEKSOS_REMINDER_DAYS must be whole numbers separated by commas, e.g. 90,30,7.") from None
# How many days before its end the member card of an active, paid-up member is renewed by the
# nightly run (the DPP's setting; the new card starts the day after the old one ends).
PEKSOS_CARD_RENEWAL_DAYS = env_int("PEKSOS_CARD_RENEWAL_DAYS", 30)
# How long before an accreditation ends the Dinas Sosial is told to prepare re-accreditation.
# Permensos 8/2025 sets no lead time: six months is BALKS's setting until it decides otherwise.
PEKSOS_REACCREDITATION_NOTICE_DAYS = env_int("PEKSOS_REACCREDITATION_NOTICE_DAYS", 180)
# Dashboard figures are recounted at most this often (seconds); the page says as of when.
PEKSOS_DASHBOARD_SECONDS = env_int("PEKSOS_DASHBOARD_SECONDS", 300)
