"""Abuse controls that need no third party: a honeypot, a minimum time to fill
the form, and a per-address limit kept in the shared cache.

The CSP allows no other host, so there is no external CAPTCHA. A robot that
fills every field fills the honeypot; one that posts at once is refused by the
signed time the form was shown; one that posts again and again from one
address is stopped by the limit before its post is even read past the
counter: a refused post costs one round trip to the cache.
"""

import hashlib
import logging
import time

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core import signing
from django.core.cache import cache

logger = logging.getLogger("memorial.submissions")

SALT = "memorial.submissions.form-shown"
#: Every post an address makes counts; the ceiling is this many times the limit of
#: stored submissions, so a visitor correcting a field error is not locked out.
ATTEMPTS_PER_SUBMISSION = 3
WINDOW_SECONDS = 3600


def shown_token():
    """A signed stamp of when the form was shown, carried by the form itself."""
    return signing.dumps(time.time(), salt=SALT)


def seconds_since_shown(token):
    """Seconds since the form carrying `token` was shown, or None for a token not ours."""
    try:
        shown = signing.loads(token, salt=SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(shown, int | float):
        return None
    return time.time() - shown


def _key(kind, request):
    address = get_client_ip_address(request) or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    window = int(time.time() // WINDOW_SECONDS)
    return f"submissions:{kind}:{digest}:{window}"


def _count(key):
    """Add one to the counter under `key` (made with the window's lifetime) and return it.

    None when the cache fails: the other controls still stand, and a visitor is
    never refused because Redis is away.
    """
    try:
        cache.add(key, 0, WINDOW_SECONDS + 60)
        return cache.incr(key)
    except Exception:  # noqa: BLE001 - a cache outage must not refuse a family's letter
        logger.warning("submission limit not counted: the cache failed", exc_info=True)
        return None


def _read(key):
    try:
        return cache.get(key, 0)
    except Exception:  # noqa: BLE001
        logger.warning("submission limit not read: the cache failed", exc_info=True)
        return 0


def attempt_allowed(request):
    """Count a post from the request's address; False once it made too many this hour."""
    limit = settings.MEMORIAL_SUBMISSIONS_PER_HOUR
    if _read(_key("stored", request)) >= limit:
        return False
    attempts = _count(_key("posts", request))
    return attempts is None or attempts <= limit * ATTEMPTS_PER_SUBMISSION


def count_stored(request):
    """Count a submission stored for the request's address."""
    _count(_key("stored", request))
