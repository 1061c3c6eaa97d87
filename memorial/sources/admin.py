from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from memorial.curation.content_admin import ContentAdmin

from .models import Source


def citing_objects(source):
    """Everything that cites a source through a many-to-many link."""
    for relation in Source._meta.related_objects:
        if relation.many_to_many:
            yield from getattr(source, relation.get_accessor_name()).all()


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = [
        "title",
        "key",
        "kind",
        "publisher",
        "date",
        "reliability",
        "last_change",
    ]
    list_filter = ["kind", "reliability", "date_precision", "language"]
    search_fields = ["title", "key", "author", "publisher", "locator"]
    date_hierarchy = "date"
    prepopulated_fields = {"key": ["title"]}
    #: Topic apps whose records are entered with their source add their inlines here.
    inlines = []
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "title_translation",
                    "key",
                    "kind",
                    "author",
                    "publisher",
                    "publisher_translation",
                ]
            },
        ),
        (_("Date"), {"fields": [("date", "date_precision")]}),
        (_("Where to find it"), {"fields": ["url", "locator", "language"]}),
        (_("Reliability"), {"fields": ["reliability", "reliability_note"]}),
    ]

    def get_deleted_objects(self, objs, request):
        """A cited source stays: deleting it would leave claims without evidence."""
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        citing = [self._describe(obj) for source in objs for obj in citing_objects(source)]
        return to_delete, model_count, perms_needed, [*protected, *citing]

    def _describe(self, obj):
        opts = obj._meta
        label = capfirst(opts.verbose_name)
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        except NoReverseMatch:
            return f"{label}: {obj}"
        return format_html('{}: <a href="{}">{}</a>', label, url, obj)
