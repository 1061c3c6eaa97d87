"""The site's URLs plus /bench/minimal/, the baseline for bench/load.py (never in production)."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from config.urls import handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


@never_cache
def minimal(request):
    """A Django view doing no work, through the site's full middleware stack."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal, name="bench-minimal"), *site_urlpatterns]
