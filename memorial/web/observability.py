"""Request ids in every log line, and a health endpoint for load balancers."""

import contextvars
import logging
import re
import uuid

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

request_id_var = contextvars.ContextVar("request_id", default="-")
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


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


@never_cache
@require_safe
def health(request):
    """200 when the database answers, 503 when it does not. Never cached."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        logging.getLogger("memorial.health").warning("database check failed", exc_info=True)
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})
