"""The request size limit: a body larger than any honest form is refused unread."""

from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _


class RequestSizeLimitMiddleware:
    """Answer 413 to a request whose declared body exceeds MEMORIAL_MAX_REQUEST_BYTES.

    Django's own limits cover form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) and the
    number of fields and files, but not the size of uploaded files. WSGI servers
    hand Django a body only up to its Content-Length, so checking that header
    bounds every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MEMORIAL_MAX_REQUEST_BYTES:
            response = HttpResponse(
                _("The request is too large."), status=413, content_type="text/plain; charset=utf-8"
            )
            if request.path.startswith(reverse("admin:index")):
                # A curator's form: the refusal in the workroom's look, saying what to do.
                # No request context: sessions and users are not read for a refused body.
                message = _(
                    "This form, with its files, is larger than the %(limit)s MB one form "
                    "may send, so nothing was saved."
                ) % {"limit": settings.MEMORIAL_MAX_REQUEST_BYTES // (1024 * 1024)}
                context = {
                    "title": _("This form could not be saved"),
                    "message": message,
                    "site_header": admin.site.site_header,
                    "site_title": admin.site.site_title,
                }
                response = HttpResponse(
                    loader.render_to_string("admin/request_too_large.html", context), status=413
                )
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
