"""Serving uploaded media from local disk, with headers that make it inert.

Every file in media storage was re-encoded by the photo pipeline, but the
headers still say: this is an image, never a page, never a script. In a large
deployment media comes from object storage or a separate origin instead (see
the README); this view is for a single machine.
"""

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

MEDIA_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "public, max-age=31536000, immutable",
}


@require_safe
def serve_media(request, path):
    if path.startswith(".") or "/." in path:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    for name, value in MEDIA_HEADERS.items():
        response[name] = value
    return response
