"""Who may do what in the workroom, and how repeated wrong passwords are stopped."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from memorial.curation.roles import CURATORS, curator_permission_keys, sync_curators_group

from .conftest import PASSWORD
from .specs import SPECS, spec_id

pytestmark = pytest.mark.django_db

USER_ADMIN = ["admin:auth_user_changelist", "admin:auth_user_add", "admin:auth_group_changelist"]


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_anonymous_visitor_is_sent_to_the_login_page(client, spec):
    """Every content page of the admin asks an anonymous visitor to log in."""
    response = client.get(spec.url("changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_migration_creates_the_curators_group_with_exactly_content_permissions():
    """The group the migration made holds the content permissions and nothing else."""
    group = Group.objects.get(name=CURATORS)
    held = {(p.content_type.app_label, p.codename) for p in group.permissions.all()}
    assert held == curator_permission_keys()
    assert not {label for label, _ in held} & {"auth", "axes", "admin", "sessions"}


def test_syncing_the_group_removes_stray_permissions():
    """Re-running the sync resets a group someone widened by hand."""
    group = Group.objects.get(name=CURATORS)
    group.permissions.add(Permission.objects.get(codename="change_user"))
    sync_curators_group()
    assert not group.permissions.filter(codename="change_user").exists()


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_curator_reaches_content(curator_client, spec):
    """A curator can list and add every kind of content."""
    assert curator_client.get(spec.url("changelist")).status_code == 200
    assert curator_client.get(spec.url("add")).status_code == 200


@pytest.mark.parametrize("name", USER_ADMIN)
def test_curator_cannot_reach_user_management(curator_client, name):
    """Users and groups are out of a curator's reach."""
    assert curator_client.get(reverse(name)).status_code == 403


def test_curator_index_lists_content_but_not_users(curator_client):
    """The index shows the topics, in reading order, and no user management."""
    response = curator_client.get(reverse("admin:index"))
    labels = [app["app_label"] for app in response.context["app_list"]]
    assert labels[:6] == ["events", "figures", "photos", "articles", "commemorations", "sources"]
    assert "auth" not in labels


@pytest.mark.parametrize("name", USER_ADMIN)
def test_superuser_reaches_user_management(superuser_client, name):
    """A superuser manages accounts."""
    assert superuser_client.get(reverse(name)).status_code == 200


def test_admin_is_branded_for_the_memorial(curator_client):
    """Header and title name the memorial, not Django."""
    content = curator_client.get(reverse("admin:index")).content.decode()
    assert "Black January Memorial" in content
    assert "Django administration" not in content


def _login(client, password, **headers):
    return client.post(
        reverse("admin:login"),
        {"username": "curator", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR="203.0.113.7",
        **headers,
    )


def test_wrong_passwords_lock_the_account_with_a_clear_message(client, curator, settings):
    """After the configured number of failures even the right password is refused."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "wrong")
        assert response.status_code == 200
    response = _login(client, "wrong")
    assert response.status_code == 429
    response = _login(client, PASSWORD)
    assert response.status_code == 429
    content = response.content.decode()
    assert "Sign-in locked" in content
    assert "try again in 30 minutes" in content
    assert "_auth_user_id" not in client.session


def test_right_password_before_the_limit_logs_in(client, curator, settings):
    """Failures below the limit do not lock anyone out."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "wrong")
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(curator.pk)


def test_spoofed_forwarded_for_does_not_bypass_the_lockout(client, curator, settings):
    """A new X-Forwarded-For on every try is not a new address: the lock still holds."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = _login(client, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_holds_only_for_the_locked_address(client, curator, settings):
    """The lock is on the username from that address; another real address may sign in."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong")
    response = client.post(
        reverse("admin:login"),
        {"username": "curator", "password": PASSWORD, "next": reverse("admin:index")},
        REMOTE_ADDR="203.0.113.8",
    )
    assert response.status_code == 302
