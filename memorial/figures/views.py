from itertools import groupby
from operator import itemgetter

from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from memorial.core.html import format_text_html
from memorial.core.languages import (
    active_language,
    lang_attribute_of,
    row_text_in,
    written_lang_attribute,
)
from memorial.core.links import reverse, slug_addresses
from memorial.core.views import PublishedMixin

from . import jsonld
from .charts import toll_chart
from .models import QUANTITY_LABELS, Figure, as_of_text, value_text

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

    Takes the rows of `FigureQuerySet.rows()` (plain values). The page's
    language, the two addresses' patterns and each quantity's label are found
    once for all the figures, not once a cell. A row's keys: `key`, `url`,
    `quantity`, `quantity_label`, `value`, `value_low`, `value_high`,
    `as_of`, `as_of_date`, `sort_order`, `scope`, `note`, `locator`,
    `source_key`, `source_title`, `source_url` (its page here),
    `source_original_url` (where it is published, or ""), and
    `source_lang`, `scope_lang` and `note_lang` (` lang="…"` when the text
    is in another language than the page's, else "").
    """

    def __init__(self):
        self.language = active_language()
        self.figure_address = slug_addresses("figures:detail", "key")
        self.source_address = slug_addresses("sources:detail", "key")
        self.labels = {}

    def quantity_label(self, quantity):
        label = self.labels.get(quantity)
        if label is None:
            label = self.labels[quantity] = str(QUANTITY_LABELS.get(quantity, quantity))
        return label

    def row(self, values):
        scope, scope_language = row_text_in(values, Figure, "scope", self.language)
        note, note_language = row_text_in(values, Figure, "note", self.language)
        as_of_note = row_text_in(values, Figure, "as_of_note", self.language)[0]
        return {
            "key": values["key"],
            "url": self.figure_address(values["key"]),
            "quantity": values["quantity"],
            "quantity_label": self.quantity_label(values["quantity"]),
            "value": value_text(values["qualifier"], values["value_low"], values["value_high"]),
            "value_low": values["value_low"],
            "value_high": values["value_high"],
            "as_of": as_of_text(values["as_of_date"], values["as_of_precision"], as_of_note),
            "as_of_date": values["as_of_date"],
            "sort_order": values["sort_order"],
            "scope": scope,
            "scope_lang": lang_attribute_of(scope_language),
            "note": note,
            "note_lang": lang_attribute_of(note_language),
            "locator": values["locator"],
            "source_key": values["source__key"],
            "source_title": values["source__title"],
            "source_url": self.source_address(values["source__key"]),
            "source_original_url": values["source__url"],
            "source_lang": written_lang_attribute(values["source__language"], self.language),
        }

    def rows(self, figures):
        return [self.row(values) for values in figures]


def toll_row_html(row):
    """The toll's table row of a figure (`FigureRows.row`)."""
    return format_text_html(
        ROW_HTML,
        row["key"],
        row["url"],
        row["value"],
        row["source_url"],
        row["source_lang"],
        row["source_title"],
        format_text_html(", {}", row["locator"]) if row["locator"] else "",
        row["as_of"],
        row["scope_lang"],
        row["scope"],
        row["note_lang"],
        row["note"] or "—",
    )


class FigureListView(PublishedMixin, ListView):
    """The toll: for each quantity, every source's figure side by side.

    Fifty figures a page, in the toll's order (`Figure.Meta.ordering`), so a
    long record is split into pages a phone can load; ten or fewer left over
    stay on the last page rather than make one of their own.
    """

    model = Figure
    paginate_by = 50
    paginate_orphans = 10
    template_name = "figures/figure_list.html"

    def get_queryset(self):
        return super().get_queryset().rows()

    def paginate_queryset(self, queryset, page_size):
        # The page's figures, read once for the tables, the charts and the JSON-LD alike.
        paginator, page, figures, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = self.rows = FigureRows().rows(figures)
        return paginator, page, self.rows, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quantities = []
        for quantity, group in groupby(self.rows, key=itemgetter("quantity")):
            items = list(group)
            quantities.append(
                {
                    "key": quantity,
                    "label": items[0]["quantity_label"],
                    "rows": items,
                    "rows_html": SafeString("\n    ".join(toll_row_html(row) for row in items)),
                    "chart": toll_chart(items),
                }
            )
        context["quantities"] = quantities
        return context

    def get_structured_data(self):
        return jsonld.dataset(
            self.request,
            _("The toll of Black January"),
            _(
                "Every figure given for the dead, wounded, detained and missing, by source and date."
            ),
            reverse("figures:list"),
            sorted({row["quantity_label"] for row in self.rows}),
            {
                row["source_key"]: (row["source_title"], row["source_original_url"])
                for row in self.rows
            }.values(),
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
            .rows()
        )
        return context

    def get_structured_data(self):
        source = self.object.source
        return jsonld.dataset(
            self.request,
            str(self.object),
            self.object.note or self.object.scope,
            self.object.get_absolute_url(),
            [str(self.object.get_quantity_display())],
            [(source.title, source.url)],
        )
