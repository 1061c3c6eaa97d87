from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from memorial.web.cache import not_kept
from memorial.web.views import PublishedMixin

from .engine import SearchForm, is_postgresql, search, search_everything, search_groups, snippet


class SearchView(PublishedMixin, TemplateView):
    """Results grouped by kind; `type=` pages through one kind."""

    template_name = "search/search.html"
    per_group = 5
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET or None)
        context = self.get_context_data(**kwargs)
        status = 400 if self.form.is_bound and not self.form.is_valid() else 200
        # Results follow `q`, `type` and `year`, which the page cache's key leaves out.
        return not_kept(self.render_to_response(context, status=status))

    def _visible(self, group):
        # Each row also carries how many rows the search finds in all (a window over
        # the search's own rows), so counting costs no query of its own.
        return self.published(group.model._default_manager.all()).annotate(
            found_count=Window(Count("pk"))
        )

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
            counts = {group.key: paginator.count}
        else:
            found = search_everything(self._visible, text, year, self.per_group + 1)
            counts = {}
        for group, items in found:
            if not only:
                items, more = items[: self.per_group], len(items) > self.per_group
                counts[group.key] = items[0].found_count if items else 0
            if items:
                groups.append(
                    {
                        "key": group.key,
                        "label": group.label,
                        "results": [(item, snippet(group, item)) for item in items],
                        "more": more,
                        "count": counts[group.key],
                    }
                )
        context["found"] = sum(group["count"] for group in groups)
        return context
