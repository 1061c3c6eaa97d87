"""A form too large to take is answered in the workroom's own look, saying what to do."""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

TEMPLATE = "admin/request_too_large.html"


def too_large_response(request, message, status, context=None):
    """The refusal as a page of the workroom; `context` adds the admin site's own."""
    response = TemplateResponse(
        request,
        TEMPLATE,
        {**(context or {}), "title": _("This form could not be saved"), "message": message},
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response.render()


class AdminFormLimitsMiddleware:
    """Reads an admin form's data before anything else does, so that data over Django's
    limits (DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS and _FILES) is
    refused with a page saying so, in debug mode too, instead of a bare error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path.startswith(reverse("admin:index")):
            try:
                request.POST  # noqa: B018 (parsing is what may fail)
            except RequestDataTooBig:
                message = _(
                    "The text of this form is larger than the %(limit)s one form may "
                    "send, so nothing was saved."
                ) % {"limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
                return self._refuse(request, message, 413)
            except (TooManyFieldsSent, TooManyFilesSent):
                message = _(
                    "This form sends more fields or files than one form may (%(fields)s "
                    "fields, %(files)s files), so nothing was saved."
                ) % {
                    "fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
                    "files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
                }
                return self._refuse(request, message, 400)
        return self.get_response(request)

    def _refuse(self, request, message, status):
        # Nothing of the body can be read again: the form is answered here.
        request._post, request._files = {}, {}
        return too_large_response(request, message, status, admin.site.each_context(request))
