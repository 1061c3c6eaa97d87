from django.views.generic import DetailView, ListView

from memorial.core.views import PublishedMixin

from .models import Commemoration


class CommemorationListView(PublishedMixin, ListView):
    model = Commemoration
    paginate_by = 24


class CommemorationDetailView(PublishedMixin, DetailView):
    model = Commemoration
    slug_field = "year"
    slug_url_kwarg = "year"
