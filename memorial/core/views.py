from django.utils.cache import add_never_cache_headers
from django.views.generic import TemplateView


class PublishedMixin:
    """Every public view reads content through the model's `published()`.

    Staff may add `?preview=1` to see drafts before publishing them.
    """

    http_method_names = ["get", "head"]

    def is_preview(self):
        user = self.request.user
        return self.request.GET.get("preview") == "1" and user.is_active and user.is_staff

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if self.is_preview():
            # A draft seen by a curator must never be stored by a cache on the way.
            add_never_cache_headers(response)
        return response

    def get_queryset(self):
        manager = self.model._default_manager
        if self.is_preview():
            return manager.all()
        return manager.published()


class HomeView(TemplateView):
    http_method_names = ["get", "head"]
    template_name = "core/home.html"


class AboutView(TemplateView):
    http_method_names = ["get", "head"]
    template_name = "core/about.html"
