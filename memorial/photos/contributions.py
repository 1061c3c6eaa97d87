"""What the photographs bring to search, the sitemap, open data, health, the menu and the home page."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from memorial.core import registry
from memorial.opendata import tables

from .health import photos_without_alt_text, photos_without_credit
from .models import Photo


def featured_photos(view):
    """The first four photographs a curator chose for the home page."""
    featured = Photo.objects.filter(is_featured=True, is_home_image=False).listed()
    return {"photos": view.published(featured)[:4]}


def home_image(view):
    """The image a curator chose for the head of the home page."""
    found = view.published(Photo.objects.filter(is_home_image=True).listed()).first()
    return {"photo": found} if found else None


CONTRIBUTIONS = [
    registry.Content("photos.Photo", order=30),
    registry.Navigation(_("Photos"), "photos:list", order=30),
    registry.HomeSection("photos/_home_image.html", home_image, order=4, lead=True),
    registry.Sitemap("photos.Photo", list_url="photos:list", order=30),
    registry.SearchGroup(
        "photos",
        _("Photos"),
        "photos.Photo",
        "title",
        "caption",
        lambda year: Q(taken_date__year=year),
        related=("source",),
        order=40,
    ),
    tables.Table(
        "photos",
        lambda: Photo.objects.published().select_related("source").prefetch_related("events"),
        [
            tables.attr("slug"),
            tables.URL,
            *tables.translated("title"),
            *tables.translated("caption"),
            *tables.translated("alt_text"),
            tables.attr("credit"),
            *tables.translated("rights"),
            tables.attr("license_url"),
            *tables.partial_date(Photo, "taken"),
            tables.attr("width", "integer"),
            tables.attr("height", "integer"),
            tables.attr("is_graphic", "boolean"),
            tables.Field("source", "string", lambda p: p.source.key, "key of the source"),
            tables.keys("events", "slug"),
        ],
        order=60,
    ),
    registry.HealthCheck(_("Photos without real alternative text"), photos_without_alt_text, 10),
    registry.HealthCheck(_("Photos without a credit"), photos_without_credit, order=11),
    registry.HomeSection("photos/_home.html", featured_photos, order=40),
]
