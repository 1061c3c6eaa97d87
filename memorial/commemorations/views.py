from django.views.generic import DetailView, ListView

from memorial.core.views import PublishedMixin

from . import jsonld
from .models import Commemoration


class CommemorationListView(PublishedMixin, ListView):
    """The archive: every year since 1991 with its anniversary number."""

    model = Commemoration
    paginate_by = 40


class CommemorationDetailView(PublishedMixin, DetailView):
    model = Commemoration
    slug_field = "year"
    slug_url_kwarg = "year"

    related = ("articles", "photos", "sources")

    def get_structured_data(self):
        return jsonld.commemoration(self.request, self.object)
