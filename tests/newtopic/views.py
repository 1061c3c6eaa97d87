from django.views.generic import DetailView, ListView

from memorial.web.views import PublishedMixin

from .models import Wreath


class WreathListView(PublishedMixin, ListView):
    model = Wreath
    template_name = "newtopic/list.html"


class WreathDetailView(PublishedMixin, DetailView):
    model = Wreath
    template_name = "newtopic/list.html"
