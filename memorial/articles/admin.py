from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from memorial.curation.content_admin import PublishableAdmin

from .models import Article


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    list_display = [
        "title",
        "kind",
        "publisher",
        "publication_display",
        "public_state",
        "last_change",
    ]
    list_filter = ["is_published", "kind", "language", "publication_precision"]
    search_fields = ["title_en", "title_az", "title_ru", "slug", "author", "publisher"]
    date_hierarchy = "publication_date"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["sources", "events"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "author", "publisher", "language"]}),
        (
            _("Original publication"),
            {
                "fields": [
                    ("publication_date", "publication_precision"),
                    "publication_note",
                    "external_url",
                ]
            },
        ),
        (None, {"fields": ["summary", "body", "sources", "events"]}),
        (_("Publishing"), {"fields": ["is_published", "published_at"]}),
    ]

    @admin.display(description=_("published"), ordering="publication_date")
    def publication_display(self, obj):
        return obj.publication_display
