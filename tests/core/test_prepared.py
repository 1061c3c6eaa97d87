"""Lists compiled once (core.prepared) read what the database holds now, in the page's language."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override

from memorial.articles.models import Article
from memorial.core.prepared import PreparedList
from tests import factories

pytestmark = pytest.mark.django_db


def latest(published):
    return published(Article.objects.order_by("-publication_date", "title"))[:3]


def titles(articles):
    return [article.title for article in articles]


def test_a_prepared_list_is_what_the_queryset_gives():
    for n in range(5):
        factories.make_article(
            title_en=f"Article {n}", publication_date=datetime.date(1990, 1, 20 + n)
        )
    factories.make_article(title_en="A draft", is_published=False)
    prepared = PreparedList(latest)
    fresh = titles(Article.objects.published().order_by("-publication_date", "title")[:3])
    assert titles(prepared()) == fresh == ["Article 4", "Article 3", "Article 2"]
    assert titles(prepared()) == fresh


def test_a_prepared_list_follows_every_change_after_it_is_compiled():
    prepared = PreparedList(latest)
    first = factories.make_article(title_en="First", publication_date=datetime.date(1990, 1, 21))
    assert titles(prepared()) == ["First"]
    factories.make_article(title_en="Newer", publication_date=datetime.date(1990, 1, 25))
    hidden = factories.make_article(
        title_en="Later", publication_date=datetime.date(1990, 1, 30), is_published=False
    )
    assert titles(prepared()) == ["Newer", "First"]
    hidden.is_published = True
    hidden.save()
    first.title_en = "First, corrected"
    first.save()
    assert titles(prepared()) == ["Later", "Newer", "First, corrected"]
    # A publication time is compared with the database's clock when the list is read.
    hidden.published_at = timezone.now() + datetime.timedelta(hours=1)
    hidden.save()
    assert titles(prepared()) == ["Newer", "First, corrected"]
    hidden.published_at = timezone.now() - datetime.timedelta(seconds=1)
    hidden.save()
    assert titles(prepared()) == ["Later", "Newer", "First, corrected"]


def test_a_prepared_list_is_compiled_for_each_language():
    """The order by title is by the page language's title: the SQL differs by language."""
    for en, az in (("Alpha", "Zeta"), ("Beta", "Yota"), ("Gamma", "Xi")):
        factories.make_article(
            title_en=en, title_az=az, publication_date=datetime.date(1990, 1, 20)
        )
    prepared = PreparedList(latest)
    with override("en"):
        assert titles(prepared()) == ["Alpha", "Beta", "Gamma"]
    with override("az"):
        assert titles(prepared()) == ["Xi", "Yota", "Zeta"]
    with override("en"):
        assert titles(prepared()) == ["Alpha", "Beta", "Gamma"]


def test_a_prepared_list_is_compiled_once_then_only_run(monkeypatch):
    factories.make_article(title_en="One")
    prepared = PreparedList(latest)
    compiled = []
    compile_list = PreparedList._compile
    monkeypatch.setattr(
        PreparedList, "_compile", lambda self: compiled.append(self) or compile_list(self)
    )
    with CaptureQueriesContext(connection) as captured:
        for _ in range(3):
            assert titles(prepared()) == ["One"]
    assert compiled == [prepared] and len(captured) == 3
