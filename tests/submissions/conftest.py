import time

import pytest
from django.core import signing
from django.test import Client

from memorial.submissions import abuse
from tests import factories
from tests.curation.conftest import curator, curator_client, superuser_client  # noqa: F401


@pytest.fixture
def visitor():
    """An anonymous visitor, apart from the curator's client."""
    return Client()


@pytest.fixture
def person(db):
    return factories.make_person(
        slug="ilham-allahverdiyev", given_name_en="Ilham", surname_en="Allahverdiyev"
    )


@pytest.fixture
def private_root(settings, tmp_path):
    """Files sent by visitors go to a folder of the test's own, apart from the media."""
    root = tmp_path / "submissions"
    settings.STORAGES = {
        **settings.STORAGES,
        "submissions": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": None},
        },
    }
    return root


def shown_ago(seconds):
    """The form's stamp, as if it had been shown `seconds` ago."""
    return signing.dumps(time.time() - seconds, salt=abuse.SALT)


def letter(**fields):
    """A complete, valid post of the form, shown a minute ago."""
    data = {
        "kind": "memory",
        "text": "He taught me to ride a bicycle in our courtyard.",
        "evidence": "",
        "sender_name": "Leyla Məmmədova",
        "sender_email": "leyla@example.org",
        "consent": "named",
        "language": "az",
        "website": "",
        "shown": shown_ago(60),
    }
    data.update(fields)
    return data
