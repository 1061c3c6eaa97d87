"""Failed sign-ins under gunicorn with production settings, behind a proxy and without one."""

import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest

from tests.ops.servers import ForwardingProxy, Gunicorn, manage, site_environment

pytestmark = pytest.mark.slow

PASSWORD = "a-long-curator-passphrase"
CREATE = f"""
from django.contrib.auth import get_user_model
get_user_model().objects.create_user("curator", password="{PASSWORD}", is_staff=True)
"""
ATTACKER = "127.0.0.2"
COLLEAGUE = "127.0.0.3"


class Browser:
    """Someone signing in from their own address, with their own cookies."""

    def __init__(self, url, address):
        parts = urlsplit(url)
        self.host, self.port, self.address = parts.hostname, parts.port, address
        self.cookies = {}

    def request(self, method, path, body=None, headers=()):
        connection = http.client.HTTPConnection(
            self.host, self.port, timeout=30, source_address=(self.address, 0)
        )
        headers = dict(headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, content

    def sign_in(self, password, forwarded_for=None):
        """The status of a sign-in from the login form, as a person would send it."""
        extra = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
        status, page = self.request("GET", "/admin/login/", headers=extra)
        assert status == 200, page[:300]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": "curator",
                "password": password,
                "next": "/admin/",
            }
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded", **extra}
        return self.request("POST", "/admin/login/", body=body, headers=headers)[0]


@pytest.fixture
def site(tmp_path):
    environment = site_environment(tmp_path, MEMORIAL_PAGE_CACHE_SECONDS="0")
    manage(environment, "migrate", "--no-input", "-v0")
    manage(environment, "shell", "-c", CREATE)
    return environment


def test_behind_one_proxy_each_client_is_locked_by_its_own_address(site, tmp_path):
    """DJANGO_TRUSTED_PROXY_COUNT=1 behind a proxy that appends the client's address:
    five wrong passwords with a new forged X-Forwarded-For each time lock that client,
    forging again does not unlock it, and a colleague behind the same proxy signs in."""
    server = Gunicorn({**site, "DJANGO_TRUSTED_PROXY_COUNT": "1"}, tmp_path / "gunicorn.log")
    proxy = ForwardingProxy(("127.0.0.1", server.port))
    try:
        attacker = Browser(proxy.url, ATTACKER)
        for n in range(4):
            assert attacker.sign_in("wrong", forwarded_for=f"198.51.100.{n}") == 200
        assert attacker.sign_in("wrong", forwarded_for="198.51.100.4") == 429
        assert attacker.sign_in(PASSWORD, forwarded_for="192.0.2.99") == 429
        assert attacker.sign_in(PASSWORD) == 429
        assert Browser(proxy.url, COLLEAGUE).sign_in(PASSWORD) == 302
    finally:
        proxy.stop()
        server.stop()
    # The access log names the proxy as the peer, and keeps the chain that says who
    # was behind it.
    log = (tmp_path / "gunicorn.log").read_text()
    assert '127.0.0.1 "POST /admin/login/ HTTP/1.1" 429' in log
    assert f"for=192.0.2.99, {ATTACKER}" in log
    assert f"for={COLLEAGUE}" in log


def test_without_a_proxy_a_forged_forwarded_for_changes_nothing(site, tmp_path):
    """With no trusted proxy (the default) the lock follows the connection's address:
    a different X-Forwarded-For on every try neither escapes the lock nor spreads it."""
    server = Gunicorn(site, tmp_path / "gunicorn.log")
    try:
        attacker = Browser(server.url, ATTACKER)
        for n in range(4):
            assert attacker.sign_in("wrong", forwarded_for=f"198.51.100.{n}") == 200
        assert attacker.sign_in("wrong", forwarded_for="198.51.100.4") == 429
        assert attacker.sign_in(PASSWORD, forwarded_for=COLLEAGUE) == 429
        assert Browser(server.url, COLLEAGUE).sign_in(PASSWORD, forwarded_for=ATTACKER) == 302
    finally:
        server.stop()
