"""Security headers on public pages, admin pages and media; no cookies for visitors."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.security.conftest import EXPECTED_CSP, cookies_set, crawl, parse_csp

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-curator-passphrase"


def assert_html_headers(response, where):
    policy = parse_csp(response["Content-Security-Policy"])
    for name, value in EXPECTED_CSP.items():
        assert policy.get(name) == value, (where, name, policy.get(name))
    assert "unsafe-inline" not in response["Content-Security-Policy"], where
    assert "unsafe-eval" not in response["Content-Security-Policy"], where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["X-Frame-Options"] == "DENY", where
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", where
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", where
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in permissions, (where, feature)


def test_every_public_page_carries_the_security_headers_and_sets_no_cookie(public_pages):
    """Crawling the site anonymously: every HTML page has the full header set, none sets a cookie."""
    html = [(path, response) for path, response in public_pages if response.status_code == 200]
    assert len(html) >= 25
    for path, response in public_pages:
        assert response.status_code == 200, path
        assert not cookies_set(path, response), f"{path} sets {list(response.cookies)}"
        if response["Content-Type"].startswith("text/html"):
            assert_html_headers(response, path)


def test_pages_served_from_the_page_cache_keep_every_header(client, settings, memorial_content):
    """A cache hit is answered before most middleware runs, and still has every header."""
    settings.MEMORIAL_PAGE_CACHE_SECONDS = 600
    url = memorial_content["night"].get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit"
    assert_html_headers(hit, url)
    assert not hit.cookies


def test_error_pages_carry_the_headers(client, memorial_content):
    """A 404 is as locked down as any page."""
    response = client.get("/en/timeline/no-such-event/")
    assert response.status_code == 404
    assert_html_headers(response, "404")
    assert not response.cookies


def test_admin_pages_carry_the_headers_and_secure_cookies(settings, memorial_content):
    """The admin login page and a change form have the same policy; its cookies are HttpOnly and SameSite."""
    user = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    client = Client()
    login = client.get(reverse("admin:login"))
    assert_html_headers(login, "login")
    assert "private" in login["Cache-Control"]
    csrf = login.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["samesite"] == "Lax"
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["samesite"] == "Lax"
    url = reverse("admin:events_event_change", args=[memorial_content["night"].pk])
    change = client.get(url)
    assert change.status_code == 200
    assert_html_headers(change, url)


def test_behind_https_pages_send_hsts_and_cookies_are_secure(settings, memorial_content):
    """With HTTPS on (as in production), HSTS lasts a year with subdomains, cookies are Secure."""
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    client = Client()
    response = client.get(reverse("pages:home"), secure=True)
    hsts = response["Strict-Transport-Security"]
    max_age = int(hsts.split("max-age=")[1].split(";")[0])
    assert max_age >= 31_536_000 and "includeSubDomains" in hsts
    login = client.get(reverse("admin:login"), secure=True)
    assert login.cookies[settings.CSRF_COOKIE_NAME]["secure"]


def test_production_settings_are_https_only(monkeypatch):
    """The settings module itself turns on HSTS, Secure cookies and upgrade-insecure-requests
    when DJANGO_HTTPS is on (the default without DEBUG)."""
    import importlib

    import config.settings as production

    monkeypatch.setenv("DJANGO_HTTPS", "true")
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    try:
        production = importlib.reload(production)
        assert production.SECURE_HSTS_SECONDS >= 31_536_000
        assert production.SECURE_HSTS_INCLUDE_SUBDOMAINS
        assert production.SECURE_SSL_REDIRECT
        assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
        assert production.SESSION_COOKIE_HTTPONLY
        assert production.CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"]
    finally:
        monkeypatch.setenv("DJANGO_HTTPS", "false")
        importlib.reload(production)


def test_an_absolute_media_url_is_allowed_for_images_only(monkeypatch):
    """Media on another origin may be shown as images, and nothing else comes from it."""
    import importlib

    import config.settings as production

    monkeypatch.setenv("DJANGO_MEDIA_URL", "https://media.memorial.example.org/uploads/")
    try:
        production = importlib.reload(production)
        directives = production.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        assert "https://media.memorial.example.org" in directives["img-src"]
        assert directives["default-src"] == ["'self'"]
    finally:
        monkeypatch.delenv("DJANGO_MEDIA_URL")
        importlib.reload(production)


def test_media_is_served_with_nosniff_and_a_sandboxing_policy(client, settings):
    """Uploaded files can never run as a page: nosniff and default-src 'none'; sandbox."""
    (settings.MEDIA_ROOT / "photos").mkdir(parents=True)
    (settings.MEDIA_ROOT / "photos" / "b.jpg").write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    response = client.get("/media/photos/b.jpg")
    assert response.status_code == 200
    response.close()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert not response.cookies


def test_crawling_in_every_language_sets_no_cookie(client, memorial_content):
    """Visitors reading in Azerbaijani or Russian get no cookie either."""
    for language in ("az", "ru"):
        for path, response in crawl(client, f"/{language}/"):
            assert not cookies_set(path, response), path
