"""The memorial's own pages: home, about, the calendar of remembrance, robots.txt, the favicon."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import RedirectView, TemplateView, View

from memorial.core import registry
from memorial.web.citations import cite_page
from memorial.web.views import PublishedMixin

from .anniversary import anniversary_panel


class SectionRendering:
    """A topic app's section of the home page, rendered only when the page shows it.

    The home page keeps its sections in one `{% cache %}` fragment: while it is
    kept, no section reads its rows.
    """

    def __init__(self, section, view, context):
        self.section, self.view, self.context = section, view, context

    @cached_property
    def html(self):
        found = self.section.context(self.view)
        if not found:
            return ""
        return render_to_string(self.section.template, {**self.context, **found}, self.view.request)


class HomeView(PublishedMixin, TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        context["panel"] = anniversary_panel(now)
        # "Remembered today" changes with the day in Baku.
        context["today"] = timezone.localdate(now)
        # Each topic app's section, as it registered it (`registry.HomeSection`).
        shared = {"is_preview": context["is_preview"]}
        sections = [
            SectionRendering(section, self, shared)
            for section in registry.contributions(registry.HomeSection)
        ]
        context["lead_sections"] = [section for section in sections if section.section.lead]
        context["sections"] = [section for section in sections if not section.section.lead]
        return context


class AboutView(PublishedMixin, TemplateView):
    template_name = "pages/about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["citation"] = cite_page(
            _("About this memorial"),
            self.request.build_absolute_uri(reverse("pages:home")),
            timezone.localdate(),
        )
        return context


class RobotsView(View):
    http_method_names = ["get", "head"]

    def get(self, request):
        lines = [
            "User-agent: *",
            "Disallow: /*/admin/",
            "Disallow: /*/search/",
            f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        ]
        return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico on their own; send them to the static icon."""

    permanent = False
    http_method_names = ["get", "head"]

    def get_redirect_url(self, *args, **kwargs):
        return static("memorial/favicon.svg")
