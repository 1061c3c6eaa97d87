from itertools import groupby
from operator import attrgetter

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from memorial.web.views import PAGE_NUMBER, PublishedMixin

from . import jsonld
from .charts import toll_chart
from .models import Figure


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


class FigureListView(PublishedMixin, ListView):
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
        return (
            super()
            .get_queryset()
            .shown()
            .prefetch_related(*self.published_related(*counted_relations()))
        )

    def paginate_queryset(self, queryset, page_size):
        # The page's figures, read once for the tables, the charts and the JSON-LD alike.
        paginator, page, figures, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = self.figures = list(figures)
        for figure in self.figures:
            # How many of the people it counts have a page here (prefetched).
            figure.named = sum(len(getattr(figure, name).all()) for name in counted_relations())
        return paginator, page, self.figures, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quantities"] = [
            {
                "key": quantity,
                "label": figures[0].get_quantity_display(),
                "figures": figures,
                "chart": toll_chart(figures),
            }
            for quantity, figures in (
                (quantity, list(group))
                for quantity, group in groupby(self.figures, key=attrgetter("quantity"))
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
            sorted({str(figure.get_quantity_display()) for figure in self.figures}),
            {
                figure.source.key: (figure.source.title, figure.source.url)
                for figure in self.figures
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
        context["others"] = (
            self.published(Figure.objects.filter(quantity=self.object.quantity))
            .exclude(pk=self.object.pk)
            .shown()
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
