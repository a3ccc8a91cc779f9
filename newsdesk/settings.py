"""Settings for Newsdesk, read from the environment.

With no environment at all the settings are safe to serve: DEBUG off, and a
random secret key made on first start and kept in a file outside git
(DJANGO_SECRET_KEY_FILE), so commands work on a fresh checkout and sessions
survive restarts. `make run` turns DEBUG on for development; production sets
DJANGO_ALLOWED_HOSTS and, with more than one web machine, one DJANGO_SECRET_KEY for all.
"""

import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.getenv(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def envint(name, default):
    value = os.getenv(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


def envfloat(name, default):
    value = os.getenv(name, default)
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, got {value!r}") from None


def envlist(name, default):
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


def local_secret_key(path):
    """The secret key kept in `path`, made (random, readable by its owner only) when the file does not exist.

    Written to a temporary file and linked into place, so processes starting
    together (gunicorn's workers) all read the one key that won, never half a file.
    """
    try:
        return _read_secret_key(path)
    except FileNotFoundError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret-key-")  # mode 0600
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(50) + "\n")
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        finally:
            os.unlink(temporary)
        return _read_secret_key(path)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"No DJANGO_SECRET_KEY, and the secret key file {path} cannot be made ({exc.strerror or exc}): "
            "set DJANGO_SECRET_KEY, or DJANGO_SECRET_KEY_FILE to a writable place"
        ) from None


def _read_secret_key(path):
    key = path.read_text().strip()
    if len(key) < 50:
        raise ImproperlyConfigured(f"The secret key in {path} is shorter than 50 characters: delete the file")
    return key


DEBUG = envbool("DJANGO_DEBUG", "0")

SECRET_KEY = os.getenv("DJANGO_SECRET_KEY", "") or local_secret_key(
    Path(os.getenv("DJANGO_SECRET_KEY_FILE") or BASE_DIR / ".secret-key")
)

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

INSTALLED_APPS = [
    "newsdesk.admin_site.NewsdeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "csp",
    "axes",
    "actors",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise so static responses carry the policy too.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads (and so stores) the uploaded files.
    "newsdesk.request_guards.RefuseOversizedBodies",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After the middleware that add headers, so its 400s carry them too.
    "newsdesk.request_guards.RefuseControlCharacters",
    # Last, as django-axes asks: it turns a lockout into the 429 response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"

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

WSGI_APPLICATION = "newsdesk.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Ingest writes while the web process reads; WAL keeps readers from
    # blocking on the writer and a timeout absorbs short write contention.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

# PostgreSQL's JIT compiled the exports' and searches' queries for longer than
# they then ran (3.4 s of compiling for a 1.5 s export query of 100,000 rows):
# the pages are many short queries, none gains from compiled expressions.
# Given as the connection's `options`, which libpq sends instead of the PGOPTIONS variable: PGOPTIONS is
# appended, so a read-only session asked for there (bench.exports) still is one.
POSTGRES_OPTIONS = {"options": " ".join(["-c jit=off", os.environ.get("PGOPTIONS", "")]).strip()}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), **POSTGRES_OPTIONS}

# A read replica of the primary: the analyst pages read coverage from it (newsdesk/routers.py).
if os.getenv("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=envint("DATABASE_CONN_MAX_AGE", "0")
    )
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["replica"]["OPTIONS"] = {**DATABASES["replica"].get("OPTIONS", {}), **POSTGRES_OPTIONS}
    # Tests see one database: the replica mirrors the primary instead of getting its own.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsdesk.routers.ReplicaRouter"]
    # Before django-axes, which must stay last.
    MIDDLEWARE.insert(MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "newsdesk.routers.ReplicaReadsMiddleware")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Distributed ingest (`ingest --queue`, `celery -A newsdesk worker`): pages travel
# through this broker with their bytes, so workers need only the database.
CELERY_BROKER_URL = os.getenv("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_IGNORE_RESULT = True
# A page is acknowledged once stored: a worker that dies mid-page leaves it to another.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker keeps its database connection for this many tasks: Celery otherwise closes it after each one,
# and a new PostgreSQL connection per page cost queued ingest a fifth of its speed (bench.ingest
# --queue-workers 2: 22.8 -> 28.6 pages/s). newsdesk.celery drops a connection that broke meanwhile.
CELERY_DB_REUSE_MAX = envint("CELERY_DB_REUSE_MAX", "100") or None
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands a page taken by a worker that died whole (killed, out of memory)
# to another worker once it has been unacknowledged this long. It must exceed
# the longest a page can take (extraction stops at 20 s, storing takes
# seconds) and the longest retry delay (articles.tasks.MAX_DELAY, 60 s), or a
# page still being worked on would be handed out twice. Abandoned pages are
# looked for every 10 s.
QUEUE_VISIBILITY_TIMEOUT = envint("CELERY_VISIBILITY_TIMEOUT", "300")
if QUEUE_VISIBILITY_TIMEOUT < 1:
    raise ImproperlyConfigured("CELERY_VISIBILITY_TIMEOUT must be at least 1 (seconds)")
# A page the database failed is retried after INGEST_RETRY_DELAY seconds,
# doubled at every try up to INGEST_RETRY_MAX_DELAY (articles.tasks).
INGEST_RETRY_DELAY = envfloat("INGEST_RETRY_DELAY", "5")
INGEST_RETRY_MAX_DELAY = envfloat("INGEST_RETRY_MAX_DELAY", "60")
if not 0 < INGEST_RETRY_DELAY <= INGEST_RETRY_MAX_DELAY < QUEUE_VISIBILITY_TIMEOUT / 2:
    raise ImproperlyConfigured(
        "INGEST_RETRY_DELAY and INGEST_RETRY_MAX_DELAY must be positive, in that order, and the longest delay"
        " under half of CELERY_VISIBILITY_TIMEOUT"
    )
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": QUEUE_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
}
# Task modules besides the apps' `tasks` (which the workers find themselves).
CELERY_IMPORTS = ["articles.tagging", "articles.saved_searches", "articles.upload_tasks"]
# `celery -A newsdesk beat` sends the saved searches' e-mail digests (as `manage.py send_digests` does).
# Each "schedule" holds the fields of a `celery.schedules.crontab`, which newsdesk/celery.py builds: the
# settings import no Celery, so commands that queue nothing start without it.
CELERY_BEAT_SCHEDULE = {
    "saved-search-digests": {
        "task": "articles.send_digests",
        "schedule": {"hour": envint("DJANGO_DIGEST_HOUR", "6"), "minute": 0},
    },
}
# The address analysts reach Newsdesk at, for links in e-mails (digests): "https://desk.example".
SITE_URL = os.getenv("DJANGO_SITE_URL", "").rstrip("/")

# Pages added from the browser (`/add/`, articles/uploads.py). A batch over either
# in-request limit goes to the Celery workers when DJANGO_UPLOAD_QUEUE is on (the
# default when CELERY_BROKER_URL is set: a broker is configured); without it the
# pages past the limit are listed as not stored. Zips past the caps are refused.
UPLOAD_QUEUE = envbool("DJANGO_UPLOAD_QUEUE", "1" if os.getenv("CELERY_BROKER_URL") else "0")
UPLOAD_IN_REQUEST_PAGES = envint("DJANGO_UPLOAD_IN_REQUEST_PAGES", "50")
UPLOAD_IN_REQUEST_BYTES = envint("DJANGO_UPLOAD_IN_REQUEST_MB", "20") * 1024 * 1024
# Under gunicorn's 30 s worker timeout: pages left when it is spent are listed as not stored.
UPLOAD_IN_REQUEST_SECONDS = envint("DJANGO_UPLOAD_IN_REQUEST_SECONDS", "20")
UPLOAD_ZIP_MAX_FILES = envint("DJANGO_UPLOAD_ZIP_MAX_FILES", "2000")
UPLOAD_ZIP_MAX_BYTES = envint("DJANGO_UPLOAD_ZIP_MAX_MB", "200") * 1024 * 1024
UPLOAD_ZIP_MAX_RATIO = 100
# The most one request may send (the files of one upload with its form): larger is refused unread.
UPLOAD_REQUEST_MAX_BYTES = envint("DJANGO_UPLOAD_REQUEST_MAX_MB", "250") * 1024 * 1024
if (
    min(
        UPLOAD_REQUEST_MAX_BYTES,
        UPLOAD_IN_REQUEST_PAGES,
        UPLOAD_IN_REQUEST_BYTES,
        UPLOAD_IN_REQUEST_SECONDS,
        UPLOAD_ZIP_MAX_FILES,
        UPLOAD_ZIP_MAX_BYTES,
    )
    < 1
):
    raise ImproperlyConfigured("the DJANGO_UPLOAD_* limits must be at least 1")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# AxesStandaloneBackend refuses locked-out logins before ModelBackend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login rate limit (django-axes): failures are counted per username and client
# address together, so one attacker cannot lock a colleague out from elsewhere.
AXES_FAILURE_LIMIT = envint("DJANGO_LOGIN_FAILURE_LIMIT", "5")
LOGIN_COOLOFF_MINUTES = envint("DJANGO_LOGIN_COOLOFF_MINUTES", "15")
if AXES_FAILURE_LIMIT < 1 or LOGIN_COOLOFF_MINUTES < 1:
    raise ImproperlyConfigured("DJANGO_LOGIN_FAILURE_LIMIT and DJANGO_LOGIN_COOLOFF_MINUTES must be at least 1")
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_COOLOFF_MESSAGE = (
    f"Too many failed logins for this username from your address. Try again in {LOGIN_COOLOFF_MINUTES} minutes."
)

# E-mail, for password resets and saved searches' digests. Off unless DJANGO_EMAIL_HOST is set:
# then the login page offers a reset and the reset page answers (articles/accounts.py); without it,
# digests go to the dummy backend (nothing is sent).
EMAIL_HOST = os.getenv("DJANGO_EMAIL_HOST", "")
EMAIL_ENABLED = bool(EMAIL_HOST)
if EMAIL_ENABLED:
    EMAIL_PORT = envint("DJANGO_EMAIL_PORT", "587")
    EMAIL_HOST_USER = os.getenv("DJANGO_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.getenv("DJANGO_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = envbool("DJANGO_EMAIL_USE_TLS", "1")
    EMAIL_TIMEOUT = 10
    DEFAULT_FROM_EMAIL = os.getenv("DJANGO_EMAIL_FROM", "") or f"newsdesk@{EMAIL_HOST}"
else:
    # Nothing tries an SMTP server nobody set up (Django's default is localhost:25).
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
# Reset requests per hour, counted per client address and per e-mail address.
PASSWORD_RESETS_PER_HOUR = envint("DJANGO_PASSWORD_RESETS_PER_HOUR", "5")
if PASSWORD_RESETS_PER_HOUR < 1:
    raise ImproperlyConfigured("DJANGO_PASSWORD_RESETS_PER_HOUR must be at least 1")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Git keeps no empty folders: a fresh clone has static/ only once it holds files,
# and a missing folder here is a warning in `check --deploy`.
STATICFILES_DIRS = [path for path in [BASE_DIR / "static"] if path.is_dir()]
STATIC_ROOT = Path(os.getenv("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed file names let WhiteNoise serve static files with
    # far-future cache headers; it needs `collectstatic`, so only off DEBUG.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Decided here, not when the middleware starts: the test runner turns DEBUG
# off later and would otherwise warn about a missing STATIC_ROOT.
WHITENOISE_AUTOREFRESH = DEBUG

# The desk's and actor pages' aggregates are cached (articles.views, actors.views)
# under keys that change with the data. Each process keeps its own memory cache
# unless DJANGO_CACHE_URL names a shared Redis (redis://host:6379/1): then an
# analyst's topic edit in one web process drops the cached figures of all.
CACHE_URL = os.getenv("DJANGO_CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Content-Security-Policy (django-csp): no inline script or style, nothing from
# other origins, never framed. The admin in Django 5.2 runs under it unchanged.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Error pages and reports hide connection URLs' passwords too (newsdesk/error_reports.py).
DEFAULT_EXCEPTION_REPORTER_FILTER = "newsdesk.error_reports.HideSecrets"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"feed_keys": {"()": "newsdesk.logfilters.RedactFeedKeys"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["feed_keys"]}},
    "root": {"handlers": ["console"], "level": os.getenv("DJANGO_LOG_LEVEL", "WARNING")},
}

CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", "")
for origin in CSRF_TRUSTED_ORIGINS:
    if not origin.startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"DJANGO_CSRF_TRUSTED_ORIGINS entries need a scheme (https://...), got {origin!r}")

if not DEBUG:
    # HTTPS settings default to what `check --deploy` asks for; each can be
    # turned off for a plain-HTTP setup such as `make serve` on localhost.
    SESSION_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", "1")
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", "1")
    SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", "31536000")
    if SECURE_HSTS_SECONDS < 0:
        raise ImproperlyConfigured(f"DJANGO_HSTS_SECONDS must not be negative, got {SECURE_HSTS_SECONDS}")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", "1")
    SECURE_HSTS_PRELOAD = envbool("DJANGO_HSTS_PRELOAD", "1")
    if envbool("DJANGO_BEHIND_HTTPS_PROXY", "0"):
        # Only behind a proxy that sets this header itself and strips it from
        # clients; otherwise anyone could claim their request came over HTTPS.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
