"""Interface catalogues, dates, numbers and fallback content in each language."""

import datetime
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils.translation import override

from memorial.core.dates import DatePrecision, PartialDate
from memorial.core.languages import az_ablative_suffix, ordinal
from tests import factories

from .conftest import Page, in_language

LOCALE = Path(__file__).resolve().parents[2] / "memorial" / "locale"
DAY = datetime.date(1990, 1, 20)


@pytest.mark.parametrize("language", ["az", "ru"])
def test_every_interface_string_is_translated(language):
    """Every msgid of the az and ru catalogues has a non-empty, non-fuzzy translation."""
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    entries = [entry for entry in catalogue if not entry.obsolete]
    assert len(entries) > 400
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    for entry in entries:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid
        else:
            assert entry.msgstr.strip(), entry.msgid


@pytest.mark.parametrize("language", ["az", "ru"])
def test_compiled_catalogues_are_up_to_date(language):
    """The session compiles stale catalogues, so the .mo holds every entry of the .po."""
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = polib.mofile(str(po.with_suffix(".mo")))
    assert {entry.msgid for entry in mo} >= {
        entry.msgid for entry in polib.pofile(str(po)).translated_entries()
    }


@pytest.mark.parametrize(
    ("language", "day", "month", "year"),
    [
        ("az", "20 yanvar 1990", "yanvar 1990", "1990"),
        ("en", "20 January 1990", "January 1990", "1990"),
        ("ru", "20 января 1990", "январь 1990", "1990"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(language, day, month, year):
    """Day, month (nominative) and year precision in az, en and ru."""
    with override(language):
        assert str(PartialDate(DAY)) == day
        assert str(PartialDate(DAY, DatePrecision.MONTH)) == month
        assert str(PartialDate(DAY, DatePrecision.YEAR)) == year
        assert str(PartialDate(DAY, time=datetime.time(0, 15))) == f"{day}, 00:15"


def test_month_names_in_every_month():
    """June and July stay lower case with a plain i in Azerbaijani."""
    june = datetime.date(1990, 6, 1)
    with override("az"):
        assert str(PartialDate(june)) == "1 iyun 1990"
    with override("ru"):
        assert str(PartialDate(june, DatePrecision.MONTH)) == "июнь 1990"
        assert str(PartialDate(june)) == "1 июня 1990"


@pytest.mark.parametrize(
    ("language", "number", "expected"),
    [("en", 36, "36th"), ("az", 36, "36-cı"), ("ru", 36, "36-я"), ("az", 30, "30-cu")],
)
def test_anniversary_ordinal_in_each_language(language, number, expected):
    with override(language):
        assert ordinal(number) == expected


@pytest.mark.django_db
def test_numbers_and_qualifiers_in_each_language():
    """Thousands are grouped the language's way; "more than" follows the number in Azerbaijani."""
    figure = factories.make_figure(qualifier="more_than", value_low=1300)
    with override("en"):
        assert figure.value_display == "more than\N{NO-BREAK SPACE}1\N{NO-BREAK SPACE}300"
    with override("ru"):
        assert figure.value_display == "более\xa01\xa0300"
    with override("az"):
        assert figure.value_display == "1\xa0300-dən\xa0çox"
    assert [az_ablative_suffix(n) for n in (130, 131, 6, 100, 1_000_000)] == [
        "dan",
        "dən",
        "dan",
        "dən",
        "dan",
    ]


@pytest.mark.django_db
def test_fallback_text_is_marked_with_the_language_shown(client):
    """An event written only in English shows English text marked lang="en" on the az page."""
    event = factories.make_event(
        title_en="Troops enter Baku",
        title_az="",
        title_ru="",
        summary_en="Tanks broke through the barricades.",
        summary_ru="Танки прорвали баррикады.",
    )
    with override("en"):
        url = event.get_absolute_url()
    az = client.get(in_language(url, "az")).content.decode()
    assert '<h1 lang="en">Troops enter Baku</h1>' in az
    # Azerbaijani falls back to English first.
    assert '<p class="lede" lang="en">Tanks broke through the barricades.</p>' in az
    ru = client.get(in_language(url, "ru")).content.decode()
    assert '<h1 lang="en">Troops enter Baku</h1>' in ru
    assert '<p class="lede">Танки прорвали баррикады.</p>' in ru
    en = Page(client.get(url).content.decode())
    assert en.heading == "Troops enter Baku"


@pytest.mark.django_db
def test_translated_content_is_shown_without_a_lang_mark(client):
    """Where the language has its own text, it is shown and not marked."""
    event = factories.make_event(title_en="Troops enter Baku", title_az="Qoşunlar Bakıya girir")
    html = client.get(in_language(event.get_absolute_url(), "az")).content.decode()
    assert "<h1>Qoşunlar Bakıya girir</h1>" in html


@pytest.mark.django_db
def test_fallback_alt_text_carries_its_language(client):
    photo = factories.make_photo(alt_text_en="A crowd with carnations", alt_text_az="")
    html = client.get(in_language(photo.get_absolute_url(), "az")).content.decode()
    assert 'alt="A crowd with carnations" loading="eager" decoding="async" lang="en"' in html


@pytest.mark.django_db
def test_search_and_feed_use_the_active_language(client):
    """Russian search finds Russian titles; the Russian feed carries Russian titles."""
    event = factories.make_event(title_en="Troops enter Baku", title_ru="Войска входят в Баку")
    article = factories.make_article(title_en="The report", title_ru="Доклад правозащитников")
    response = client.get(in_language("/en/search/", "ru"), {"q": "Войска"})
    assert "Войска входят в Баку" in response.content.decode()
    assert event.get_absolute_url().replace("/en/", "/ru/") in response.content.decode()
    with override("en"):
        from django.urls import reverse

        feed = reverse("articles:feed-atom")
    ru_feed = client.get(in_language(feed, "ru")).content.decode()
    assert "Доклад правозащитников" in ru_feed
    assert f"/ru/articles/{article.slug}/" in ru_feed
    en_feed = client.get(feed).content.decode()
    assert "The report" in en_feed and "Доклад" not in en_feed


@pytest.mark.django_db
def test_source_titles_carry_their_own_language(client):
    """A Russian title on an English page is marked lang="ru", so screen readers say it right."""
    from tests import factories

    source = factories.make_source(title="Черный январь: 36 лет со дня трагедии", language="ru")
    factories.make_figure(source=source)
    html = client.get(reverse("figures:list")).content.decode()
    assert f'lang="ru">{source.title}</a>' in html
    html = client.get(source.get_absolute_url().replace("/en/", "/ru/")).content.decode()
    assert f"<h1>{source.title}</h1>" in html
