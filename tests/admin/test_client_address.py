"""Failed sign-ins are counted by the client's real address, behind a proxy or not."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ATTACKER = "203.0.113.7"
COLLEAGUE = "203.0.113.8"


@pytest.fixture
def behind_one_proxy(settings):
    """What config/settings.py derives from DJANGO_TRUSTED_PROXY_COUNT=1."""
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR"]


def _through_proxy(client, password, client_address, forged=""):
    """A sign-in as the proxy passes it on: it appends the address it was reached from."""
    chain = f"{forged}, {client_address}" if forged else client_address
    return client.post(
        reverse("admin:login"),
        {"username": "curator", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=chain,
    )


def test_forged_addresses_before_the_proxys_are_ignored(
    client, curator, settings, behind_one_proxy
):
    """Whatever a client writes into X-Forwarded-For, its failures count against the
    address the proxy appended, so forging a new address on each try unlocks nothing."""
    forgeries = ["198.51.100.1", "198.51.100.2, 192.0.2.9", "not-an-address", COLLEAGUE]
    for n in range(settings.AXES_FAILURE_LIMIT):
        _through_proxy(client, "wrong", ATTACKER, forged=forgeries[n % len(forgeries)])
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}

    response = _through_proxy(client, PASSWORD, ATTACKER, forged="198.51.100.77")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_clients_behind_the_same_proxy_do_not_lock_each_other_out(
    client, curator, settings, behind_one_proxy
):
    """Five wrong passwords from one client lock that client, not the proxy: a
    colleague signing in through the same proxy gets in."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _through_proxy(client, "wrong", ATTACKER)
    assert _through_proxy(client, PASSWORD, ATTACKER).status_code == 429

    response = _through_proxy(client, PASSWORD, COLLEAGUE)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(curator.pk)


def test_without_a_trusted_proxy_forwarded_for_is_never_read(client, curator, settings):
    """With no proxy configured the address is REMOTE_ADDR alone: an X-Forwarded-For
    naming someone else neither hides the client nor locks that other address out."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        _through_proxy(client, "wrong", COLLEAGUE, forged=f"198.51.100.{n}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}

    response = client.post(
        reverse("admin:login"),
        {"username": "curator", "password": PASSWORD, "next": reverse("admin:index")},
        REMOTE_ADDR=COLLEAGUE,
    )
    assert response.status_code == 302
