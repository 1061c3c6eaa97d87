import pytest
from django.contrib.auth import get_user_model

from memorial.curation.roles import sync_curators_group

PASSWORD = "a-long-curator-passphrase"


@pytest.fixture
def curator(db):
    """A staff member in the Curators group, and nothing more."""
    user = get_user_model().objects.create_user(
        "curator", "curator@example.org", PASSWORD, is_staff=True
    )
    # Transactional tests flush the group the migration made; bring it back.
    user.groups.add(sync_curators_group())
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def superuser_client(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(user)
    return client
