from itertools import groupby
from operator import attrgetter

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from memorial.web.views import PAGE_NUMBER, PageObjectsMixin, PublishedMixin

from . import jsonld
from .charts import parts_by_total, toll_chart
from .models import Figure, Reading
from .summary import reading_anchor, toll_summary


def in_bands(quantity, figures):
    """The rows of one quantity: grouped by their reading in the summary (the earliest
    reports, official counts ...), each total followed by its parts.

    A part is read with its total: it goes where its total goes.
    """
    here = {figure.pk: figure for figure in figures}
    parts = parts_by_total(figures)
    ordered = []

    def add(figure, depth):
        ordered.append((figure, depth))
        for part in parts.get(figure.pk, []):
            add(part, depth + 1)

    for figure in figures:
        if figure.part_of_id not in here:
            add(figure, 0)
    bands = []
    for reading in [*Reading, None]:
        rows = [row for row in ordered if (reading_of(row[0], here) or None) == reading]
        if rows:
            bands.append(
                {
                    "label": reading.label if reading else "",
                    "anchor": reading_anchor(quantity, reading) if reading else "",
                    "rows": rows,
                }
            )
    return bands


def reading_of(figure, here):
    """A figure's reading, or that of the total on this page it is a part of."""
    while not figure.reading and figure.part_of_id in here:
        figure = here[figure.part_of_id]
    return figure.reading


def counted_relations():
    """The relations through which pages of their own link to the figures that count
    them (the people a figure counts, when the names memorial is installed)."""
    return [
        relation.get_accessor_name()
        for relation in Figure._meta.related_objects
        if relation.many_to_many
        and hasattr(relation.related_model, "get_absolute_url")
        and hasattr(relation.related_model._default_manager, "listed")
    ]


class FigureListView(PageObjectsMixin, PublishedMixin, ListView):
    """The toll: for each quantity, every source's figure side by side.

    Fifty figures a page, in the toll's order (`Figure.Meta.ordering`), so a
    long record is split into pages a phone can load; ten or fewer left over
    stay on the last page rather than make one of their own.
    """

    model = Figure
    paginate_by = 50
    page_parameters = {"page": PAGE_NUMBER}
    paginate_orphans = 10
    template_name = "figures/figure_list.html"

    def get_queryset(self):
        return super().get_queryset().shown()

    def named(self, figures):
        """{figure's pk: how many of the people it counts have a page here}: one query a
        counting relation, the people read as this visitor may see them."""
        counts = {}
        for name in counted_relations():
            related = Figure._meta.get_field(name).related_model
            visible = self.published(related._default_manager.all()).values("pk")
            for pk, count in (
                Figure.objects.filter(pk__in=[figure.pk for figure in figures])
                .annotate(named=Count(name, filter=Q(**{f"{name}__in": visible})))
                .values_list("pk", "named")
            ):
                counts[pk] = counts.get(pk, 0) + count
        return counts

    @cached_property
    def quantities(self):
        """The tables and charts, one a quantity: read only when the template's fragment
        for this page is not in the cache."""
        named = self.named(self.page_objects)
        for figure in self.page_objects:
            figure.named = named.get(figure.pk, 0)
        return [
            {
                "key": quantity,
                "label": figures[0].get_quantity_display(),
                "figures": figures,
                "bands": in_bands(quantity, figures),
                "chart": toll_chart(figures, self.page_objects),
            }
            for quantity, figures in (
                (quantity, list(group))
                for quantity, group in groupby(self.page_objects, key=attrgetter("quantity"))
            )
        ]

    @cached_property
    def spans(self):
        """The summary at a glance: (the spans of the dead, the spans of the rest)."""
        return toll_summary(self.page_objects)

    def get_structured_data(self):
        return jsonld.dataset(
            self.request,
            _("The toll of Black January"),
            _(
                "Every figure given for the dead, wounded, detained and missing, by source and date."
            ),
            reverse("figures:list"),
            sorted({str(figure.get_quantity_display()) for figure in self.page_objects}),
            {
                figure.source.key: (figure.source.title, figure.source.url)
                for figure in self.page_objects
            }.values(),
        )


class FigureDetailView(PublishedMixin, DetailView):
    model = Figure
    slug_field = "key"
    slug_url_kwarg = "key"

    def get_queryset(self):
        # The title names the source; what the figure is part of is read with the body.
        return super().get_queryset().select_related("source")

    @cached_property
    def others(self):
        """The other sources' figures for the same count, read only when the template's
        fragment for this figure is not in the cache."""
        return (
            self.published(Figure.objects.filter(quantity=self.object.quantity))
            .exclude(pk=self.object.pk)
            .shown()
        )

    @cached_property
    def named(self):
        """The people this figure counts who have a page here, as this visitor may see
        them (the names memorial's, when it is installed); read only when the
        template's fragment for this figure is not in the cache."""
        return [
            item
            for name in counted_relations()
            for item in self.published(getattr(self.object, name).listed())
        ]

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
