"""The toll: every figure that has been given, by whom, and as of when.

Several figures for the same quantity from different sources coexist; that is
the point. None of them is the single truth.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from memorial.core.dates import DatePrecision, PartialDateField
from memorial.core.languages import az_ablative_suffix
from memorial.core.models import (
    ContentManager,
    PublishableModel,
    PublishableQuerySet,
    SearchableModel,
    text_field,
)
from memorial.core.validators import TEXT_VALIDATORS


class Quantity(models.TextChoices):
    KILLED = "killed", _("People killed")
    MORTALLY_WOUNDED = "mortally_wounded", _("People mortally wounded")
    INJURED = "injured", _("People wounded or injured")
    SOUGHT_MEDICAL_HELP = "sought_medical_help", _("People who sought medical help")
    FORENSIC_CASES = "forensic_cases", _("Forensic bureau cases")
    DETAINED = "detained", _("People detained")
    IMPRISONED_OUTSIDE = "imprisoned_outside", _("People sent to prisons outside Azerbaijan")
    MISSING = "missing", _("People missing")
    RECOGNISED_MARTYRS = "recognised_martyrs", _("People recognised as martyrs of 20 January")
    HOUSES_FIRED_UPON = "houses_fired_upon", _("Houses fired upon")
    VEHICLES_FIRED_UPON = "vehicles_fired_upon", _("Vehicles fired upon")
    TROOPS_DEPLOYED = "troops_deployed", _("Troops deployed")
    FUNERAL_ATTENDANCE = "funeral_attendance", _("People at the funeral of 22 January")
    SOVIET_FORCES_KILLED = "soviet_forces_killed", _("Soviet soldiers and police killed")
    SOVIET_FORCES_INJURED = "soviet_forces_injured", _("Soviet soldiers injured")


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    AT_LEAST = "at_least", _("at least")
    ABOUT = "about", _("about")
    MORE_THAN = "more_than", _("more than")
    RANGE = "range", _("between")


class Reading(models.TextChoices):
    """Where a figure stands in the toll's plain summary of the dead."""

    FIRST_REPORTS = "first_reports", _("The earliest reports")
    OFFICIAL = "official", _("Official counts")
    LATER_ACCOUNTS = "later_accounts", _("The press and later accounts")
    HIGHEST = "highest", _("The highest estimates")


QUANTITY_LABELS = dict(Quantity.choices)
QUALIFIER_LABELS = dict(Qualifier.choices)

#: Where a quantity comes in the toll: in the order of `Quantity`, killed first.
#: Worked out by the database from the quantity itself (`Figure.quantity_rank`),
#: so that every page of the toll and the home page's key figures come out of
#: the database in the toll's order.
QUANTITY_RANK = models.Case(
    *(
        models.When(quantity=value, then=models.Value(rank))
        for rank, value in enumerate(Quantity.values)
    ),
    default=models.Value(len(Quantity.values)),
    output_field=models.PositiveSmallIntegerField(),
)

#: The toll's order: by quantity, then by date (undated last), then as the curator set it.
TOLL_ORDER = ("quantity_rank", models.F("as_of_date").asc(nulls_last=True), "sort_order", "pk")


def value_text(qualifier, low, high):
    """A figure's value in words: "131", "at least 300", "130-dan çox", "744–800".

    The one writer of a figure's number: digits grouped by no-break spaces, and the
    qualifier joined to the number by one, so "около 26 000" never splits.
    """
    text = number_format(low, force_grouping=True)
    if qualifier == Qualifier.RANGE:
        return f"{text}–{number_format(high, force_grouping=True)}"
    if qualifier == Qualifier.EXACT:
        return text
    if qualifier == Qualifier.MORE_THAN and get_language() == "az":
        # "130-dan çox": Azerbaijani puts "more than" after the number.
        return f"{text}-{az_ablative_suffix(low)}\N{NO-BREAK SPACE}çox"
    return f"{QUALIFIER_LABELS.get(qualifier, qualifier)}\N{NO-BREAK SPACE}{text}"


#: What a link to a figure shows (the source page's "cited by": its value and
#: what it counts), and the source it belongs to; the rest would be read only
#: to be thrown away.
LISTED_FIELDS = ("key", "quantity", "qualifier", "value_low", "value_high", "source")

#: What a figure card (figures/_figure.html) and the toll's row (figures/_figure_row.html)
#: show of a figure and its source; its search key, quotation and history are read
#: on its own page.
SHOWN_FIELDS = (
    *LISTED_FIELDS,
    "scope",
    "as_of_date",
    "as_of_precision",
    "as_of_note",
    "locator",
    "note",
    "part_of",
    "reading",
    "sort_order",
    "source__key",
    "source__title",
    "source__url",
    "source__language",
)


class FigureQuerySet(PublishableQuerySet):
    listed_fields = LISTED_FIELDS

    def shown(self):
        """These figures with their sources, read as cards and the toll's rows show them."""
        return self.select_related("source").only(*SHOWN_FIELDS)

    def key_figures(self):
        """The figures a curator chose for the home page, in the toll's order."""
        return self.filter(is_key=True)

    def for_toll(self):
        """Published figures with their sources, in the toll's order (open data)."""
        return self.published().select_related("source")


class FigureManager(ContentManager.from_queryset(FigureQuerySet)):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class Figure(SearchableModel, PublishableModel):
    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        help_text=_("A short permanent identifier, used in permalinks and fixtures."),
    )
    quantity = models.CharField(_("what is counted"), max_length=30, choices=Quantity.choices)
    qualifier = models.CharField(
        _("qualifier"), max_length=20, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    value_low = models.PositiveIntegerField(
        _("value"), help_text=_("The number, or the lower end of a range.")
    )
    value_high = models.PositiveIntegerField(
        _("upper value"), null=True, blank=True, help_text=_("Only for a range.")
    )
    scope = models.CharField(
        _("scope"),
        max_length=255,
        validators=TEXT_VALIDATORS,
        help_text=_(
            "Place, period and who is included, for example “Baku, before the state of emergency was announced”."
        ),
    )
    as_of_date = models.DateField(_("as of"), null=True, blank=True)
    as_of_precision = models.CharField(
        _("as-of precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    as_of_note = models.CharField(
        _("note on the date"),
        max_length=255,
        blank=True,
        help_text=_(
            "When no as-of date is given, say what is known, e.g. “current official count”."
        ),
    )
    source = models.ForeignKey(
        "sources.Source",
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="figures",
    )
    locator = models.CharField(_("page or locator"), max_length=255, blank=True)
    quote = models.CharField(
        _("short quotation"),
        max_length=500,
        blank=True,
        validators=TEXT_VALIDATORS,
        help_text=_("The source's own words, kept short, in its own language."),
    )
    note = text_field(
        _("curator's note"),
        help_text=_("What this number includes, and why it differs from the others."),
    )
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parts",
        help_text=_("The total this figure is a part of, in the same source."),
    )
    reading = models.CharField(
        _("in the summary"),
        max_length=20,
        choices=Reading.choices,
        blank=True,
        help_text=_(
            "Where the toll's plain summary counts this figure: the earliest reports, "
            "official counts, the press and later accounts, or the highest estimates."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    quantity_rank = models.GeneratedField(
        expression=QUANTITY_RANK,
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("place in the toll"),
    )
    is_key = models.BooleanField(
        _("key figure"),
        default=False,
        help_text=_("Shown among the key figures on the home page, always with its source."),
    )
    as_of = PartialDateField("as_of_date", "as_of_precision")

    objects = FigureManager()
    search_fields = (
        "key",
        "quantity",
        "value_low",
        "value_high",
        "scope",
        "as_of_note",
        "note",
        "quote",
    )

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = TOLL_ORDER
        # The toll's pages and the home page's key figures are read in the
        # toll's order; these let the database find them without sorting
        # every figure.
        indexes = [
            models.Index(
                fields=["quantity_rank", "as_of_date", "sort_order"],
                name="figures_toll_order",
            ),
            models.Index(
                fields=["quantity_rank", "as_of_date", "sort_order"],
                condition=models.Q(is_key=True),
                name="figures_key_figures",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__in=Quantity.values),
                name="figures_figure_quantity_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(qualifier__in=Qualifier.values),
                name="figures_figure_qualifier_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(value_low__gte=0), name="figures_figure_value_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(reading="") | models.Q(reading__in=Reading.values),
                name="figures_figure_reading_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(value_high__isnull=True)
                | models.Q(value_high__gte=models.F("value_low")),
                name="figures_figure_low_not_above_high",
            ),
            models.CheckConstraint(
                condition=(models.Q(qualifier="range") & models.Q(value_high__isnull=False))
                | (~models.Q(qualifier="range") & models.Q(value_high__isnull=True)),
                name="figures_figure_range_has_upper_value",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.source})"

    def get_quantity_display(self):
        # What Django's own get_FOO_display returns, read from the choices' dict
        # rather than by hashing every translated label on each call.
        return QUANTITY_LABELS.get(self.quantity, self.quantity)

    @property
    def title(self):
        """The figure as a link to it reads: its value and what it counts."""
        return f"{self.value_display} — {self.get_quantity_display()}"

    def get_absolute_url(self):
        return reverse("figures:detail", kwargs={"key": self.key})

    def natural_key(self):
        return (self.key,)

    natural_key.dependencies = ["sources.source"]

    def search_texts(self):
        """Also what is counted, in every language: "killed", "погибшие", "həlak olanlar"."""
        labels = []
        for code in settings.MODELTRANSLATION_LANGUAGES:
            with translation.override(code):
                labels.append(str(self.get_quantity_display()))
        return [*super().search_texts(), *labels]

    def clean(self):
        errors = {}
        if (
            self.value_high is not None
            and self.value_low is not None
            and self.value_high < self.value_low
        ):
            errors["value_high"] = _("The upper value cannot be below the lower value.")
        if self.qualifier == Qualifier.RANGE and self.value_high is None:
            errors["value_high"] = _("A range needs an upper value.")
        if self.qualifier != Qualifier.RANGE and self.value_high is not None:
            errors["qualifier"] = _("Choose “between” when giving an upper value.")
        if self.part_of_id and self.part_of_id == self.pk:
            errors["part_of"] = _("A figure cannot be a part of itself.")
        if errors:
            raise ValidationError(errors)

    @property
    def value_display(self):
        return value_text(self.qualifier, self.value_low, self.value_high)

    @property
    def as_of_display(self):
        """When the figure was given: its date at its precision, or the note on the date."""
        if not self.as_of and self.as_of_note:
            return self.as_of_note
        return str(self.as_of)
