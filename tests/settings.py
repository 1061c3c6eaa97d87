"""Settings for the test suite: the project's own, with test-only overrides.

DATABASE_URL still chooses the database, so the same suite runs on SQLite
(the default) and on PostgreSQL.
"""

import os
import tempfile

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("DJANGO_HTTPS", "false")
os.environ.setdefault("MEMORIAL_VAR_DIR", tempfile.mkdtemp(prefix="memorial-test-var-"))

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    # Tests never depend on collectstatic.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="memorial-test-media-")
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
AXES_ENABLED = True
# Off by default so that a test sees its own writes at once; the cache tests turn it on.
MEMORIAL_PAGE_CACHE_SECONDS = 0
MEMORIAL_FRAGMENT_CACHE_SECONDS = 0
