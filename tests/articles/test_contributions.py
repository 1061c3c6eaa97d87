"""What the articles contribute to the home page: the three latest published ones."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_the_latest_three_articles(client):
    assert 'id="articles-heading"' not in client.get(reverse("pages:home")).content.decode()
    articles = [factories.make_article() for _ in range(4)]
    draft = factories.make_article(is_published=False)
    page = client.get(reverse("pages:home")).content.decode()
    section = page[page.index('id="articles-heading"') :]
    shown = [article for article in articles if article.get_absolute_url() in section]
    assert len(shown) == 3
    assert draft.get_absolute_url() not in section
