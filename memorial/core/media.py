"""Media files: written without leaving a partial file, served from local disk inert.

Every file in media storage was re-encoded by the photo pipeline, but the
headers still say: this is an image, never a page, never a script. In a large
deployment media comes from object storage or a separate origin instead (see
the README); this view is for a single machine.
"""

import contextlib

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


class MediaNotStored(OSError):
    """Media storage refused a file: the disk is full, or the folder is read-only or missing."""

    def __init__(self, name, error):
        super().__init__(error.errno, f"{name} could not be stored: {error.strerror or error}")
        self.name = name

    def __str__(self):
        return self.strerror


def store_file(storage, name, content, max_length=None):
    """Save `content` as `name` (or a free variant of it) and return the name it got.

    When the write fails part way (a full disk, a read-only or missing folder,
    or the content failing as it is read), the partly written file is removed,
    so a failed write leaves nothing behind (Django's own `save()` leaves it);
    a storage failure is raised as `MediaNotStored`.
    """
    name = storage.get_available_name(name, max_length=max_length)
    try:
        return storage.save(name, content, max_length=max_length)
    except BaseException as error:
        with contextlib.suppress(OSError):
            if storage.exists(name):
                storage.delete(name)
        if isinstance(error, OSError):
            raise MediaNotStored(name, error) from error
        raise
