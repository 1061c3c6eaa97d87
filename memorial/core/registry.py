"""The registry: what each topic app contributes to the parts of the site that span them all.

Search, the sitemap, open data, the content-health report, the main
navigation, the home page, the curators' workroom and the content loader
never name a topic app. They ask this registry, and each topic app tells it
what it brings.

How a topic app contributes
---------------------------

Give the app a module ``contributions.py`` (``memorial/<app>/contributions.py``)
holding a list named ``CONTRIBUTIONS``. The registry finds it by convention, as
Django's admin finds ``admin.py``: it reads the module of every installed app
that has one, in the order of ``INSTALLED_APPS``, the first time anything asks.
The module only declares; it registers nothing by side effect, so reading it
twice is harmless. Nothing else changes when a topic app is added: install it,
mount its URLs, and every cross-cutting part picks it up (`tests/newtopic/`
is such an app, installed by `tests/core/test_registry.py`).

::

    from django.db.models import Q
    from django.utils.translation import gettext_lazy as _

    from memorial.core import registry
    from memorial.opendata import tables

    from .models import Wreath


    def wreaths_without_giver():
        for wreath in Wreath.objects.filter(laid_by=""):
            yield wreath, _("Say who laid it.")


    def latest_wreaths(view):
        wreaths = list(view.published(Wreath.objects.order_by("-laid_on"))[:3])
        return {"wreaths": wreaths} if wreaths else None


    CONTRIBUTIONS = [
        registry.Content("wreaths.Wreath", order=70, rich_text=("body",)),
        registry.Navigation(_("Wreaths"), "wreaths:list", order=70),
        registry.Sitemap("wreaths.Wreath", list_url="wreaths:list", order=70),
        registry.SearchGroup(
            "wreaths", _("Wreaths"), "wreaths.Wreath", title_field="title",
            text_field="body", year_filter=lambda year: Q(laid_on__year=year), order=70,
        ),
        tables.Table(
            "wreaths",
            lambda: Wreath.objects.published(),
            [tables.attr("slug"), tables.URL, *tables.translated("title")],
            order=70,
        ),
        registry.HealthCheck(_("Wreaths without a giver"), wreaths_without_giver, order=70),
        registry.HomeSection("wreaths/_home.html", latest_wreaths, order=70),
    ]

What each kind of contribution means, and who reads it:

``Content``
    A model curators edit and visitors may see. Curators get add, change,
    delete and view on it; the workroom lists the app in this order; the
    health report checks its links and addresses (``rich_text`` names its
    formatted text fields); a backup is restored only where none exists.
``Navigation``
    A link in the site's main menu; the page is marked current when the
    visitor is anywhere in the URL namespace.
``SearchGroup``
    One kind of search result: its fields and how a year narrows it.
``Sitemap``
    The app's list page and every published object, in every language.
``tables.Table``
    An open-data table (CSV, JSON and in ``datapackage.json``): the published
    objects and how to read each field (``memorial/opendata/tables.py``).
``HealthCheck``
    Rows of the content-health report: ``find()`` yields ``(object, message)``.
``HomeSection``
    A section of the home page: ``context(view)`` returns the template's
    context (``view.published(queryset)`` is what the visitor may see), or
    nothing to leave the section out; ``lead=True`` puts it at the head of the
    page, under its introduction. A queryset left unread is read only when
    the template renders it, so a section kept with ``{% cache %}`` under the
    content version (``is_preview`` is in its context) reads nothing on a hit.

A fixture file is found by convention too: ``<fixtures>/<app label>.json``,
loaded after the files of the apps its models point at.

Every contribution has an ``order``; readers list contributions by it, then
by ``INSTALLED_APPS``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string, module_has_submodule

#: The module of an app that holds its contributions, and the list's name in it.
MODULE, NAME = "contributions", "CONTRIBUTIONS"


@dataclass(frozen=True)
class Content:
    """A model that curators edit and visitors may see."""

    model: str
    order: int = 100
    rich_text: tuple = ()

    def get_model(self):
        return apps.get_model(self.model)

    @property
    def app_label(self):
        return self.model.partition(".")[0]


@dataclass(frozen=True)
class Navigation:
    """A link of the main navigation, to a named URL of the app's namespace."""

    label: str
    url_name: str
    order: int = 100

    @property
    def section(self):
        return self.url_name.partition(":")[0]


@dataclass(frozen=True)
class SearchGroup:
    """One kind of content in search: where its title, snippet text and year come from."""

    key: str
    label: str
    model_label: str
    title_field: str
    text_field: str
    year_filter: Callable
    related: tuple = ()
    order: int = 100

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def for_year(self, year):
        return self.year_filter(year)


@dataclass(frozen=True)
class Sitemap:
    """The list page and every published object of a model, in every language."""

    model: str
    list_url: str
    order: int = 100

    def get_model(self):
        return apps.get_model(self.model)


@dataclass(frozen=True)
class HealthCheck:
    """A kind of problem in the content-health report; `find()` yields (object, message)."""

    title: str
    find: Callable
    order: int = 100


@dataclass(frozen=True)
class HomeSection:
    """A section of the home page: its template, and `context(view)` for it (falsy: left out).

    A `lead` section stands at the head of the page, under its introduction.
    """

    template: str
    context: Callable
    order: int = 100
    lead: bool = False


@cache
def _declared():
    """(app config, contribution) for every contribution of every installed app."""
    found = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, MODULE):
            declared = import_string(f"{app_config.name}.{MODULE}.{NAME}")
            found.extend((app_config, contribution) for contribution in declared)
    return tuple(found)


def contributions(kind):
    """Every contribution of `kind` (any class), by `order`, then by INSTALLED_APPS."""
    declared = [item for _app, item in _declared() if isinstance(item, kind)]
    return sorted(declared, key=lambda item: item.order)


def content_models():
    """The models of every `Content` contribution, in order."""
    return [content.get_model() for content in contributions(Content)]


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "INSTALLED_APPS":
        _declared.cache_clear()
