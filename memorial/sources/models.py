from django.db import models
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from memorial.core.dates import DatePrecision, PartialDateField
from memorial.core.languages import active_language
from memorial.core.models import (
    ContentManager,
    ContentQuerySet,
    SearchableModel,
    TimeStampedModel,
    text_field,
    title_field,
)
from memorial.core.validators import http_url

#: What a citation (sources/_citation.html) shows of a source; its search key,
#: reliability and notes are read on its own page.
LISTED_FIELDS = (
    "key",
    "title",
    "title_translation_az",
    "title_translation_en",
    "title_translation_ru",
    "language",
    "author",
    "publisher",
    "publisher_translation_az",
    "publisher_translation_en",
    "publisher_translation_ru",
    "date",
    "date_precision",
    "locator",
    "url",
)


class SourceQuerySet(ContentQuerySet):
    listed_fields = LISTED_FIELDS

    def published(self):
        # A source is public bibliography as soon as it exists; there are no
        # draft sources, but every reader still goes through this method.
        return self.all()

    def visible_to(self, user):
        return self.all()


class SourceManager(ContentManager.from_queryset(SourceQuerySet)):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class SourceKind(models.TextChoices):
    OFFICIAL_STATEMENT = "official", _("Official statement")
    GOVERNMENT_DOCUMENT = "government", _("Government or legal document")
    NGO_REPORT = "ngo", _("Report by a non-governmental organisation")
    BOOK = "book", _("Book or document collection")
    PRESS = "press", _("Newspaper or news agency")
    MAGAZINE = "magazine", _("Magazine")
    WEB_PAGE = "web", _("Web page")
    PHOTO_ARCHIVE = "photo", _("Photograph archive")
    REFERENCE = "reference", _("Encyclopaedia or reference work")
    OWN = "own", _("This memorial")


class Reliability(models.TextChoices):
    HIGH = "high", _("High: primary document or contemporary major press")
    MEDIUM = "medium", _("Medium: reputable secondary source")
    LOW = "low", _("Low: use with care")


class Source(SearchableModel, TimeStampedModel):
    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        help_text=_("A short permanent identifier, used in citations and fixtures."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    title = title_field(max_length=500)
    title_translation = models.CharField(
        _("our translation of the title"),
        max_length=500,
        blank=True,
        help_text=_(
            "The title in each language the source is not written in, shown beside the "
            "original. Leave empty in the source's own language."
        ),
    )
    author = models.CharField(_("author"), max_length=255, blank=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    publisher_translation = models.CharField(
        _("publisher's name in this language"),
        max_length=255,
        blank=True,
        help_text=_("Only where the name has an established form in the language."),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    url = models.URLField(_("web address"), max_length=500, blank=True, validators=[http_url])
    locator = models.CharField(
        _("page or locator"),
        max_length=255,
        blank=True,
        help_text=_("Page numbers, issue, article number or archive reference."),
    )
    language = models.CharField(
        _("language of the source"),
        max_length=20,
        blank=True,
        help_text=_("ISO code, for example az, en or ru."),
    )
    reliability = models.CharField(
        _("reliability"), max_length=10, choices=Reliability.choices, default=Reliability.MEDIUM
    )
    reliability_note = text_field(
        _("note on reliability"),
        help_text=_("Why this source can or cannot be relied on, and what remains to verify."),
    )
    issued = PartialDateField("date", "date_precision")

    objects = SourceManager()
    search_fields = ("key", "title", "author", "publisher", "locator", "reliability_note")

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SourceKind.values), name="sources_source_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(reliability__in=Reliability.values),
                name="sources_source_reliability_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(url="")
                | models.Q(url__startswith="http://")
                | models.Q(url__startswith="https://"),
                name="sources_source_url_http",
            ),
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("title")), 0),
                name="sources_source_title_not_blank",
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.key,)

    @classmethod
    def citing_relations(cls):
        """The relations through which published pages cite a source: every model with
        a page of its own that links to Source, whichever app declares it."""
        return [
            relation.get_accessor_name()
            for relation in cls._meta.related_objects
            if (relation.one_to_many or relation.many_to_many)
            and hasattr(relation.related_model, "get_absolute_url")
            and hasattr(relation.related_model._default_manager, "listed")
        ]

    def citing(self):
        """What cites this source, relation by relation, as the view prefetched it."""
        return [item for name in self.citing_relations() for item in getattr(self, name).all()]

    def get_absolute_url(self):
        return reverse("sources:detail", kwargs={"key": self.key})

    @property
    def shown_title_translation(self):
        """Our translation of the title into the page's language, beside the original;
        "" when the source is written in that language or none is given (no fallback)."""
        language = active_language()
        if (self.language or "").lower() == language:
            return ""
        return getattr(self, f"title_translation_{language}", "") or ""

    @property
    def shown_publisher(self):
        """The publisher's established name in the page's language, else as written."""
        return getattr(self, f"publisher_translation_{active_language()}", "") or self.publisher
