"""The real content through plain loaddata and a dumpdata round trip, on an empty database."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from memorial.core import registry
from memorial.curation.loader import copy_media, fixture_files, load_fixtures
from memorial.events.models import Event
from tests.curation.test_content import content_state

pytestmark = pytest.mark.django_db


def test_plain_loaddata_works_on_an_empty_database():
    """With the illustrations copied into media storage, loaddata needs nothing else."""
    copy_media(settings.MEMORIAL_FIXTURES_DIR)
    files = [str(path) for path in fixture_files(settings.MEMORIAL_FIXTURES_DIR)]
    call_command("loaddata", *files, verbosity=0)
    assert Event.objects.count() >= 25


@pytest.mark.django_db(transaction=True)
def test_dumpdata_into_a_fresh_database_gives_back_the_same_data(tmp_path):
    load_fixtures(settings.MEMORIAL_FIXTURES_DIR)
    before = content_state()
    out = io.StringIO()
    call_command(
        "dumpdata",
        *[model._meta.label_lower for model in registry.content_models()],
        natural_foreign=True,
        natural_primary=True,
        stdout=out,
    )
    dump = tmp_path / "dump.json"
    dump.write_text(out.getvalue())
    call_command("flush", interactive=False, verbosity=0)
    assert not Event.objects.exists()
    call_command("loaddata", str(dump), verbosity=0)
    assert content_state() == before
