import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import RedirectView, TemplateView, View

from .anniversary import anniversary_panel
from .search import SearchForm, is_postgresql, search, search_everything, search_groups, snippet


class PublishedMixin:
    """Every public view reads content through the model's `published()`.

    Staff may add `?preview=1` to see drafts before publishing them; such
    answers are never stored by a shared cache.
    """

    http_method_names = ["get", "head"]
    #: Relations of the one object a detail page shows, put in the context by name.
    related = ()

    def is_preview(self):
        user = self.request.user
        return self.request.GET.get("preview") == "1" and user.is_active and user.is_staff

    def published(self, queryset):
        """The part of `queryset` this visitor may see."""
        if self.is_preview():
            return queryset.all()
        return queryset.published()

    def get_queryset(self):
        return self.published(self.model._default_manager.all())

    def published_related(self, *names):
        """Prefetches for the named relations, each limited to what this visitor may see.

        The related model is read from the relation itself, so no topic app
        imports another; each is read as its lists show it (`listed()`).
        """
        prefetches = []
        for name in names:
            related = self.model._meta.get_field(name).related_model
            queryset = self.published(related._default_manager.listed())
            prefetches.append(Prefetch(name, queryset=queryset))
        return prefetches

    @cached_property
    def related_lists(self):
        """The relations in `related` of the one object shown, by name: what this visitor
        may see of each, read as its lists show it (`listed()`).

        One query a relation, through the object's related manager, run only when
        the page reads the list: a fragment the template keeps with `{% cache %}`
        reads none.
        """
        return {name: self.published(getattr(self.object, name).listed()) for name in self.related}

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if self.is_preview():
            # A draft seen by a curator must never be stored by a cache on the way.
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = self.is_preview()
        context.update(self.related_lists)
        context["structured_data"] = self.get_structured_data()
        return context

    def get_structured_data(self):
        """A schema.org description of the page; the organisation when None."""
        return None


class KindFilterMixin:
    """`?kind=` narrows a list to one of the model's kinds; an unknown kind is a 404."""

    kind_choices = None

    def get_kind(self):
        kind = self.request.GET.get("kind", "")
        if kind and kind not in dict(self.kind_choices):
            raise Http404(_("There is no such kind."))
        return kind

    def get_queryset(self):
        queryset = super().get_queryset()
        kind = self.get_kind()
        return queryset.filter(kind=kind) if kind else queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.get_kind()
        context["kinds"] = self.kind_choices
        context["kind"] = kind
        context["kind_label"] = dict(self.kind_choices).get(kind, "")
        return context


class HomeView(PublishedMixin, TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        from memorial.articles.models import Article
        from memorial.events.models import Event
        from memorial.figures.models import Figure
        from memorial.photos.models import Photo

        context = super().get_context_data(**kwargs)
        context["panel"] = anniversary_panel(timezone.now())
        context["key_figures"] = self.published(Figure.objects.key_figures()).shown()[:8]
        context["events"] = (
            self.published(Event.objects.filter(kind="main")).listed().in_timeline_order()[:5]
        )
        context["articles"] = self.published(Article.objects.listed())[:3]
        context["photos"] = self.published(Photo.objects.filter(is_featured=True).listed())[:4]
        return context


class AboutView(PublishedMixin, TemplateView):
    template_name = "core/about.html"

    def get_context_data(self, **kwargs):
        from .citations import cite_page

        context = super().get_context_data(**kwargs)
        context["citation"] = cite_page(
            _("About this memorial"),
            self.request.build_absolute_uri(reverse("core:home")),
            timezone.localdate(),
        )
        return context


class SearchView(PublishedMixin, TemplateView):
    """Results grouped by kind; `type=` pages through one kind."""

    template_name = "core/search.html"
    per_group = 5
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET or None)
        context = self.get_context_data(**kwargs)
        status = 400 if self.form.is_bound and not self.form.is_valid() else 200
        return self.render_to_response(context, status=status)

    def _visible(self, group):
        return self.published(group.model._default_manager.all())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        groups = []
        context["groups"] = groups
        if not self.form.is_bound or not self.form.is_valid() or not self.form.words():
            return context
        text = self.form.cleaned_data["q"]
        only = self.form.cleaned_data["type"]
        year = self.form.cleaned_data["year"]
        context["query"] = text
        context["year"] = year
        if only:
            group = next(group for group in search_groups() if group.key == only)
            queryset = search(group, self._visible(group), text, year)
            paginator = Paginator(queryset, self.paginate_by)
            if paginator.count == 0 and is_postgresql():
                queryset = search(group, self._visible(group), text, year, similar=True)
                paginator = Paginator(queryset, self.paginate_by)
            try:
                page = paginator.page(self.request.GET.get("page") or 1)
            except (PageNotAnInteger, EmptyPage) as error:
                raise Http404(_("There is no such page.")) from error
            context["page_obj"] = page
            context["only_label"] = group.label
            found = [(group, list(page))]
            more = False
        else:
            found = search_everything(self._visible, text, year, self.per_group + 1)
        for group, items in found:
            if not only:
                items, more = items[: self.per_group], len(items) > self.per_group
            if items:
                groups.append(
                    {
                        "key": group.key,
                        "label": group.label,
                        "results": [(item, snippet(group, item)) for item in items],
                        "more": more,
                    }
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


def _ical_text(value):
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def _ical_fold(line):
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode()
    chunks = []
    while len(encoded) > 75:
        cut = 75 if not chunks else 74
        while cut and (encoded[cut] & 0xC0) == 0x80:
            cut -= 1
        chunks.append(encoded[:cut].decode())
        encoded = encoded[cut:]
    chunks.append(encoded.decode())
    return "\r\n ".join(chunks)


class CommemorationCalendarView(View):
    """The day of remembrance, every 20 January, as an iCalendar feed."""

    http_method_names = ["get", "head"]

    def get(self, request):
        from django.conf import settings

        stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        host = request.get_host().split(":")[0]
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:-//{_ical_text(settings.MEMORIAL_SITE_NAME)}//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{_ical_text(settings.MEMORIAL_SITE_NAME)}",
            "BEGIN:VEVENT",
            f"UID:20-january-day-of-remembrance@{host}",
            f"DTSTAMP:{stamp}",
            "DTSTART;VALUE=DATE:19910120",
            "DTEND;VALUE=DATE:19910121",
            "RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20",
            f"SUMMARY:{_ical_text(_('20 January: Day of National Mourning'))}",
            "DESCRIPTION:"
            + _ical_text(
                _(
                    "In memory of the people killed in Baku on 19–20 January 1990. "
                    "A minute of silence is observed at 12:00 Baku time."
                )
            ),
            f"URL:{request.build_absolute_uri(reverse('commemorations:list'))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "BEGIN:VEVENT",
            f"UID:20-january-minute-of-silence@{host}",
            f"DTSTAMP:{stamp}",
            # Baku has kept UTC+4 all year since 2016: 12:00 in Baku is 08:00 UTC.
            "DTSTART:20170120T080000Z",
            "DURATION:PT1M",
            "RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20",
            f"SUMMARY:{_ical_text(_('Minute of silence (12:00 Baku time)'))}",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        body = "\r\n".join(_ical_fold(line) for line in lines) + "\r\n"
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="black-january.ics"'
        return response


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico on their own; send them to the static icon."""

    permanent = False
    http_method_names = ["get", "head"]

    def get_redirect_url(self, *args, **kwargs):
        return static("memorial/favicon.svg")
