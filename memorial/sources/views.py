from django.views.generic import DetailView, ListView

from memorial.core.views import PublishedMixin

from .models import Source


class SourceListView(PublishedMixin, ListView):
    model = Source
    paginate_by = 24


class SourceDetailView(PublishedMixin, DetailView):
    model = Source
    slug_field = "key"
    slug_url_kwarg = "key"
