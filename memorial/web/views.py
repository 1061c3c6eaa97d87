"""What every public view shares: one visibility rule, previews for staff, kinds of a list."""

from functools import partial

from django.db.models import Prefetch
from django.http import Http404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _

#: Forms of the query parameters public views read. A view declares what it reads
#: in `page_parameters` ({name: form}); the page cache keeps a page per value of
#: those alone, and views answer a value they do not know with a 404.
PAGE_NUMBER = r"[1-9][0-9]{0,5}"
SLUG = r"[a-z]+(?:-[a-z]+)*"


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

        Each is one query through the object's related manager, made (and its
        queryset built) only when the page reads the list: a fragment the template
        keeps with `{% cache %}` reads none.
        """
        return {name: SimpleLazyObject(partial(self.published_list, name)) for name in self.related}

    def published_list(self, name):
        return self.published(getattr(self.object, name).listed())

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
        return context

    @cached_property
    def structured_data(self):
        """The page's schema.org description, read by the template only when it shows it:
        a page keeps it in a `{% cache %}` fragment."""
        return self.get_structured_data()

    def get_structured_data(self):
        """A schema.org description of the page; the organisation when None."""
        return None


class PageObjectsMixin:
    """A paginated list whose page of objects is read once, and only when something reads
    `page_objects`: a list the template keeps in a `{% cache %}` fragment reads none."""

    def paginate_queryset(self, queryset, page_size):
        paginator, self.page, objects, is_paginated = super().paginate_queryset(queryset, page_size)
        return paginator, self.page, objects, is_paginated

    @cached_property
    def page_objects(self):
        # Kept on the page too, so that the page's own uses read no row again.
        self.page.object_list = list(self.page.object_list)
        return self.page.object_list


class KindFilterMixin:
    """`?kind=` narrows a list to one of the model's kinds; an unknown kind is a 404."""

    kind_choices = None
    page_parameters = {"kind": SLUG}

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
