from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from memorial.curation.content_admin import ContentInlineForm, PublishableAdmin
from memorial.sources.admin import SourceAdmin

from .models import Figure, Quantity


@admin.register(Figure)
class FigureAdmin(PublishableAdmin):
    list_display = [
        "value_display",
        "quantity",
        "scope",
        "as_of_display",
        "source",
        "reliability",
        "is_key",
        "public_state",
        "last_change",
    ]
    list_select_related = ["source", "updated_by"]
    list_filter = [
        "quantity",
        "is_key",
        "is_published",
        "qualifier",
        "source__kind",
        "source__reliability",
    ]
    search_fields = ["key", "scope_en", "scope_az", "scope_ru", "quote", "source__title"]
    date_hierarchy = "as_of_date"
    autocomplete_fields = ["source", "part_of"]
    actions = ["publish", "unpublish", "compare"]
    fieldsets = [
        (None, {"fields": ["key", "quantity", ("qualifier", "value_low", "value_high"), "scope"]}),
        (_("As of"), {"fields": [("as_of_date", "as_of_precision"), "as_of_note"]}),
        (_("Evidence"), {"fields": ["source", "locator", "quote", "note", "part_of", "reading"]}),
        (_("Publishing"), {"fields": ["is_published", "published_at", "is_key", "sort_order"]}),
    ]

    @admin.display(description=_("value"), ordering="value_low")
    def value_display(self, obj):
        return obj.value_display

    @admin.display(description=_("as of"), ordering="as_of_date")
    def as_of_display(self, obj):
        return obj.as_of_display

    @admin.display(description=_("reliability"), ordering="source__reliability")
    def reliability(self, obj):
        return obj.source.get_reliability_display()

    @admin.action(description=_("Compare with every figure counting the same thing"))
    def compare(self, request, queryset):
        quantities = sorted(set(queryset.values_list("quantity", flat=True)))
        url = reverse("admin:figures_figure_compare")
        return HttpResponseRedirect(f"{url}?{urlencode({'quantity': quantities}, doseq=True)}")

    def get_urls(self):
        return [
            path(
                "compare/",
                self.admin_site.admin_view(self.compare_view),
                name="figures_figure_compare",
            ),
            *super().get_urls(),
        ]

    def compare_view(self, request):
        """Side by side, every figure given for each quantity: drafts too, conflicts visible."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        wanted = [q for q in request.GET.getlist("quantity") if q in Quantity.values]
        figures = Figure.objects.select_related("source").order_by(
            "quantity", "as_of_date", "value_low", "pk"
        )
        if wanted:
            figures = figures.filter(quantity__in=wanted)
        spreads = {
            row["quantity"]: row
            for row in figures.order_by()
            .values("quantity")
            .annotate(low=Min("value_low"), high=Max("value_high"), top=Max("value_low"))
        }
        groups = []
        for figure in figures:
            if not groups or groups[-1]["quantity"] != figure.quantity:
                spread = spreads[figure.quantity]
                groups.append(
                    {
                        "quantity": figure.quantity,
                        "label": figure.get_quantity_display(),
                        "low": spread["low"],
                        "high": max(v for v in (spread["high"], spread["top"]) if v is not None),
                        "figures": [],
                    }
                )
            groups[-1]["figures"].append(figure)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Figures side by side"),
            "groups": groups,
            "quantities": Quantity.choices,
            "wanted": wanted,
        }
        return TemplateResponse(request, "admin/figures/figure/compare.html", context)


class FigureInline(TranslationStackedInline):
    """Figures are entered with the source that gives them."""

    model = Figure
    form = ContentInlineForm
    extra = 0
    show_change_link = True
    fields = [
        ("key", "quantity"),
        ("qualifier", "value_low", "value_high"),
        "scope",
        ("as_of_date", "as_of_precision"),
        "as_of_note",
        ("locator", "is_published"),
        "edited_version",
    ]


SourceAdmin.inlines = [*SourceAdmin.inlines, FigureInline]
