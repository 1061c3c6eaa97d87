from itertools import groupby

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from memorial.core import jsonld
from memorial.core.languages import (
    active_language,
    lang_attribute_of,
    text_in,
    written_lang_attribute,
)
from memorial.core.links import reverse, slug_addresses
from memorial.core.views import PublishedMixin

from .charts import toll_chart
from .models import Figure, Quantity, in_toll_order

# A toll row's cells. Rows are written here, as Django's admin writes its change
# list rows (`items_for_result`): a table has as many rows as there are figures,
# and a row is a handful of escaped texts. The table's frame, caption and headers
# stay in `figures/figure_list.html`.
ROW_HTML = (
    '<tr id="figure-{}">\n'
    '      <th scope="row" class="figure-value"><a href="{}">{}</a></th>\n'
    '      <td><a href="{}"{}>{}</a>{}</td>\n'
    "      <td>{}</td>\n"
    "      <td{}>{}</td>\n"
    "      <td{}>{}</td>\n"
    "    </tr>"
)


class FigureRows:
    """Figures as the toll's rows and the figure cards show them, each worked out once.

    The page's language and the two addresses' patterns are found once for
    all the figures, not once a cell. A row's keys: `figure`, `key`, `url`,
    `value`, `as_of`, `scope`, `note`, `locator`, `source_title`,
    `source_url`, and `source_lang`, `scope_lang` and `note_lang` (` lang="…"`
    when the text is in another language than the page's, else "").
    """

    def __init__(self):
        self.language = active_language()
        self.figure_address = slug_addresses("figures:detail", "key")
        self.source_address = slug_addresses("sources:detail", "key")

    def row(self, figure):
        source = figure.source
        scope, scope_language = text_in(figure, "scope", self.language)
        note, note_language = text_in(figure, "note", self.language)
        return {
            "figure": figure,
            "key": figure.key,
            "url": self.figure_address(figure.key),
            "value": figure.value_display,
            "as_of": figure.as_of_display,
            "scope": scope,
            "scope_lang": lang_attribute_of(scope_language),
            "note": note,
            "note_lang": lang_attribute_of(note_language),
            "locator": figure.locator,
            "source_title": source.title,
            "source_url": self.source_address(source.key),
            "source_lang": written_lang_attribute(source.language, self.language),
        }

    def rows(self, figures):
        return [self.row(figure) for figure in figures]


def toll_row_html(row):
    """The toll's table row of a figure (`FigureRows.row`)."""
    return format_html(
        ROW_HTML,
        row["key"],
        row["url"],
        row["value"],
        row["source_url"],
        row["source_lang"],
        row["source_title"],
        format_html(", {}", row["locator"]) if row["locator"] else "",
        row["as_of"],
        row["scope_lang"],
        row["scope"],
        row["note_lang"],
        row["note"] or "—",
    )


class FigureListView(PublishedMixin, ListView):
    """The toll: for each quantity, every source's figure side by side."""

    model = Figure
    paginate_by = 200
    template_name = "figures/figure_list.html"

    def get_queryset(self):
        return (
            super().get_queryset().listed().order_by("quantity", "as_of_date", "sort_order", "pk")
        )

    def paginate_queryset(self, queryset, page_size):
        # The page's figures are read once, for the tables, the charts and the JSON-LD alike.
        paginator, page, figures, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = self.figures = list(figures)
        return paginator, page, self.figures, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = FigureRows().rows(in_toll_order(self.figures))
        for row in rows:
            row["html"] = toll_row_html(row)
        context["quantities"] = [
            {
                "key": quantity,
                "label": str(Quantity(quantity).label),
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
            self.figures,
        )


class FigureDetailView(PublishedMixin, DetailView):
    model = Figure
    slug_field = "key"
    slug_url_kwarg = "key"

    def get_queryset(self):
        return super().get_queryset().select_related("source", "part_of")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["others"] = FigureRows().rows(
            self.published(Figure.objects.filter(quantity=self.object.quantity))
            .exclude(pk=self.object.pk)
            .listed()
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
