"""Photos: the content notice only where a graphic image is shown; a card reads its
title first, then caption, credit and rights; the home page's image is chosen by a
curator and an illustration is labelled as one."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from memorial.photos.models import Photo
from tests import factories

NOTICE = "Some photographs show the dead and wounded"


@pytest.mark.django_db
def test_the_content_notice_is_said_only_where_a_graphic_image_is_shown(client):
    factories.make_photo(title_en="Carnations")
    html = client.get(reverse("photos:list")).content.decode()
    assert NOTICE not in html and "Content notice" not in html
    factories.make_photo(title_en="The dead in the morgue", is_graphic=True)
    html = client.get(reverse("photos:list")).content.decode()
    assert NOTICE in html and html.count("Content notice:") == 1


@pytest.mark.django_db
def test_a_card_reads_title_caption_credit_rights_in_that_order(client):
    photo = factories.make_photo(
        title_en="Carnations", caption_en="Laid on the steps.", credit="A. Photographer"
    )
    html = client.get(reverse("photos:list")).content.decode()
    card = html[html.index('class="photo-card"') :]
    order = [
        card.index(text)
        for text in ("Carnations", "Laid on the steps.", "A. Photographer", "Rights:")
    ]
    assert order == sorted(order)
    assert card.index(photo.get_absolute_url()) < card.index("<img")


@pytest.mark.django_db
def test_the_home_page_shows_the_image_a_curator_chose_labelled_as_an_illustration(client):
    factories.make_photo(title_en="Carnations", is_featured=True)
    chosen = factories.make_photo(title_en="The flame", kind="illustration", is_home_image=True)
    html = client.get(reverse("pages:home")).content.decode()
    head = html[html.index('class="home-image"') :]
    head = head[: head.index("</figure>")]
    assert "The flame" in head and "Illustration, not an archival photograph" in head
    assert html.index('class="home-image"') < html.index('class="anniversary"')
    # Chosen once: not again among the featured photographs.
    assert html.count(chosen.get_absolute_url()) == 1


@pytest.mark.django_db
def test_only_one_image_is_the_home_pages():
    factories.make_photo(is_home_image=True)
    second = factories.make_photo()
    second.is_home_image = True
    with pytest.raises(ValidationError):
        second.full_clean()


@pytest.mark.django_db
def test_a_photograph_is_not_labelled_an_illustration(client):
    photo = factories.make_photo(title_en="A street in 1990")
    assert Photo.objects.get(pk=photo.pk).kind == "photograph"
    html = client.get(photo.get_absolute_url()).content.decode()
    assert "Illustration, not an archival photograph" not in html


def test_every_illustration_of_the_fixtures_is_labelled_and_one_is_the_home_image(
    real_content, client
):
    assert Photo.objects.filter(is_home_image=True).count() == 1
    for photo in Photo.objects.published():
        assert photo.kind == "illustration"
        html = client.get(photo.get_absolute_url()).content.decode()
        assert "Illustration, not an archival photograph" in html
        assert "Content notice" not in html
