"""What every public view shares: one visibility rule, previews for staff, kinds of a list."""

from django.db.models import Prefetch
from django.http import Http404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _

from .prepared import PreparedPages, prepared


class PublishedMixin:
    """Every public view reads content through the model's `published()`.

    Staff may add `?preview=1` to see drafts before publishing them; such
    answers are never stored by a shared cache.
    """

    http_method_names = ["get", "head"]
    # Relations of the one object a detail page shows, put in the context as lists.
    related = ()
    _related = None

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

        For lists. The related model is read from the relation itself, so no
        topic app imports another; each is read as its lists show it (`listed()`).
        """
        prefetches = []
        for name in names:
            related = self.model._meta.get_field(name).related_model
            queryset = self.published(related._default_manager.listed())
            prefetches.append(Prefetch(name, queryset=queryset))
        return prefetches

    def read(self, key, build, *values):
        """`list(build(*values))`: compiled once for visitors (`core.prepared`), read afresh in a preview.

        `key` names the query within the view; `build` reads through `published()`.
        """
        if self.is_preview():
            return list(build(*values))
        return prepared((type(self), key, *self.query_key()), build, *values)

    def query_key(self):
        """What the view's queries take from the request beyond the values they look up."""
        return ()

    def get_paginator(self, queryset, per_page, **kwargs):
        """Pages whose count and objects are read through `read`."""
        return super().get_paginator(PreparedPages(self.read, queryset), per_page, **kwargs)

    def get_object(self, queryset=None):
        """The one object of a detail page, by its slug field, through `get_queryset()`."""
        if queryset is not None or self.slug_url_kwarg not in self.kwargs:
            return super().get_object(queryset)
        found = self.read("object", self._object_query, self.kwargs[self.slug_url_kwarg])
        if not found:
            raise Http404
        return found[0]

    def _object_query(self, value):
        return self.get_queryset().filter(**{self.get_slug_field(): value})[:1]

    def get_related(self):
        """The relations in `related` of the one object shown, as lists of what this visitor may see.

        One plain query a relation, each read as its lists show it (`listed()`):
        for a single object this costs less than half of what prefetch_related,
        which is made for lists, spends on the same query.
        """
        if self._related is None:
            self._related = {
                name: self.read(("related", name), self._related_query(name), self.object.pk)
                for name in self.related
            }
        return self._related

    def _related_query(self, name):
        """Build the query of the related objects of `name` for an object's key."""
        field = self.model._meta.get_field(name)
        # A relation declared on the other model is looked up by that model's field.
        lookup = field.field.name if field.auto_created else field.related_query_name()
        manager = field.related_model._default_manager
        return lambda pk: self.published(manager.filter(**{lookup: pk}).listed())

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
        context.update(self.get_related())
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

    def query_key(self):
        return (*super().query_key(), self.get_kind())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.get_kind()
        context["kinds"] = self.kind_choices
        context["kind"] = kind
        context["kind_label"] = dict(self.kind_choices).get(kind, "")
        return context
