"""
The memorial's one settings module, driven by the environment.

Every variable is listed in `.env.example`. With nothing set, the site runs in
development mode on a SQLite file under `var/`.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    env.read_env(env_file)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Development needs no secret; production must provide one.
if DEBUG:
    SECRET_KEY = env(
        "DJANGO_SECRET_KEY", default="insecure-development-key-never-used-in-production"
    )
else:
    SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

VAR_DIR = Path(env("MEMORIAL_VAR_DIR", default=str(BASE_DIR / "var")))

# Applications

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so it can patch model admins
    "memorial.curation.apps.MemorialAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "simple_history",
    "axes",
    "csp",
    "import_export",
    "django_prose_editor",
    "memorial.core",
    "memorial.sources",
    "memorial.events",
    "memorial.figures",
    "memorial.imaging",
    "memorial.photos",
    "memorial.articles",
    "memorial.commemorations",
    "memorial.people",
    "memorial.submissions",
    "memorial.opendata",
    "memorial.pages",
    "memorial.search",
    "memorial.curation",
    "memorial.web",
]

MIDDLEWARE = [
    "memorial.web.observability.RequestIdMiddleware",
    # Refuses an oversized body before anything reads it.
    "memorial.web.limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A hit is answered here, with the headers the middleware below gave the
    # page when it was rendered (policies, Cache-Control, ETag) stored with it.
    "memorial.web.cache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "memorial.web.cache.CacheHeadersMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view reads an admin form: data over the limits gets a page that says so.
    "memorial.curation.middleware.AdminFormLimitsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of authentication.
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
                "memorial.web.context_processors.site",
            ],
        },
    },
]

# Database: a SQLite file unless DATABASE_URL says otherwise.

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'memorial.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers and one writer work at once; the busy timeout and
    # IMMEDIATE transactions make a second writer wait instead of failing
    # with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Connections are kept between requests and checked before reuse, so a
# restarted database or a killed idle connection costs no request.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Authentication

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Checked by the admin's user forms and by createsuperuser (not by create_user).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "memorial.curation.passwords.MemorialNameValidator"},
]
LOGIN_URL = "admin:login"
# Where signing in leads when ?next= is missing or points off the site.
LOGIN_REDIRECT_URL = "admin:index"

# Failed logins: lock the username for this address after five failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
# The client's address. With no trusted proxy it is REMOTE_ADDR and
# X-Forwarded-For is never read. Behind N proxies, each appending the address
# it was reached from, it is the Nth address from the right of
# X-Forwarded-For: the one the outermost proxy saw. Whatever a client wrote
# to the left of it is ignored (django-ipware counts the proxies listed in
# the header, so the outermost one, known by REMOTE_ADDR, is not counted).
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1 if TRUSTED_PROXY_COUNT else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR"] if TRUSTED_PROXY_COUNT else ["REMOTE_ADDR"]
)
# A forged chain holds addresses of the client's choosing, even ones that are
# not addresses at all; they are skipped, not a reason to distrust the
# address the proxy added after them.
IPWARE_STRICT = False

# Internationalisation: English is the source language; Azerbaijani and
# Russian are full translations.

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("az", _("Azerbaijani")),
    ("en", _("English")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "memorial" / "locale"]
TIME_ZONE = env("TIME_ZONE", default="Asia/Baku")
USE_I18N = True
USE_TZ = True
# 20 January 1990, 20 yanvar 1990, 20 января 1990 (memorial/formats/).
FORMAT_MODULE_PATH = ["memorial.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("az", "en", "ru")
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("en",),
    "en": ("az", "ru"),
    "az": ("en", "ru"),
    "ru": ("en", "az"),
}

# Static files and uploads

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "memorial" / "static"]
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = env("DJANGO_MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_S3_BUCKET = env("DJANGO_MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    # S3-compatible object storage (pip install -e ".[s3]"); credentials come from
    # the standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables.
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env("DJANGO_MEDIA_S3_ENDPOINT_URL", default=None),
            "custom_domain": env("DJANGO_MEDIA_S3_CUSTOM_DOMAIN", default=None),
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Local-disk media is served by the app unless a proxy or another origin does it.
MEMORIAL_SERVE_MEDIA = env.bool("MEMORIAL_SERVE_MEDIA", default=not MEDIA_S3_BUCKET)
# Files sent by visitors: on a disk of their own, outside the media folder, never
# served to the public; staff read them through the admin.
SUBMISSIONS_ROOT = Path(env("MEMORIAL_SUBMISSIONS_ROOT", default=str(VAR_DIR / "submissions")))
STORAGES = {
    "default": MEDIA_STORAGE,
    "submissions": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": SUBMISSIONS_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": env(
            "DJANGO_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# Request limits. A photo may be up to 25 MB (memorial.imaging.images); a whole
# request may carry one such file plus its form, and is refused with 413 above
# that before anything reads it. Form data fits the longest article: its body at
# the 300,000 characters a rich text may hold (memorial.core.html), in all three
# languages, Cyrillic included, which a browser sends as six bytes a letter.
MEMORIAL_MAX_REQUEST_BYTES = env.int("MEMORIAL_MAX_REQUEST_BYTES", default=27 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Cache: Redis when REDIS_URL is set, process memory otherwise.

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Several sites (or test runs) may share one Redis.
            "KEY_PREFIX": env("REDIS_KEY_PREFIX", default="memorial"),
            # A Redis that does not answer costs a request half a second at most.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    # {% cache %} fragments render afresh, never fail, when Redis does.
    CACHES["template_fragments"] = {
        **CACHES["default"],
        "OPTIONS": {**CACHES["default"]["OPTIONS"], "IGNORE_EXCEPTIONS": True},
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The site's header and footer, the same on every page of a language until the
# code changes: each process keeps them rendered in its own memory.
CACHES["chrome"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "chrome",
}

# Anonymous pages are cached until content changes (see memorial/web/cache.py).
MEMORIAL_PAGE_CACHE_SECONDS = env.int("MEMORIAL_PAGE_CACHE_SECONDS", default=600)
# How long a request waits for the same page that another request is rendering
# (after a change) before rendering it too; 0 never waits.
MEMORIAL_PAGE_CACHE_WAIT_SECONDS = env.float("MEMORIAL_PAGE_CACHE_WAIT_SECONDS", default=3.0)
# After the cache fails, how long a process renders pages without asking it again.
MEMORIAL_CACHE_RETRY_SECONDS = env.float("MEMORIAL_CACHE_RETRY_SECONDS", default=5.0)
# How long a CDN or other shared cache may keep a public page before revalidating.
MEMORIAL_CDN_CACHE_SECONDS = env.int("MEMORIAL_CDN_CACHE_SECONDS", default=30)
MEMORIAL_UNCACHED_PREFIXES = ("/admin/", "/health/", "/i18n/")
# The long lists of pages (home, timeline, toll, bibliography) are kept rendered
# in the cache under the content version, for pages the page cache has not kept.
MEMORIAL_FRAGMENT_CACHE_SECONDS = env.int("MEMORIAL_FRAGMENT_CACHE_SECONDS", default=600)

# Security


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# Images come from this site, or from the media origin when media lives elsewhere.
MEDIA_ORIGINS = sorted(
    {
        origin
        for origin in (
            _origin(MEDIA_URL),
            _origin(MEDIA_STORAGE.get("OPTIONS", {}).get("endpoint_url") or ""),
            _origin(f"https://{MEDIA_STORAGE.get('OPTIONS', {}).get('custom_domain')}")
            if MEDIA_STORAGE.get("OPTIONS", {}).get("custom_domain")
            else None,
        )
        if origin
    }
)
# Pages are cached whole, so the policy uses no per-request nonce: the site has
# no inline script or style at all (JSON-LD data blocks are never executed).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# Every powerful feature the memorial does not use is switched off.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
if HTTPS:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Consent to the browsers' preload list; includeSubDomains already binds every subdomain.
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

# Logging: one JSON object per line on standard error, each with the request id.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "memorial.web.observability.RequestIdFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("DJANGO_LOG_FORMAT", default="json"),
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# The memorial

MEMORIAL_SITE_NAME = _("Black January Memorial")
MEMORIAL_CONTACT_EMAIL = env("MEMORIAL_CONTACT_EMAIL", default="corrections@example.org")

# Email: the console in development, SMTP in production through one URL
# (smtp+tls://user:password@smtp.example.org:587).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_HOST = EMAIL_CONFIG.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = EMAIL_CONFIG.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = EMAIL_CONFIG.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = EMAIL_CONFIG.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = EMAIL_CONFIG.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = EMAIL_CONFIG.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default=MEMORIAL_CONTACT_EMAIL)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# What visitors send (memorial/submissions): at most this many a client address
# an hour, a form sent sooner than this many seconds after it was shown is
# refused, and the sender's contact details are erased this many days after
# the submission is closed (`purge_submission_contacts`, run daily).
MEMORIAL_SUBMISSIONS_PER_HOUR = env.int("MEMORIAL_SUBMISSIONS_PER_HOUR", default=5)
MEMORIAL_SUBMISSION_MIN_SECONDS = env.int("MEMORIAL_SUBMISSION_MIN_SECONDS", default=5)
MEMORIAL_SUBMISSION_MAX_AGE_HOURS = env.int("MEMORIAL_SUBMISSION_MAX_AGE_HOURS", default=24)
MEMORIAL_SUBMISSION_CONTACT_DAYS = env.int("MEMORIAL_SUBMISSION_CONTACT_DAYS", default=90)
MEMORIAL_FIXTURES_DIR = BASE_DIR / "fixtures"
