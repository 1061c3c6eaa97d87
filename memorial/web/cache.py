"""The page cache for visitors, and its one rule of invalidation.

Every anonymous page is cached under a key that contains the *content
version*: a counter kept in the shared cache (Redis in production) and bumped
after any write to content commits. A curator's change therefore makes every
page fresh at once, in every app process. A page is also never kept past the
next scheduled publication time, so content set to appear at a future time
shows up then without any job running.

When a page is missing (after a change, every page is), the first request
renders it and the others asking for the same page at the same moment wait a
little for that rendering instead of repeating it: on 20 January a curator's
correction must not turn one busy page into hundreds of renderings at once.
Nobody is served an older page for it; the waiters get the fresh one.

Writes are seen through Django's model signals, the one mechanism that catches
saves, deletes and many-to-many changes from the admin, the loader and the
shell alike; `ContentQuerySet.update()`, which sends no model signal, sends
`content_updated` instead.
"""

import hashlib
import time
from time import sleep

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from memorial.core.models import PublishableModel, TimeStampedModel, content_updated

VERSION_KEY = "content-version"
RENDERING_KEY = "rendering:{key}"
#: States of a page's rendering key: being rendered, or not a page to keep.
CLAIMED, PASS = "rendering", "uncacheable"
#: How often a waiting request looks for the page another one is rendering.
POLL_SECONDS = 0.02
NEXT_PUBLICATION_KEY = "next-publication:{version}"
CACHED_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh cache starts from the clock, so it never reuses old page keys.
        version = int(time.time() * 1000)
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(time.time() * 1000), timeout=None)


def bump_after_commit(**kwargs):
    transaction.on_commit(bump_content_version)


def content_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, TimeStampedModel) and model._meta.app_label != "core"
    ]


def connect_signals():
    content_updated.connect(bump_after_commit, dispatch_uid="cache-update")
    for model in content_models():
        post_save.connect(bump_after_commit, sender=model, dispatch_uid=f"cache-save-{model}")
        post_delete.connect(bump_after_commit, sender=model, dispatch_uid=f"cache-del-{model}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                bump_after_commit,
                sender=field.remote_field.through,
                dispatch_uid=f"cache-m2m-{field.remote_field.through}",
            )


def seconds_until_next_publication(version):
    """Seconds until the earliest scheduled publication, or None (cached per version)."""
    key = NEXT_PUBLICATION_KEY.format(version=version)
    cached = cache.get(key)
    now = timezone.now()
    if cached is None:
        upcoming = [
            model.objects.filter(is_published=True, published_at__gt=now).aggregate(
                next=Min("published_at")
            )["next"]
            for model in content_models()
            if issubclass(model, PublishableModel)
        ]
        upcoming = [moment for moment in upcoming if moment is not None]
        cached = min(upcoming).timestamp() if upcoming else 0
        cache.set(key, cached, timeout=settings.MEMORIAL_PAGE_CACHE_SECONDS)
    if not cached:
        return None
    return max(0, cached - now.timestamp())


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "preview" not in request.GET
        and not request.path.startswith(settings.MEMORIAL_UNCACHED_PREFIXES)
    )


def _page_key(request, version):
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{version}:{digest}"


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD pages from the cache; never cache anything personal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.MEMORIAL_PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        version = content_version()
        key = _page_key(request, version)
        rendering = RENDERING_KEY.format(key=key)
        found = cache.get_many([key, rendering])
        hit, state = found.get(key), found.get(rendering)
        wait = settings.MEMORIAL_PAGE_CACHE_WAIT_SECONDS
        claimed = False
        if hit is None and wait > 0 and state != PASS:
            claimed = state is None and cache.add(rendering, CLAIMED, timeout=int(wait) + 30)
            if not claimed:
                hit = self._wait_for(key, rendering, wait)
        if hit is not None:
            content, status, headers = hit
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response, stored = None, False
        try:
            response = self.get_response(request)
            if self._storable(response):
                timeout = settings.MEMORIAL_PAGE_CACHE_SECONDS
                until = seconds_until_next_publication(version)
                if until is not None:
                    timeout = min(timeout, int(until))
                headers = {
                    name: response[name] for name in CACHED_HEADERS if response.has_header(name)
                }
                if timeout > 0:
                    cache.set(key, (response.content, response.status_code, headers), timeout)
                    stored = True
                response["X-Page-Cache"] = "miss"
        finally:
            if claimed and response is not None and not stored and response.status_code < 500:
                # Not a page to keep (a 404, a personal answer): say so until the
                # next change, so that later requests neither wait nor claim it.
                cache.set(rendering, PASS, timeout=settings.MEMORIAL_PAGE_CACHE_SECONDS)
            elif claimed:
                # Stored, or failed (an error, the database away): the next
                # request may claim the page again.
                cache.delete(rendering)
        return response

    @staticmethod
    def _wait_for(key, rendering, wait):
        """The page another request is rendering, once it is stored; None to render it here.

        Gives up when the other request finished without storing a page (a 404,
        say), or when it takes longer than `wait` seconds (it may have died).
        """
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            sleep(POLL_SECONDS)
            found = cache.get_many([key, rendering])
            if key in found:
                return found[key]
            if found.get(rendering) != CLAIMED:
                return None
        return None

    @staticmethod
    def _storable(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
        )


class CacheHeadersMiddleware:
    """Tell browsers and CDNs what they may keep.

    Public pages may be stored by a shared cache for a short while and must be
    revalidated (with their ETag) by browsers; anything for a signed-in user,
    or any page that sets a cookie, is private and never stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control") or request.method not in ("GET", "HEAD"):
            return response
        personal = (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or response.cookies
            or request.path.startswith(settings.MEMORIAL_UNCACHED_PREFIXES)
        )
        if personal:
            patch_cache_control(response, private=True, no_store=True)
        elif response.status_code in (200, 301, 404):
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                must_revalidate=True,
                s_maxage=settings.MEMORIAL_CDN_CACHE_SECONDS,
            )
        return response
