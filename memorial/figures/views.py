from itertools import groupby

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from memorial.core import jsonld
from memorial.core.languages import lang_attribute, written_lang_attribute
from memorial.core.views import PublishedMixin

from .charts import toll_chart
from .models import SHOWN_FIELDS, Figure, Quantity, in_toll_order


def toll_row(figure):
    """One figure as the toll writes it, worked out once for its table row, chart bar and label.

    Keys: figure, key, url, value, as_of, scope, note, locator, source_title,
    source_url, and source_lang, scope_lang and note_lang (` lang="…"`
    attributes or ""). Plain values, so the template only looks them up.
    """
    source = figure.source
    return {
        "figure": figure,
        "key": figure.key,
        "url": figure.get_absolute_url(),
        "value": figure.value_display,
        "as_of": figure.as_of_display,
        "scope": figure.scope,
        "note": figure.note,
        "locator": figure.locator,
        "source_title": source.title,
        "source_url": source.get_absolute_url(),
        "source_lang": written_lang_attribute(source.language),
        "scope_lang": lang_attribute(figure, "scope"),
        "note_lang": lang_attribute(figure, "note"),
    }


class FigureListView(PublishedMixin, ListView):
    """The toll: for each quantity, every source's figure side by side."""

    model = Figure
    paginate_by = 200
    template_name = "figures/figure_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("source")
            .only(*SHOWN_FIELDS)
            .order_by("quantity", "as_of_date", "sort_order", "pk")
        )

    def get_context_data(self, **kwargs):
        # Evaluated once for the tables, the charts and the JSON-LD alike.
        self.object_list = list(self.object_list)
        context = super().get_context_data(**kwargs)
        rows = [toll_row(figure) for figure in in_toll_order(context["object_list"])]
        context["quantities"] = [
            {
                "key": quantity,
                "label": Quantity(quantity).label,
                "rows": items,
                "chart": toll_chart(items),
            }
            for quantity, items in (
                (key, list(group))
                for key, group in groupby(rows, key=lambda row: row["figure"].quantity)
            )
        ]
        return context

    def get_structured_data(self):
        return jsonld.dataset(
            self.request,
            _("The toll of Black January"),
            _(
                "Every figure given for the dead, wounded, detained and missing, by source and date."
            ),
            reverse("figures:list"),
            self.object_list,
        )


class FigureDetailView(PublishedMixin, DetailView):
    model = Figure
    slug_field = "key"
    slug_url_kwarg = "key"

    def get_queryset(self):
        return super().get_queryset().select_related("source", "part_of")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["others"] = list(
            self.published(Figure.objects.filter(quantity=self.object.quantity))
            .exclude(pk=self.object.pk)
            .select_related("source")
            .order_by("as_of_date", "sort_order", "pk")
        )
        return context

    def get_structured_data(self):
        return jsonld.dataset(
            self.request,
            str(self.object),
            self.object.note or self.object.scope,
            self.object.get_absolute_url(),
            [self.object],
        )
