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


class TollRows:
    """The toll's rows, each figure worked out once for its table row and its chart bar.

    The page's language and the two addresses' patterns are found once for
    all the rows, not once a cell. A row's keys: `figure`; `value`, `as_of`
    and `source_title`, the texts the row and the bar's label share; `html`,
    the table row.
    """

    def __init__(self):
        self.language = active_language()
        self.figure_address = slug_addresses("figures:detail", "key")
        self.source_address = slug_addresses("sources:detail", "key")

    def row(self, figure):
        source = figure.source
        value, as_of, source_title = figure.value_display, figure.as_of_display, source.title
        scope, scope_language = text_in(figure, "scope", self.language)
        note, note_language = text_in(figure, "note", self.language)
        html = format_html(
            ROW_HTML,
            figure.key,
            self.figure_address(figure.key),
            value,
            self.source_address(source.key),
            written_lang_attribute(source.language, self.language),
            source_title,
            format_html(", {}", figure.locator) if figure.locator else "",
            as_of,
            lang_attribute_of(scope_language),
            scope,
            lang_attribute_of(note_language),
            note or "—",
        )
        return {
            "figure": figure,
            "value": value,
            "as_of": as_of,
            "source_title": source_title,
            "html": html,
        }


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
        toll = TollRows()
        rows = [toll.row(figure) for figure in in_toll_order(self.figures)]
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
