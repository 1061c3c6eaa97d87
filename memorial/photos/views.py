from django.views.generic import DetailView, ListView

from memorial.core.views import PublishedMixin

from .models import Photo


class PhotoListView(PublishedMixin, ListView):
    model = Photo
    paginate_by = 24


class PhotoDetailView(PublishedMixin, DetailView):
    model = Photo
    slug_field = "slug"
    slug_url_kwarg = "slug"
