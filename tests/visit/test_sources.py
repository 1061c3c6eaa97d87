"""Sources in the page's language: the original title with our translation beside it,
and the publisher's established name in that language."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from memorial.sources.citations import cite_source
from memorial.sources.models import Source
from tests import factories


@pytest.fixture
def source(db):
    return factories.make_source(
        key="hrw",
        title="Black January in Azerbaidzhan",
        language="en",
        publisher="Human Rights Watch",
        title_translation_ru="Чёрный январь в Азербайджане",
        title_translation_az="Azərbaycanda Qara Yanvar",
        publisher_translation_ru="Хьюман Райтс Вотч",
    )


def test_an_az_or_ru_page_shows_the_original_title_and_our_translation(client, source):
    for language, translation in (
        ("ru", "Чёрный январь в Азербайджане"),
        ("az", "Azərbaycanda Qara Yanvar"),
    ):
        with override(language):
            html = client.get(source.get_absolute_url()).content.decode()
            listed = client.get(reverse("sources:list")).content.decode()
        assert "Black January in Azerbaidzhan" in html and translation in html
        assert "Black January in Azerbaidzhan" in listed and f"[{translation}]" in listed


def test_the_english_page_of_an_english_source_has_no_translation(client, source):
    html = client.get(source.get_absolute_url()).content.decode()
    assert "Чёрный январь" not in html and "Our translation" not in html


def test_a_publisher_reads_its_established_name_where_it_has_one(client, source):
    with override("ru"):
        assert "Хьюман Райтс Вотч" in client.get(source.get_absolute_url()).content.decode()
        assert "[Чёрный январь в Азербайджане]" in cite_source(source)
    with override("az"):
        # No established Azerbaijani form: the name as written.
        assert source.shown_publisher == "Human Rights Watch"


def test_the_real_bibliography_translates_the_main_sources(real_content, client):
    with override("ru"):
        translated = [s for s in Source.objects.all() if s.shown_title_translation]
        assert len(translated) >= 25
        html = client.get(reverse("sources:list")).content.decode()
    assert "[Конфликт в Советском Союзе: Чёрный январь в Азербайджане]" in html
    assert "Радио Свободная Европа/Радио Свобода" in html
