from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html, format_html_join

from memorial.core.languages import shown_language
from memorial.photos.images import MEDIA_TYPES, rendition_formats

register = template.Library()

LOADING = {"lazy", "eager"}


def _srcset(items, storage):
    return ", ".join(f"{storage.url(item['name'])} {item['width']}w" for item in items)


@register.simple_tag
def picture(photo, sizes="100vw", loading="lazy", css_class=""):
    """A `<picture>` with one `<source>` per modern format and a JPEG `<img>`.

    Only the stored renditions are offered, so no visitor ever receives the
    full-size original; `width` and `height` are the largest rendition's, which
    lets the browser reserve the space before the image arrives.
    """
    loading = loading if loading in LOADING else "lazy"
    alt = "" if photo.is_decorative else (photo.alt_text or "")
    # Alternative text in another language than the page's says which one.
    alt_language = "" if photo.is_decorative else shown_language(photo, "alt_text")
    extra = format_html(' lang="{}"', alt_language) if alt_language else ""
    if css_class:
        extra = format_html('{} class="{}"', extra, css_class)
    storage = photo.image.storage if photo.image else default_storage
    by_format = {}
    for item in sorted(photo.renditions or [], key=lambda item: item["width"]):
        by_format.setdefault(item["format"], []).append(item)
    fallback = by_format.get("jpeg")
    if not fallback:
        if not photo.image:
            return ""
        # Renditions not made yet: the stored original is itself a re-encoded copy.
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async"{}>',
            photo.image.url,
            photo.width or "",
            photo.height or "",
            alt,
            loading,
            extra,
        )
    largest = fallback[-1]
    medium = next((item for item in fallback if item["width"] >= 640), largest)
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (MEDIA_TYPES[kind], _srcset(by_format[kind], storage), sizes)
            for kind in rendition_formats()
            if kind != "jpeg" and kind in by_format
        ),
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="async"{}></picture>',
        sources,
        storage.url(medium["name"]),
        _srcset(fallback, storage),
        sizes,
        largest["width"],
        largest["height"],
        alt,
        loading,
        extra,
    )


@register.filter
def any_graphic(photos):
    """Whether a graphic image is among `photos`: the content notice is said only then."""
    return any(photo.is_graphic for photo in photos)
