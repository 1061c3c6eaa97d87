"""The `{% picture %}` tag and the photo include."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template

from memorial.photos import images
from tests.factories import make_photo
from tests.photos import files

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load photos %}" + source).render(Context(context))


@pytest.fixture
def wide_photo():
    content = files.encode(files.detailed_image((2000, 1000)), "JPEG")
    return make_photo(image=SimpleUploadedFile("wide.jpg", content))


def test_picture_offers_every_rendition_with_width_and_height(wide_photo):
    """One <source> per modern format and a JPEG <img> with srcset, sizes, width and height."""
    html = render('{% picture photo sizes="50vw" %}', photo=wide_photo)
    assert html.startswith("<picture>") and html.endswith("</picture>")
    modern = [kind for kind in images.rendition_formats() if kind != "jpeg"]
    types = re.findall(r'<source type="([^"]+)"', html)
    assert types == [images.MEDIA_TYPES[kind] for kind in modern]
    for kind in images.rendition_formats():
        for width in (320, 640, 1024, 1600):
            name = images.rendition_name(wide_photo.image.name, width, kind)
            assert f"/media/{name} {width}w" in html
    img = re.search(r"<img [^>]+>", html).group(0)
    assert 'width="1600"' in img and 'height="800"' in img
    assert 'sizes="50vw"' in img and 'loading="lazy"' in img
    assert 'alt="Red carnations laid on a stone step."' in img


def test_picture_never_offers_the_original(wide_photo):
    """The full-size original is never in the markup the gallery sends."""
    html = render("{% picture photo %}", photo=wide_photo)
    assert wide_photo.image.url not in html


def test_picture_loading_is_lazy_unless_eager_is_asked(wide_photo):
    """Above-the-fold images may load eagerly; any other value falls back to lazy."""
    assert 'loading="eager"' in render('{% picture photo loading="eager" %}', photo=wide_photo)
    assert 'loading="lazy"' in render('{% picture photo loading="x" %}', photo=wide_photo)


def test_decorative_picture_has_empty_alt():
    """A decorative image is skipped by screen readers."""
    photo = make_photo(is_decorative=True)
    assert 'alt=""' in render("{% picture photo %}", photo=photo)


def test_alt_text_is_escaped():
    """Alternative text can never break out of its attribute."""
    photo = make_photo(alt_text_en='Carnations "and" <b>')
    html = render("{% picture photo %}", photo=photo)
    assert 'alt="Carnations &quot;and&quot; &lt;b&gt;"' in html


def test_photo_include_shows_credit_source_and_rights_as_image_object(wide_photo):
    """Wherever a photo appears, its credit, source and rights are shown and marked up."""
    html = render('{% include "photos/_image.html" with photo=photo %}', photo=wide_photo)
    assert 'itemtype="https://schema.org/ImageObject"' in html
    assert '<span itemprop="creditText">Black January Memorial</span>' in html
    assert 'itemprop="copyrightNotice">Made for this site; free to reuse with credit.' in html
    assert wide_photo.source.get_absolute_url() in html
    assert "<picture>" in html and "srcset=" in html


def test_graphic_photo_is_shown_only_behind_a_content_notice():
    """A graphic photograph sits inside a closed <details> with a notice."""
    photo = make_photo(is_graphic=True)
    html = render('{% include "photos/_image.html" with photo=photo %}', photo=photo)
    notice = html.index('<details class="graphic-notice">')
    assert notice < html.index("<summary>Content notice") < html.index("<picture>")
    assert "<details open" not in html
