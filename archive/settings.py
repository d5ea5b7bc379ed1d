"""Settings for the annotated-corpus archive.

Everything that differs between a laptop and production comes from the
environment: DEBUG, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

import os
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from archive.deployment import caches, environment, security

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    """Read a boolean strictly: 'DEBUG=maybe' is an error, never truthy."""
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use true or false)")


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "true")

# With DEBUG off, a missing or weak key (under 50 characters, a handful of them) is refused.
SECRET_KEY = security.secret_key(os.environ, DEBUG)

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "corsheaders",
    "csp",
    # Counts failed logins per user and address, and locks out after AXES_FAILURE_LIMIT.
    "axes",
    "taggit",
    "simple_history",
    "corpus",
    "archive",
    # The benchmark's own command, `manage.py synthesize` (bench/synthetic/); no models.
    "bench",
]

MIDDLEWARE = [
    # First: forgets an untrusted X-Forwarded-Proto, refuses NUL and over-long values (a 400
    # for every URL, the admin included), and frames nothing, static files included.
    "archive.deployment.guards.RefuseUnusableInput",
    "django.middleware.security.SecurityMiddleware",
    # Above whitenoise, so that static files carry the policy too.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware, so its redirects carry the CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records which editor made each change in the history (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: answers a locked-out login with templates/axes/locked_out.html.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user and address is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (README "Accounts and login"): after this many failures for one username
# from one address, that pair is locked out for AXES_COOLOFF_HOURS or until an admin resets it
# (the admin's "Access attempts", or `manage.py axes_reset`).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/locked_out.html"
# Behind TRUSTED_PROXIES the client's address is the one nginx saw (X-Forwarded-For).
TRUSTED_PROXIES = security.trusted_proxies(os.environ)
AXES_CLIENT_IP_CALLABLE = "archive.deployment.guards.client_address"

ROOT_URLCONF = "archive.urls"

# The public pages are Jinja2 templates under jinja2/ (archive/jinja2.py); the admin's are
# Django templates under templates/. Jinja2 is asked first and finds only public pages.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "archive.jinja2.environment"},
    },
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

WSGI_APPLICATION = "archive.wsgi.application"

# PostgreSQL only. DATABASE_URL points at any external server (PostgreSQL 15+);
# without it the embedded PostgreSQL under var/ starts on demand. ARCHIVE_DB_NAME picks
# another database on the embedded server: the benchmark's 100k-article corpus lives in
# "archive_bench", apart from the development data.
# DATABASE_REPLICA_URLS adds read replicas, DATABASE_CONN_MAX_AGE and DATABASE_POOLER tune
# every connection (archive/deployment/environment.py; docs/PERFORMANCE.md).


def _embedded_database() -> dict:
    from archive.deployment import embedded_db

    # EMBEDDED_POSTGRES_DIR puts the server elsewhere (a test's own server, to kill it).
    where = os.environ.get("EMBEDDED_POSTGRES_DIR") or BASE_DIR / "var" / "postgres"
    return embedded_db.start(Path(where), os.environ.get("ARCHIVE_DB_NAME", "archive"))


# A command's connections may run long statements; a web process's may not (environment.py).
PROCESS_ROLE = (
    "command" if Path(sys.argv[0]).name == "manage.py" and sys.argv[1:2] != ["runserver"] else "web"
)
DATABASES = environment.databases_from_env(
    os.environ, embedded=_embedded_database, role=PROCESS_ROLE
)
if environment.replica_aliases(DATABASES):
    # Public anonymous reads go to a replica; writes, the admin and fresh writers to the primary.
    DATABASE_ROUTERS = ["archive.deployment.routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "archive.deployment.routers.PinPrimaryMiddleware",
    )

# Parallel test runs on one server each need their own test database.
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# STATIC_HOST (a CDN pulling from this site) serves the hashed files; unset, the site does.
STATIC_URL = environment.static_url_from_env(os.environ)
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request without it
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

TAGGIT_CASE_INSENSITIVE = True

# Where the verbatim seed files and their curation live.
SEEDS_DIR = BASE_DIR / "seeds"

ARCHIVE_PAGE_SIZE = 20
# The archive's name where other systems show it: OAI-PMH, TEI, feeds.
ARCHIVE_NAME = "CSTO & Central Asian Security Archive"

# OAI-PMH (archive/harvesting/): who answers for the repository, the domain
# its record identifiers are minted under (unset: the host asked), records per page.
OAI_ADMIN_EMAILS = envlist("OAI_ADMIN_EMAILS", "archive@localhost")
OAI_REPOSITORY_IDENTIFIER = os.environ.get("OAI_REPOSITORY_IDENTIFIER", "")
OAI_PAGE_SIZE = 100
# Annotations in each page of an article's W3C AnnotationCollection.
WEB_ANNOTATION_PAGE_SIZE = 100

# CORS (django-cors-headers): any site may read the public pages, their JSON twins, the
# exports and the feeds with GET, without credentials; never the admin.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/(?!admin(/|$)).*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["Link", "ETag"]

# Anonymous readers' pages are kept until the data changes (archive/views/reader_cache.py), and
# at most this many seconds; 0 turns keeping off. CACHE_URL (or REDIS_URL) shares them between
# app servers through Redis; unset, each worker keeps its own, at most READER_CACHE_MAX_BYTES
# (archive/deployment/caches.py). A page over READER_CACHE_MAX_PAGE_BYTES is never kept.
READER_CACHE_SECONDS = int(os.environ.get("READER_CACHE_SECONDS", "600"))
READER_CACHE_MAX_PAGE_BYTES = int(os.environ.get("READER_CACHE_MAX_PAGE_BYTES", 2 * 1024 * 1024))
CACHES = caches.caches_from_env(os.environ)
# Part of every kept page's key: RELEASE from the environment, else the git commit.
RELEASE = environment.release_from_env(os.environ, BASE_DIR)

# Security headers (README "Security headers"). HTTPS settings from the environment, all on
# with DEBUG off: SECURE_SSL_REDIRECT, SECURE_HSTS_*, SECURE_COOKIES.
globals().update(security.transport(os.environ, DEBUG, envbool))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No page uses the camera, the microphone, geolocation or payments (guards.py sends it).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
# X-Forwarded-Proto is believed only from TRUSTED_PROXIES (guards.py drops anyone else's).
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = security.content_security_policy(STATIC_URL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
