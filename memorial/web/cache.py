"""The page cache for visitors, and its one rule of invalidation.

Every anonymous page is cached with the *content version* it was rendered
at: a counter kept in the shared cache (Redis in production) and bumped after
any write to content commits. A page is served only while its version is the
current one, so a curator's change makes every page fresh at once, in every
app process. A page is also never kept past the next scheduled publication
time, so content set to appear at a future time shows up then without any job
running.

A hit costs one round trip to the cache: the version and the page are read
together (one MGET), and the page comes with every header its first answer
had. The middleware sits high in the stack, so a hit skips sessions, locale,
CSRF, authentication and the header middleware whose work is stored.

The key is the page's address with only the query parameters some view
declares it reads (`page_parameters`, each with the form its value must
have): `?utm_source=...` and the like are served the page without them, and
an answer rendered for such a request is not kept. A view that reads what it
cannot declare (search reads free text) marks its answers `not_kept`. An answer is kept only
when the view that rendered it reads every parameter in its key, so
`/?page=7` on a page without pages is answered but never stored. Only 200
answers are kept, and views answer a value they do not know (a page past the
last, an unknown kind) with a 404 or a 400: a flood of made-up addresses
stores nothing.

When a page is missing (after a change, every page is), the first request
renders it and the others asking for the same page at the same moment wait a
little for that rendering instead of repeating it: on 20 January a curator's
correction must not turn one busy page into hundreds of renderings at once.
Nobody is served an older page for it; the waiters get the fresh one.

The cache is never needed to answer: when it fails (Redis stopped, a wrong
address, or full), the process logs it, renders pages without it and leaves
it alone for `MEMORIAL_CACHE_RETRY_SECONDS`. A committed write never fails
because the version could not be bumped: a full Redis still deletes the
version (so the next request starts a new one); when the cache cannot be
reached at all, the bump is logged and made again as soon as this process
reaches the cache, and pages are never kept longer than
`MEMORIAL_PAGE_CACHE_SECONDS` anyway.

Writes are seen through Django's model signals, the one mechanism that catches
saves, deletes and many-to-many changes from the admin, the loader and the
shell alike; `ContentQuerySet.update()`, which sends no model signal, sends
`content_updated` instead.
"""

import atexit
import contextlib
import functools
import hashlib
import logging
import re
import time
from importlib import import_module
from time import sleep

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import URLResolver, get_resolver, get_urlconf
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

from memorial.core import registry
from memorial.core.models import PublishableModel, TimeStampedModel, content_updated

logger = logging.getLogger("memorial.cache")

VERSION_KEY = "content-version"
NEXT_PUBLICATION_KEY = "next-publication"
RENDERING_KEY = "rendering:{key}"
#: The state of a page's rendering key while a request renders it.
CLAIMED = "rendering"
#: How often a waiting request looks for the page another one is rendering.
POLL_SECONDS = 0.02

#: The longest value of a query parameter the key may hold.
LONGEST_VALUE = 100
#: Headers of one answer, not of the page.
UNSTORED_HEADERS = frozenset({"date", "set-cookie", "x-page-cache", "x-request-id"})


class _Outage:
    """What this process knows of the shared cache's failures."""

    until = 0.0
    bump_pending = False

    def __bool__(self):
        return time.monotonic() < self.until

    def start(self):
        self.until = time.monotonic() + settings.MEMORIAL_CACHE_RETRY_SECONDS


outage = _Outage()


def _ask(call, default=None):
    """`call()` on the cache, or `default` when the cache fails or is known to be away."""
    if outage:
        return default
    try:
        return call()
    except Exception:  # any failure of the cache means "render without it"
        outage.start()
        logger.warning(
            "The cache failed: pages are rendered without it for %s s.",
            settings.MEMORIAL_CACHE_RETRY_SECONDS,
            exc_info=True,
        )
        return default


def _new_version():
    # A version starts from the clock, so it never matches a page kept before.
    return int(time.time() * 1000)


def _start_version():
    version = _new_version()
    if _ask(lambda: cache.add(VERSION_KEY, version, timeout=None), False):
        return version
    return _ask(lambda: cache.get(VERSION_KEY)) or version


def content_version():
    """The current content version; one that matches nothing kept when the cache fails."""
    return _ask(lambda: cache.get(VERSION_KEY)) or _start_version()


def content_version_of(request):
    """The content version `request`'s page is rendered at: read from the cache once a request.

    Every fragment of a page is then kept under the version the page cache
    keeps the page under.
    """
    if not hasattr(request, "content_version"):
        request.content_version = content_version()
    return request.content_version


def bump_content_version():
    """Make every cached page stale. Never raises: the write it follows has committed."""
    if outage.bump_pending and outage:
        return  # failed a moment ago: one bump, made when the cache answers, covers this one too
    try:
        # Without a version yet (ValueError), the next request starts one.
        with contextlib.suppress(ValueError):
            cache.incr(VERSION_KEY)
    except Exception:
        try:
            # A full Redis refuses INCR but still deletes; without a version
            # the next request starts a new one, which matches no page kept.
            cache.delete(VERSION_KEY)
        except Exception:
            outage.start()
            outage.bump_pending = True
            logger.error(
                "The content version could not be changed: pages cached before this "
                "change may be served until this process reaches the cache again "
                "(it tries again after %s s), and never longer than %s s.",
                settings.MEMORIAL_CACHE_RETRY_SECONDS,
                settings.MEMORIAL_PAGE_CACHE_SECONDS,
                exc_info=True,
            )
            return
        logger.warning("The content version could not be incremented; it was removed.")
    if outage.bump_pending:
        outage.bump_pending = False
        logger.warning("The content version was changed after the cache came back.")


@atexit.register
def _bump_if_pending():
    """A command (the loader, the shell) that could not bump makes a last try as it ends."""
    if outage.bump_pending:
        outage.until = 0.0
        bump_content_version()


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


def next_publication():
    """The earliest scheduled publication as a timestamp, or 0: one query over every
    model of the registry's content."""
    now = timezone.now()
    scheduled = [
        model._default_manager.filter(is_published=True, published_at__gt=now)
        .order_by()
        .values_list("published_at", flat=True)
        for model in registry.content_models()
        if issubclass(model, PublishableModel)
    ]
    if not scheduled:
        return 0
    first, *others = scheduled
    moment = first.union(*others).order_by("published_at").first()
    return moment.timestamp() if moment else 0


def seconds_until_next_publication(version, known=None):
    """Seconds until the earliest scheduled publication, or None (kept per version).

    `known` is what the cache held under NEXT_PUBLICATION_KEY, when already read.
    """
    now = time.time()
    if known is None or known[0] != version or 0 < known[1] <= now:
        known = (version, next_publication())
        _ask(lambda: cache.set(NEXT_PUBLICATION_KEY, known, settings.MEMORIAL_PAGE_CACHE_SECONDS))
    if not known[1]:
        return None
    return max(0, known[1] - now)


def not_kept(response):
    """Mark an answer the page cache must not keep, whatever its address.

    For a view that reads parameters it cannot declare (search reads free
    text): the page without them must not be kept either, or it would be
    served for them.
    """
    response.page_cache_kept = False
    return response


def page_parameters(**forms):
    """Declare the query parameters a function view reads, each with the regular
    expression its value must match for the page to be kept.

    A class-based view declares them as a `page_parameters` dict instead; the
    declarations of its bases are merged.
    """

    def declare(view):
        view.page_parameters = forms
        return view

    return declare


@functools.cache
def parameters_read_by(view):
    """{name: compiled form} of the query parameters `view` (a URL's callback) reads."""
    owner = getattr(view, "view_class", view)
    forms = {}
    for base in reversed(getattr(owner, "__mro__", (owner,))):
        forms.update(vars(base).get("page_parameters", {}))
    return {name: re.compile(form) for name, form in forms.items()}


@functools.cache
def parameters_read_anywhere(resolver):
    """{name: [forms]} of the parameters any view of `resolver`'s URLs reads."""
    known = {}

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            else:
                for name, form in parameters_read_by(pattern.callback).items():
                    known.setdefault(name, []).append(form)

    walk(resolver.url_patterns)
    return known


def _reads_exactly(request, read):
    """Whether the view that answered `request` reads each parameter of the key, as given."""
    match = request.resolver_match
    if match is None:
        return False
    forms = parameters_read_by(match.func)
    return all(name in forms and forms[name].fullmatch(value) for name, value in read.items())


def _is_signed_in(request):
    """Whether the request's session cookie belongs to a signed-in user.

    A cookie that names no session (expired, made up) is an anonymous visitor.
    """
    engine = import_module(settings.SESSION_ENGINE)
    try:
        return SESSION_KEY in engine.SessionStore(request.COOKIES[settings.SESSION_COOKIE_NAME])
    except Exception:  # a session store that fails: let the full stack answer
        return True


def _page_key(request):
    """(key, kept, read) for a request the cache may answer, or None.

    `read` holds the parameters in the key. `kept` says whether an answer
    rendered for this request may be stored: not when it carries a parameter
    the key leaves out or a session cookie.
    """
    if request.method not in ("GET", "HEAD") or request.path.startswith(
        (*settings.MEMORIAL_UNCACHED_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)
    ):
        return None
    kept = True
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        if _is_signed_in(request):
            return None
        kept = False
    known = parameters_read_anywhere(get_resolver(get_urlconf()))
    read = {}
    for name, values in request.GET.lists():
        forms = known.get(name)
        if forms is None:
            kept = False
            continue
        value = values[0]
        if len(values) > 1 or len(value) > LONGEST_VALUE:
            return None
        if not any(form.fullmatch(value) for form in forms):
            return None
        read[name] = value
    query = "&".join(f"{name}={value}" for name, value in sorted(read.items()))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return f"page:{hashlib.sha256(address.encode()).hexdigest()}", kept, read


def _served(request, stored):
    _version, content, status, headers = stored
    response = HttpResponse(content, status=status, headers=headers)
    if request.method == "GET":
        last_modified = response.get("Last-Modified")
        response = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=last_modified and parse_http_date_safe(last_modified),
            response=response,
        )
    response["X-Page-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD pages from the cache; never cache anything personal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if outage.bump_pending and not outage:
            bump_content_version()
        if not settings.MEMORIAL_PAGE_CACHE_SECONDS or outage:
            return self.get_response(request)
        page = _page_key(request)
        if page is None:
            return self.get_response(request)
        key, kept, read = page
        found = _ask(lambda: cache.get_many([VERSION_KEY, key, NEXT_PUBLICATION_KEY]))
        if found is None:
            return self.get_response(request)
        version = request.content_version = found.get(VERSION_KEY) or _start_version()
        hit = self._current(found.get(key), version)
        rendering = RENDERING_KEY.format(key=key)
        wait = settings.MEMORIAL_PAGE_CACHE_WAIT_SECONDS
        claimed = False
        if hit is None and kept and wait > 0:
            claimed = _ask(lambda: cache.add(rendering, CLAIMED, timeout=int(wait) + 30), False)
            if not claimed and not outage:
                hit = self._wait_for(key, rendering, version, wait)
        if hit is not None:
            return _served(request, hit)
        response = None
        try:
            response = self.get_response(request)
            if kept and self._storable(response) and _reads_exactly(request, read):
                self._store(key, version, response, found.get(NEXT_PUBLICATION_KEY))
            response["X-Page-Cache"] = "miss"
        finally:
            if claimed:
                # Stored or not, the next request may claim the page again.
                _ask(lambda: cache.delete(rendering))
        return response

    @staticmethod
    def _current(stored, version):
        return stored if stored is not None and stored[0] == version else None

    @staticmethod
    def _store(key, version, response, next_publication):
        timeout = settings.MEMORIAL_PAGE_CACHE_SECONDS
        until = seconds_until_next_publication(version, next_publication)
        if until is not None:
            timeout = min(timeout, int(until))
        if timeout > 0:
            headers = {
                name: value
                for name, value in response.items()
                if name.lower() not in UNSTORED_HEADERS
            }
            page = (version, response.content, response.status_code, headers)
            _ask(lambda: cache.set(key, page, timeout))

    @classmethod
    def _wait_for(cls, key, rendering, version, wait):
        """The page another request is rendering, once it is stored; None to render it here.

        Gives up when the other request finished without storing a page (a 404,
        say), or when it takes longer than `wait` seconds (it may have died).
        """
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            sleep(POLL_SECONDS)
            found = _ask(lambda: cache.get_many([key, rendering]))
            if found is None:
                return None
            page = cls._current(found.get(key), version)
            if page is not None:
                return page
            if found.get(rendering) != CLAIMED:
                return None
        return None

    @staticmethod
    def _storable(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and getattr(response, "page_cache_kept", True)
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
