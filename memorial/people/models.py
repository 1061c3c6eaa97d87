"""The names: the people killed, each named by the sources that name them.

A wrong name on a memorial is a real harm, so no person stands without an
attestation: a source that names them, what it says and how far it is
trusted. Where sources disagree (an age, a date) each attestation keeps its
own value and the page shows them side by side.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from memorial.core.dates import DatePrecision, PartialDateField
from memorial.core.models import (
    ContentManager,
    ContentQuerySet,
    PublishableModel,
    PublishableQuerySet,
    SearchableModel,
    TimeStampedModel,
    text_field,
)
from memorial.core.text import search_key
from memorial.core.validators import TEXT_VALIDATORS


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNKNOWN = "unknown", _("Not known")


class Confidence(models.TextChoices):
    HIGH = "high", _("High: two independent sources, or an official one")
    MEDIUM = "medium", _("Medium: one reputable source")
    LOW = "low", _("Low: one weak source, or sources in serious conflict")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Not known")


class Burial(models.TextChoices):
    ALLEY_OF_MARTYRS = "alley", _("Alley of Martyrs (Şəhidlər Xiyabanı), Baku")
    ELSEWHERE = "elsewhere", _("Elsewhere")
    UNKNOWN = "unknown", _("Not known")


class AgeGroup(models.TextChoices):
    CHILD = "child", _("Children and teenagers (under 18)")
    YOUNG = "young", _("18 to 29")
    ADULT = "adult", _("30 to 49")
    OLDER = "older", _("50 and over")


#: The ages of each group, first and last included.
AGE_GROUP_RANGES = {
    AgeGroup.CHILD: (0, 17),
    AgeGroup.YOUNG: (18, 29),
    AgeGroup.ADULT: (30, 49),
    AgeGroup.OLDER: (50, 150),
}

#: The translated parts of a name, as the wall reads them.
NAME_FIELDS = ("given_name", "surname", "patronymic")


def age_between(born, died):
    """Full years from one day to another."""
    years = died.year - born.year
    if (died.month, died.day) < (born.month, born.day):
        years -= 1
    return years


class PersonQuerySet(PublishableQuerySet):
    def with_age_group(self, group):
        low, high = AGE_GROUP_RANGES[AgeGroup(group)]
        return self.filter(age__gte=low, age__lte=high)

    def remembered_on(self, day):
        """People born or killed on this day of the year (dates known to the day)."""
        born = models.Q(
            birth_precision=DatePrecision.DAY,
            birth_date__month=day.month,
            birth_date__day=day.day,
        )
        died = models.Q(
            death_precision=DatePrecision.DAY,
            death_date__month=day.month,
            death_date__day=day.day,
        )
        return self.filter(born | died)


class PersonManager(ContentManager.from_queryset(PersonQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Person(SearchableModel, PublishableModel):
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("A permanent identifier in Latin letters, used in the address."),
    )
    given_name = models.CharField(
        _("given name"), max_length=100, blank=True, validators=TEXT_VALIDATORS
    )
    surname = models.CharField(_("surname"), max_length=100, blank=True, validators=TEXT_VALIDATORS)
    patronymic = models.CharField(
        _("patronymic"),
        max_length=100,
        blank=True,
        validators=TEXT_VALIDATORS,
        help_text=_('With "oğlu" or "qızı" in Azerbaijani, "…ович"/"…овна" in Russian.'),
    )
    name_as_written = models.CharField(
        _("name as the source writes it"),
        max_length=255,
        blank=True,
        validators=TEXT_VALIDATORS,
        help_text=_("Exactly as the main source spells it, in its own script."),
    )
    name_key = models.CharField(
        _("name key"),
        max_length=255,
        blank=True,
        default="",
        editable=False,
        help_text=_("The folded name, for finding probable duplicates."),
    )
    is_unidentified = models.BooleanField(
        _("unidentified"),
        default=False,
        help_text=_("A grave or a record of a person whose name is not known."),
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_precision = models.CharField(
        _("date of birth precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    death_date = models.DateField(_("date of death"), null=True, blank=True)
    death_precision = models.CharField(
        _("date of death precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    death_time = models.TimeField(
        _("time of death"), null=True, blank=True, help_text=_("Baku local time, if known.")
    )
    death_note = models.CharField(
        _("note on the date of death"),
        max_length=255,
        blank=True,
        help_text=_('For example "night of 19–20 January" or "sources differ: 20 or 21 January".'),
    )
    age_stated = models.PositiveSmallIntegerField(
        _("age at death as stated"),
        null=True,
        blank=True,
        help_text=_("Only when the dates do not give it. Differing ages go on the attestations."),
    )
    age = models.PositiveSmallIntegerField(
        _("age at death"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Worked out from the dates when both are known to the day, else as stated."),
    )
    place_of_death = models.CharField(_("place of death"), max_length=255, blank=True)
    home_town = models.CharField(_("home town"), max_length=255, blank=True)
    occupation = models.CharField(_("occupation"), max_length=255, blank=True)
    what_happened = text_field(
        _("what happened"),
        help_text=_("Briefly, in our own words, without graphic detail."),
    )
    burial = models.CharField(
        _("burial"), max_length=10, choices=Burial.choices, default=Burial.UNKNOWN
    )
    burial_place = models.CharField(
        _("burial place"),
        max_length=255,
        blank=True,
        help_text=_("The cemetery, or the grave in the Alley of Martyrs."),
    )
    recognised_martyr = models.CharField(
        _("recognised as a “Martyr of 20 January”"),
        max_length=10,
        choices=Answer.choices,
        default=Answer.UNKNOWN,
    )
    recognition_source = models.ForeignKey(
        "sources.Source",
        verbose_name=_("source of the recognition"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recognised_people",
    )
    on_monument = models.CharField(
        _("named on the 2010 monument"),
        max_length=10,
        choices=Answer.choices,
        default=Answer.UNKNOWN,
    )
    portrait = models.ForeignKey(
        "photos.Photo",
        verbose_name=_("portrait"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="portrayed_people",
    )
    photos = models.ManyToManyField(
        "photos.Photo",
        verbose_name=_("photographs"),
        blank=True,
        related_name="people",
        help_text=_("Photographs of the person, their grave or their memorial."),
    )
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("related events"), blank=True, related_name="people"
    )
    figures = models.ManyToManyField(
        "figures.Figure",
        verbose_name=_("figures that count this person"),
        blank=True,
        related_name="people",
    )
    confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.LOW
    )
    to_verify = models.BooleanField(
        _("to verify"),
        default=False,
        help_text=_("Kept unpublished until a curator has checked it against the sources."),
    )
    verify_note = text_field(
        _("what remains to verify"), help_text=_("For curators; never shown to visitors.")
    )

    birth = PartialDateField("birth_date", "birth_precision")
    death = PartialDateField("death_date", "death_precision", "death_time")

    objects = PersonManager()
    search_fields = (
        "given_name",
        "surname",
        "patronymic",
        "name_as_written",
        "place_of_death",
        "home_town",
        "occupation",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["surname", "given_name", "slug"]
        indexes = [
            models.Index(fields=["name_key", "birth_date"], name="people_person_name_key"),
            models.Index(fields=["death_date"], name="people_person_death"),
            models.Index(fields=["age"], name="people_person_age"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sex__in=Sex.values), name="people_person_sex_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__in=Confidence.values),
                name="people_person_confidence_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(burial__in=Burial.values), name="people_person_burial_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(recognised_martyr__in=Answer.values),
                name="people_person_recognised_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(on_monument__in=Answer.values),
                name="people_person_monument_valid",
            ),
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("given_name_en")), 0)
                | GreaterThan(Length(Trim("surname_en")), 0),
                name="people_person_named",
            ),
            models.CheckConstraint(
                condition=models.Q(death_date__isnull=True)
                | models.Q(birth_date__isnull=True)
                | models.Q(death_date__gte=models.F("birth_date")),
                name="people_person_death_after_birth",
            ),
            models.CheckConstraint(
                condition=models.Q(age_stated__isnull=True) | models.Q(age_stated__lte=120),
                name="people_person_age_stated_range",
            ),
            # A record waiting for verification is never public.
            models.CheckConstraint(
                condition=models.Q(to_verify=False) | models.Q(is_published=False),
                name="people_person_unverified_unpublished",
            ),
        ]

    def __str__(self):
        return self.display_name or self.slug

    def save(self, *args, **kwargs):
        self.age = self.derived_age()
        self.name_key = self.make_name_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "age", "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        errors = {}
        if self.birth_date and self.death_date and self.death_date < self.birth_date:
            errors["death_date"] = _("Death cannot come before birth.")
        if self.is_published and self.to_verify:
            errors["is_published"] = _("A record still to verify cannot be published.")
        if self.recognised_martyr == Answer.YES and self.recognition_source_id is None:
            errors["recognition_source"] = _("Name the source of the recognition.")
        if errors:
            raise ValidationError(errors)

    def derived_age(self):
        """Full years between the dates when both are known to the day; else the stated age."""
        if (
            self.birth_date
            and self.death_date
            and self.birth_precision == DatePrecision.DAY
            and self.death_precision == DatePrecision.DAY
        ):
            return age_between(self.birth_date, self.death_date)
        return self.age_stated

    def make_name_key(self):
        """The folded name: the same for every spelling of the same name."""
        return search_key(
            self.given_name_az or self.given_name_en, self.surname_az or self.surname_en
        )[:255]

    @property
    def display_name(self):
        """Given name and surname in the active language."""
        return " ".join(part for part in (self.given_name, self.surname) if part)

    @property
    def full_name(self):
        """Given name, patronymic and surname, as Azerbaijani and Russian write them in full."""
        return " ".join(part for part in (self.given_name, self.patronymic, self.surname) if part)

    @property
    def age_is_derived(self):
        return self.age is not None and self.age != self.age_stated

    def is_remembered_on(self, day: datetime.date):
        return any(
            value is not None
            and precision == DatePrecision.DAY
            and (value.month, value.day) == (day.month, day.day)
            for value, precision in (
                (self.birth_date, self.birth_precision),
                (self.death_date, self.death_precision),
            )
        )


class AttestationQuerySet(ContentQuerySet):
    def listed(self):
        # A person's page cites each attestation's source.
        return self.select_related("source")

    def published(self):
        # An attestation is public with its person.
        return self.filter(person__in=Person.objects.published())


class AttestationManager(ContentManager.from_queryset(AttestationQuerySet)):
    def get_by_natural_key(self, person_slug, source_key):
        return self.get(person__slug=person_slug, source__key=source_key)


class Attestation(TimeStampedModel):
    """One source naming one person: what it says, where, and how far it is trusted."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="attestations"
    )
    source = models.ForeignKey(
        "sources.Source",
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="attestations",
    )
    says = models.CharField(
        _("what it says"),
        max_length=500,
        validators=TEXT_VALIDATORS,
        help_text=_("A short phrase of the source, in its own language and script."),
    )
    locator = models.CharField(
        _("page or locator"),
        max_length=255,
        blank=True,
        help_text=_("Page, paragraph, article number or archive reference."),
    )
    confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    stated_age = models.PositiveSmallIntegerField(
        _("age it gives"), null=True, blank=True, help_text=_("Where the source gives one.")
    )
    death_date = models.DateField(_("date of death it gives"), null=True, blank=True)
    death_precision = models.CharField(
        _("precision of that date"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    note = models.CharField(
        _("note"),
        max_length=500,
        blank=True,
        help_text=_("What this source says that others do not, in our own words."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    death = PartialDateField("death_date", "death_precision")

    objects = AttestationManager()

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        ordering = ["person", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "source"], name="people_attestation_unique"),
            models.CheckConstraint(
                condition=models.Q(confidence__in=Confidence.values),
                name="people_attestation_confidence_valid",
            ),
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("says")), 0),
                name="people_attestation_says_not_blank",
            ),
            models.CheckConstraint(
                condition=models.Q(stated_age__isnull=True) | models.Q(stated_age__lte=120),
                name="people_attestation_age_range",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.source.key}"

    def natural_key(self):
        return (*self.person.natural_key(), *self.source.natural_key())

    natural_key.dependencies = ["people.person", "sources.source"]
