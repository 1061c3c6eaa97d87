import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from memorial.core.languages import ordinal
from memorial.core.models import (
    ContentManager,
    PublishableModel,
    PublishableQuerySet,
    SearchableModel,
    rich_text_field,
    text_field,
)

#: The night the troops entered Baku; every anniversary counts from it.
TRAGEDY_YEAR = 1990


class CommemorationQuerySet(PublishableQuerySet):
    # A list links to each year's page by its name, "36th anniversary (2026)".
    listed_fields = ("year",)


class CommemorationManager(ContentManager.from_queryset(CommemorationQuerySet)):
    def get_by_natural_key(self, year):
        return self.get(year=year)


class Commemoration(SearchableModel, PublishableModel):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    date = models.DateField(_("date"))
    minute_of_silence = models.BooleanField(
        _("minute of silence at 12:00 Baku time"), default=False
    )
    sound_signals = models.BooleanField(
        _("ships, cars and trains sound their horns"), default=False
    )
    flags_half_mast = models.BooleanField(_("flags at half-mast"), default=False)
    alley_of_martyrs = models.BooleanField(_("visits to the Alley of Martyrs"), default=False)
    events_abroad = models.BooleanField(_("events at embassies and in the diaspora"), default=False)
    observances = text_field(
        _("what was observed"), help_text=_("What happened that year, in our own words.")
    )
    description = rich_text_field(
        _("description"), help_text=_("Formatted text. Unsafe markup is removed on save.")
    )
    sources = models.ManyToManyField(
        "sources.Source", verbose_name=_("sources"), blank=True, related_name="commemorations"
    )
    articles = models.ManyToManyField(
        "articles.Article", verbose_name=_("articles"), blank=True, related_name="commemorations"
    )
    photos = models.ManyToManyField(
        "photos.Photo", verbose_name=_("photos"), blank=True, related_name="commemorations"
    )

    objects = CommemorationManager()
    search_fields = ("year", "observances", "description")

    class Meta:
        verbose_name = _("commemoration")
        verbose_name_plural = _("commemorations")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gt=TRAGEDY_YEAR),
                name="commemorations_commemoration_after_1990",
            ),
            models.CheckConstraint(
                condition=models.Q(date__year=models.F("year")),
                name="commemorations_commemoration_date_in_year",
            ),
        ]

    def __str__(self):
        return str(
            _("%(ordinal)s anniversary (%(year)s)")
            % {"ordinal": self.anniversary_ordinal, "year": self.year}
        )

    def get_absolute_url(self):
        return reverse("commemorations:detail", kwargs={"year": self.year})

    def natural_key(self):
        return (self.year,)

    natural_key.dependencies = ["sources.source", "articles.article", "photos.photo"]

    def clean(self):
        if self.year and self.date and self.date.year != self.year:
            raise ValidationError({"date": _("The date must fall in the commemoration's year.")})

    @property
    def is_recorded(self):
        """Whether anything is recorded of the year: a text or one of the observances.

        (Its sources, articles and photos are read on its own page.)"""
        return bool(
            self.observances
            or self.description
            or self.minute_of_silence
            or self.sound_signals
            or self.flags_half_mast
            or self.alley_of_martyrs
            or self.events_abroad
        )

    @property
    def anniversary(self):
        """Derived, never stored: the year says it all."""
        return self.year - TRAGEDY_YEAR

    @property
    def anniversary_ordinal(self):
        return ordinal(self.anniversary)

    @classmethod
    def default_date(cls, year):
        return datetime.date(year, 1, 20)
