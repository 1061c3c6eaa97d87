"""Request ids in every log line, and a health endpoint for load balancers."""

import contextvars
import logging
import re
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

request_id_var = contextvars.ContextVar("request_id", default="-")
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
HEALTH_KEY = "health-check"


class RequestIdMiddleware:
    """Take the proxy's X-Request-ID when it is sane, or make one; echo it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        # django.request logs a failed response after the middleware has
        # finished, but passes the request along with the record.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "id", None) or request_id_var.get()
        return True


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "down"
        logging.getLogger("memorial.health").warning("database check failed", exc_info=True)
        return False
    return True


def _cache_answers():
    """Whether the cache stores and reads a value (a full Redis refuses to store)."""
    try:
        cache.set(HEALTH_KEY, "ok", timeout=10)
        return cache.get(HEALTH_KEY) == "ok"
    except Exception:  # any cache failure means "down"
        logging.getLogger("memorial.health").warning("cache check failed", exc_info=True)
        return False


@never_cache
@require_safe
def health(request):
    """The database and the cache, each "up" or "down". Never cached.

    503 when the database is down: this server cannot answer, take it out. 200
    when only the cache is down: pages are rendered without it, slower but right,
    so keep sending traffic ("status": "degraded" says so).
    """
    database = _database_answers()
    cache_up = _cache_answers()
    status = ("ok" if cache_up else "degraded") if database else "unavailable"
    return JsonResponse(
        {
            "status": status,
            "database": "up" if database else "down",
            "cache": "up" if cache_up else "down",
        },
        status=200 if database else 503,
    )
