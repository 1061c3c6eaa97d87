from django.views.generic import DetailView, ListView

from memorial.web.views import PAGE_NUMBER, PublishedMixin

from . import jsonld
from .models import Photo


class PhotoListView(PublishedMixin, ListView):
    model = Photo
    paginate_by = 24
    page_parameters = {"page": PAGE_NUMBER}

    def get_queryset(self):
        return super().get_queryset().listed()


class PhotoDetailView(PublishedMixin, DetailView):
    model = Photo
    slug_field = "slug"
    slug_url_kwarg = "slug"

    related = ("events", "commemorations")

    def get_structured_data(self):
        return jsonld.image_object(self.request, self.object)
