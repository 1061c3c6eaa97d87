import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from memorial.sources.models import Source
from tests.factories import make_source


@pytest.fixture
def own_source(db):
    return Source.objects.filter(key="black-january-memorial").first() or make_source(
        key="black-january-memorial", kind="own", title="Black January Memorial"
    )


@pytest.fixture
def curator(client, django_user_model):
    user = django_user_model.objects.create_superuser("curator", "curator@example.org", "x")
    client.force_login(user)
    return client


def stored_files(media_root):
    if not media_root.exists():
        return []
    return sorted(path for path in media_root.rglob("*") if path.is_file())


@pytest.fixture
def upload(curator, own_source):
    """Post the admin's add form with complete, valid text and the given file."""

    def post(name, content, content_type="application/octet-stream", **fields):
        data = {
            "title_en": "Carnations on the steps",
            "title_az": "Pilləkənlərdə qərənfillər",
            "title_ru": "Гвоздики на ступенях",
            "slug": "carnations-on-the-steps",
            "caption_en": "Illustration made for this memorial.",
            "alt_text_en": "Red carnations lie on grey stone steps.",
            "alt_text_az": "Boz daş pilləkənlərdə qırmızı qərənfillər.",
            "alt_text_ru": "Красные гвоздики лежат на серых каменных ступенях.",
            "credit": "Black January Memorial",
            "kind": "illustration",
            "source": own_source.pk,
            "rights_en": "Made for this memorial.",
            "taken_precision": "unknown",
            "sort_order": 0,
            "published_at_0": "",
            "published_at_1": "",
            "image": SimpleUploadedFile(name, content, content_type),
            **fields,
        }
        return curator.post(reverse("admin:photos_photo_add"), data)

    return post
