"""The story, "What happened": in our own words in three languages, every claim linked
to the timeline, the toll, the sources and the names; linked from the home page and the
navigation."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from memorial.articles.models import STORY_SLUG, Article

LANGUAGES = ("az", "en", "ru")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_paragraph_links_its_claims_and_every_link_answers(real_content, client, language):
    """Each paragraph has links; each leads to a page of the same language that exists."""
    story = Article.objects.get(slug=STORY_SLUG)
    body = getattr(story, f"body_{language}")
    paragraphs = re.findall(r"<p>(.*?)</p>", body, re.S)
    assert len(paragraphs) >= 10
    for paragraph in paragraphs:
        assert "<a href=" in paragraph, paragraph[:80]
    links = set(re.findall(r'href="([^"]+)"', body))
    kinds = {link.split("/")[2] for link in links}
    assert {"timeline", "toll", "sources", "names", "commemorations"} <= kinds
    for link in links:
        assert link.startswith(f"/{language}/"), link
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_story_is_about_five_minutes_of_reading(real_content, client, language):
    with override(language):
        story = Article.objects.get(slug=STORY_SLUG)
        assert 4 <= story.reading_minutes <= 6
        html = client.get(reverse("story:story")).content.decode()
        assert html.count("<h1") == 1 and story.title in html
    assert f'<html lang="{language}">' in html


def test_the_story_is_linked_from_the_navigation_and_the_head_of_the_home_page(
    real_content, client
):
    html = client.get(reverse("pages:home")).content.decode()
    story_url = reverse("story:story")
    nav = html[html.index('class="site-nav"') :]
    assert f'href="{story_url}"' in nav[: nav.index("</nav>")]
    lead = html.index('class="story-lead"')
    assert lead < html.index('class="anniversary"')
    assert "minutes of reading" in html[lead : lead + 1500]


def test_the_story_has_one_address(real_content, client):
    """The article's own address sends to /what-happened/, as the sitemap lists it."""
    response = client.get(reverse("articles:detail", kwargs={"slug": STORY_SLUG}))
    assert response.status_code == 301 and response["Location"] == reverse("story:story")
    assert Article.objects.get(slug=STORY_SLUG).get_absolute_url() == reverse("story:story")


def test_the_story_reads_in_few_queries(real_content, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert client.get(reverse("story:story")).status_code == 200
