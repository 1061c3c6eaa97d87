"""Accounts: where signing in leads, and which passwords an account may have."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

STRONG = "ink-on-the-19th-was-still-wet"
SITE_NAME = "too close to the memorial’s own name or place"
# A weak password, and what the refusal says about it.
WEAK = [
    ("memorial2026", SITE_NAME),
    ("BlackJanuary1990!", SITE_NAME),
    ("Qara-Yanvar-1990", SITE_NAME),
    ("Чёрный январь 1990", SITE_NAME),
    ("Baku20011990", SITE_NAME),
    ("short-pw-1", "at least 12 characters"),
    ("password1234", "too common"),
    ("201901199020", "entirely numeric"),
    ("newcurator-2026", "too similar to the username"),
]


def _sign_in(client, next_url):
    return client.post(
        f"{reverse('admin:login')}?next={next_url}",
        {"username": "curator", "password": PASSWORD, "next": next_url},
        REMOTE_ADDR="203.0.113.20",
    )


def test_signing_in_with_an_external_next_lands_on_the_admin_index(client, curator):
    """A ?next= pointing at another site is refused, and the curator lands on the
    admin index rather than on a page that does not exist."""
    response = _sign_in(client, "https://evil.example.net/admin/")
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert client.get(response.url).status_code == 200


def test_signing_in_with_a_next_on_the_site_goes_there(client, curator):
    """A ?next= on the site itself is followed."""
    target = reverse("admin:events_event_changelist")
    response = _sign_in(client, target)
    assert response.status_code == 302
    assert response.url == target


@pytest.mark.parametrize(("password", "message"), WEAK, ids=[p for p, _ in WEAK])
def test_weak_passwords_are_refused_with_the_reason(password, message):
    """Each weak password is refused by the configured validators, saying why."""
    user = get_user_model()(username="newcurator", email="new@example.org")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert any(message in text for text in refused.value.messages), refused.value.messages


@pytest.mark.parametrize(
    "password", [STRONG, PASSWORD, "the memorial garden in winter", "коридор-без-окон-42"]
)
def test_strong_passwords_are_accepted(password):
    """Long passwords that are not the site's name pass, even ones using one of its words."""
    validate_password(password, get_user_model()(username="newcurator"))


def _add_user(client, password):
    return client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newcurator",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )


def test_add_user_form_refuses_a_weak_password_on_the_form(superuser_client):
    """The admin's add-user form shows the refusal as a field error and creates no one."""
    response = _add_user(superuser_client, "memorial2026")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert any(SITE_NAME in error for error in errors["password2"]), errors
    assert SITE_NAME in response.content.decode()
    assert not get_user_model().objects.filter(username="newcurator").exists()


def test_add_user_form_accepts_a_strong_password(superuser_client):
    """A strong password creates the account, able to sign in with it."""
    response = _add_user(superuser_client, STRONG)
    assert response.status_code == 302
    assert get_user_model().objects.get(username="newcurator").check_password(STRONG)


def _change_password(client, user, password):
    return client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"usable_password": "true", "password1": password, "password2": password},
    )


def test_change_password_form_refuses_a_weak_password(superuser_client, curator):
    """Setting a curator's password to a weak one is refused on the form; the old one stays."""
    response = _change_password(superuser_client, curator, "memorial2026")
    assert response.status_code == 200
    assert SITE_NAME in response.content.decode()
    curator.refresh_from_db()
    assert curator.check_password(PASSWORD)


def test_change_password_form_accepts_a_strong_password(superuser_client, curator):
    """A strong password replaces the old one."""
    response = _change_password(superuser_client, curator, STRONG)
    assert response.status_code == 302
    curator.refresh_from_db()
    assert curator.check_password(STRONG)
