"""The curators' admin site: the memorial's name, topics in reading order, content health."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from memorial.core import registry

from .health import find_problems

#: After the topics (in the order their content is registered), the bookkeeping.
BOOKKEEPING_ORDER = ["core", "auth", "axes"]


def app_order():
    """The index lists topics as a visitor meets them, then the bookkeeping."""
    topics = [content.app_label for content in registry.contributions(registry.Content)]
    return list(dict.fromkeys([*topics, *BOOKKEEPING_ORDER]))


class MemorialAdminSite(admin.AdminSite):
    site_header = _("Black January Memorial: curators’ workroom")
    site_title = _("Black January Memorial")
    index_title = _("The memorial’s content")

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)

        order = app_order()

        def position(app):
            label = app["app_label"]
            return order.index(label) if label in order else len(order)

        return sorted(app_list, key=position)

    def waiting(self, request):
        """[(what, how many, address)] for each model whose admin says what waits for a
        curator (a `waiting(request)` method giving the count and the list's address)."""
        found = []
        for model, model_admin in self._registry.items():
            count_waiting = getattr(model_admin, "waiting", None)
            if callable(count_waiting) and model_admin.has_view_permission(request):
                count, url = count_waiting(request)
                found.append((model._meta.verbose_name_plural, count, url))
        return found

    def index(self, request, extra_context=None):
        extra_context = {"waiting": self.waiting(request), **(extra_context or {})}
        return super().index(request, extra_context)

    def get_urls(self):
        return [
            path("health/", self.admin_view(self.content_health_view), name="content_health"),
            *super().get_urls(),
        ]

    def content_health_view(self, request):
        """Everything a curator must fix, grouped by kind of problem."""
        problems = find_problems()
        groups = {}
        for problem in problems:
            groups.setdefault(problem.check, []).append(problem)
        context = {
            **self.each_context(request),
            "title": _("Content health"),
            "groups": groups,
            "problem_count": len(problems),
        }
        return TemplateResponse(request, "admin/content_health.html", context)


class MemorialAdminConfig(AdminConfig):
    """Installed in place of `django.contrib.admin`, so `admin.site` is the memorial's."""

    default_site = "memorial.curation.sites.MemorialAdminSite"
