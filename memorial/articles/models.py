from django.db import models
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from memorial.core.dates import DatePrecision, PartialDateField
from memorial.core.managers import SlugManager
from memorial.core.models import (
    PublishableModel,
    PublishableQuerySet,
    SearchableModel,
    rich_text_field,
    text_field,
    title_field,
)
from memorial.core.validators import http_url

#: The article that is the memorial's story, "What happened", at an address of its own.
STORY_SLUG = "what-happened"

#: Characters read in a minute at a careful pace, for "about five minutes of reading":
#: counted in characters, so an Azerbaijani word's suffixes weigh what English words do.
CHARACTERS_A_MINUTE = 900


class ArticleKind(models.TextChoices):
    OWN = "own", _("Our own text")
    SUMMARY = "summary", _("Summary of an external publication")
    REPORT = "report", _("Report")
    TESTIMONY = "testimony", _("Testimony")


#: What a list of articles shows of each: an entry (articles/_item.html) or a link.
#: The body is read on the article's own page.
LISTED_FIELDS = (
    "kind",
    "title",
    "slug",
    "publisher",
    "publication_date",
    "publication_precision",
    "publication_note",
    "summary",
)


class ArticleQuerySet(PublishableQuerySet):
    listed_fields = LISTED_FIELDS


class Article(SearchableModel, PublishableModel):
    title = title_field(max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ArticleKind.choices)
    author = models.CharField(_("author"), max_length=255, blank=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    publication_precision = models.CharField(
        _("publication date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    publication_note = models.CharField(
        _("note on the date"),
        max_length=255,
        blank=True,
        help_text=_("For example “undated; about 1999, inferred from the text”."),
    )
    language = models.CharField(
        _("language of the original"), max_length=20, blank=True, help_text=_("ISO code.")
    )
    summary = text_field(_("summary"), help_text=_("In our own words."))
    body = rich_text_field(
        _("body"), help_text=_("Formatted text. Unsafe markup is removed on save.")
    )
    external_url = models.URLField(
        _("original publication"), max_length=500, blank=True, validators=[http_url]
    )
    sources = models.ManyToManyField(
        "sources.Source", verbose_name=_("sources"), blank=True, related_name="articles"
    )
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("related events"), blank=True, related_name="articles"
    )
    publication = PartialDateField("publication_date", "publication_precision")

    objects = SlugManager.from_queryset(ArticleQuerySet)()
    search_fields = ("title", "author", "publisher", "summary", "body")

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publication_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ArticleKind.values), name="articles_article_kind_valid"
            ),
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("title_en")), 0),
                name="articles_article_title_not_blank",
            ),
            models.CheckConstraint(
                condition=models.Q(external_url="")
                | models.Q(external_url__startswith="http://")
                | models.Q(external_url__startswith="https://"),
                name="articles_article_external_url_http",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.slug == STORY_SLUG:
            return reverse("story:story")
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def is_story(self):
        return self.slug == STORY_SLUG

    @property
    def reading_minutes(self):
        """How long the body takes to read, in whole minutes (at least one)."""
        text = " ".join(strip_tags(self.body or "").split())
        return max(1, round(len(text) / CHARACTERS_A_MINUTE))

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["sources.source", "events.event"]

    @property
    def publication_display(self):
        if not self.publication and self.publication_note:
            return self.publication_note
        return str(self.publication)
