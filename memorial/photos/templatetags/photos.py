import re

from django import template
from django.core.files.storage import default_storage
from django.utils.encoding import filepath_to_uri
from django.utils.safestring import SafeString

from memorial.core.html import format_text_html
from memorial.core.languages import lang_attribute_of, shown_language
from memorial.photos.images import MEDIA_TYPES, rendition_formats

register = template.Library()

LOADING = {"lazy", "eager"}

#: The characters `filepath_to_uri` leaves as they are: a name made of them only
#: (every name the pipeline writes) is its own address path, with no quoting.
URI_SAFE_NAME = re.compile(r"[A-Za-z0-9_.~/!*()'-]*")


class RenditionAddresses:
    """The addresses of one photo's renditions, the storage asked as few times as it allows.

    A storage that writes a file's name at the end of its address as it is
    (local disk, a public bucket, a CDN in front of either) gives the address
    of the first rendition, and the others share its beginning. An address
    that does not end with the name, such as a signed one with its query
    string, is asked of the storage for every rendition.
    """

    def __init__(self, storage):
        self.storage = storage
        self.prefix = None

    def __call__(self, name):
        path = name if URI_SAFE_NAME.fullmatch(name) else filepath_to_uri(name)
        if self.prefix is not None:
            return self.prefix + path
        url = self.storage.url(name)
        if url.endswith(path):
            self.prefix = url[: len(url) - len(path)]
        return url


def _srcset(items, address):
    return ", ".join(f"{address(item['name'])} {item['width']}w" for item in items)


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
    extra = lang_attribute_of(alt_language)
    if css_class:
        extra = format_text_html('{} class="{}"', extra, css_class)
    address = RenditionAddresses(photo.image.storage if photo.image else default_storage)
    by_format = {}
    for item in sorted(photo.renditions or [], key=lambda item: item["width"]):
        by_format.setdefault(item["format"], []).append(item)
    fallback = by_format.get("jpeg")
    if not fallback:
        if not photo.image:
            return ""
        # Renditions not made yet: the stored original is itself a re-encoded copy.
        return format_text_html(
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
    sources = SafeString(
        "".join(
            format_text_html(
                '<source type="{}" srcset="{}" sizes="{}">',
                MEDIA_TYPES[kind],
                _srcset(by_format[kind], address),
                sizes,
            )
            for kind in rendition_formats()
            if kind != "jpeg" and kind in by_format
        )
    )
    return format_text_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="async"{}></picture>',
        sources,
        address(medium["name"]),
        _srcset(fallback, address),
        sizes,
        largest["width"],
        largest["height"],
        alt,
        loading,
        extra,
    )
