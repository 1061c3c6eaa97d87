from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from memorial.curation.content_admin import PublishableAdmin

from .forms import PhotoAdminForm
from .models import Photo

THUMBNAIL_WIDTH = 80


@admin.register(Photo)
class PhotoAdmin(PublishableAdmin):
    form = PhotoAdminForm
    list_display = [
        "thumbnail",
        "title",
        "taken_date",
        "credit",
        "source",
        "public_state",
        "last_change",
    ]
    list_display_links = ["thumbnail", "title"]
    list_select_related = ["source", "updated_by"]
    list_filter = [
        "is_published",
        "kind",
        "is_featured",
        "is_home_image",
        "is_graphic",
        "is_decorative",
        "taken_precision",
    ]
    search_fields = ["title_en", "title_az", "title_ru", "slug", "credit", "source__title"]
    date_hierarchy = "taken_date"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["source", "events"]
    readonly_fields = ["preview", "width", "height"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "image", "preview", ("width", "height")]}),
        (
            _("Description"),
            {"fields": ["alt_text", "is_decorative", "caption", "is_graphic"]},
        ),
        (
            _("Provenance"),
            {
                "fields": [
                    "credit",
                    "source",
                    "rights",
                    "license_url",
                    ("taken_date", "taken_precision"),
                    "place",
                ]
            },
        ),
        (None, {"fields": ["kind", "events", "is_featured", "is_home_image", "sort_order"]}),
        (_("Publishing"), {"fields": ["is_published", "published_at"]}),
    ]

    def _image(self, obj, width):
        # A new upload not stored yet (the form came back with an error) has no address:
        # the file field shows it, kept, with its own preview.
        if not obj.image or not obj.image._committed:
            return "—"
        height = round(width * obj.height / obj.width) if obj.width and obj.height else width
        return format_html(
            '<img class="memorial-thumb" src="{}" alt="" width="{}" height="{}" loading="lazy">',
            obj.image.url,
            width,
            height,
        )

    @admin.display(description=_("photo"))
    def thumbnail(self, obj):
        return self._image(obj, THUMBNAIL_WIDTH)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return self._image(obj, 320)
