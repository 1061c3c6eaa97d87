import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from memorial.core.dates import PartialDate

from .models import AgeGroup


class WallFilterForm(forms.Form):
    """The wall's filters: where, on which day, at what age. Every choice comes from the records."""

    place = forms.ChoiceField(label=_("Place of death"), required=False)
    died = forms.ChoiceField(label=_("Date of death"), required=False)
    age = forms.ChoiceField(
        label=_("Age"), required=False, choices=[("", _("Any age")), *AgeGroup.choices]
    )

    def __init__(self, data, places, dates):
        """`places` and `dates` are callables: read only when a filter is given or the
        form is shown (the wall keeps it rendered under the content version)."""
        super().__init__(data)
        self.fields["place"].choices = lambda: [("", _("Anywhere"))] + [(p, p) for p in places()]
        self.fields["died"].choices = lambda: (
            [("", _("Any day"))] + [(day.isoformat(), str(PartialDate(day))) for day in dates()]
        )

    def clean_died(self):
        value = self.cleaned_data["died"]
        return datetime.date.fromisoformat(value) if value else None
