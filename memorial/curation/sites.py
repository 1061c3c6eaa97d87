"""The curators' admin site: the memorial's name, topics in reading order, content health."""

from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from memorial.core import registry

from .health import sorted_problems
from .models import Acknowledgement, object_key

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
    # The lists need the width of a laptop's screen; the breadcrumbs lead back to the index.
    enable_nav_sidebar = False

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
            path(
                "health/acknowledge/",
                self.admin_view(require_POST(self.acknowledge_view)),
                name="content_health_acknowledge",
            ),
            *super().get_urls(),
        ]

    def content_health_view(self, request):
        """Everything a curator must fix, grouped by kind of problem with counts; the
        problems a curator acknowledged are listed apart and no longer count."""
        open_problems, known = sorted_problems()
        groups = {}
        for problem in open_problems:
            groups.setdefault(problem.check, []).append(problem)
        context = {
            **self.each_context(request),
            "title": _("Content health"),
            "groups": [
                {"check": check, "problems": problems, "anchor": f"check-{n}"}
                for n, (check, problems) in enumerate(groups.items(), 1)
            ],
            "problem_count": sum(len(problems) for problems in groups.values()),
            "acknowledged": known,
        }
        return TemplateResponse(request, "admin/content_health.html", context)

    def acknowledge_view(self, request):
        """Acknowledge a known gap (it stops counting), or count it again."""
        content_type = get_object_or_404(ContentType, pk=request.POST.get("content_type") or 0)
        model = content_type.model_class()
        if model is None:
            raise PermissionDenied
        codename = get_permission_codename("change", model._meta)
        if not request.user.has_perm(f"{model._meta.app_label}.{codename}"):
            raise PermissionDenied
        obj = get_object_or_404(model._default_manager, pk=request.POST.get("object_id") or 0)
        check = request.POST.get("check", "")[:200]
        found = Acknowledgement.objects.filter(
            check_key=check, content_type=content_type, object_key=object_key(obj)
        )
        if "count_again" in request.POST:
            found.delete()
            self.message_user(request, _("“%(item)s” counts again.") % {"item": obj})
        elif check and not found.exists():
            Acknowledgement.objects.create(
                check_key=check,
                content_type=content_type,
                object_key=object_key(obj),
                note=request.POST.get("note", "")[:500],
                acknowledged_by=request.user,
            )
            self.message_user(
                request,
                _("“%(item)s” is acknowledged: it no longer counts as a problem.") % {"item": obj},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:content_health"))

    def message_user(self, request, message, level=messages.INFO):
        messages.add_message(request, level, message)
