"""Error pages that need no database: a 500 that cannot fail, a calm 503 in an outage."""

import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

RETRY_AFTER_SECONDS = 30


def _render(template_name, request):
    # No request context: context processors may touch the database.
    context = {
        "SITE_NAME": settings.MEMORIAL_SITE_NAME,
        "request_id": getattr(request, "id", ""),
    }
    return loader.get_template(template_name).render(context)


@requires_csrf_token
def server_error(request):
    """handler500: a database outage becomes 503 with Retry-After; anything else a 500."""
    error = sys.exc_info()[1]
    if isinstance(error, (DatabaseError, InterfaceError)):
        response = HttpResponse(_render("503.html", request), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = HttpResponseServerError(_render("500.html", request))
    response["Cache-Control"] = "no-store"
    return response
