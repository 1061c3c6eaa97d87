from django.views.generic import DetailView, ListView

from memorial.core.views import PublishedMixin

from .models import Figure


class FigureListView(PublishedMixin, ListView):
    model = Figure
    paginate_by = 24


class FigureDetailView(PublishedMixin, DetailView):
    model = Figure
    slug_field = "key"
    slug_url_kwarg = "key"
