import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


LOCALE_DIR = Path(__file__).resolve().parent.parent / "memorial" / "locale"


def stale_catalogues():
    """The .po files whose compiled .mo is missing or older."""
    return [
        po
        for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    """Compiled catalogues are built, never committed: compile them when out of date.

    polib writes the same .mo as GNU msgfmt, so plain `pytest` works where
    gettext is not installed. Django then reloads its translations.
    """
    import polib
    from django.utils.translation import trans_real

    stale = stale_catalogues()
    for po in stale:
        polib.pofile(str(po)).save_as_mofile(str(po.with_suffix(".mo")))
    if stale:
        trans_real._translations = {}
        trans_real._default = None


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes uploads into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language, whatever the last one activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def chromium_path():
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright never downloads a browser of its own here."""
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": CHROMIUM_ARGS}


def pytest_collection_modifyitems(config, items):
    """Browser tests are slow too, so `-m "not slow"` leaves them out.

    They need Chromium: locally they skip with a reason; in CI they must run.
    """
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
    if os.path.exists(chromium_path()) or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {chromium_path()}; set CHROMIUM_PATH")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def real_content_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The memorial's real content (fixtures/), loaded once for a module, rolled back after it."""
    from django.conf import settings
    from django.db import transaction
    from django.test import override_settings

    from memorial.curation.loader import load_fixtures

    media = tmp_path_factory.mktemp("real-content-media")
    with (
        override_settings(MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield load_fixtures(settings.MEMORIAL_FIXTURES_DIR), media
        transaction.set_rollback(True)


@pytest.fixture
def real_content(real_content_once, settings, db):
    """The real content, for a test that reads it (each inside its own savepoint)."""
    report, media = real_content_once
    settings.MEDIA_ROOT = media
    return report
