from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from memorial.imaging.forms import ACCEPT, ImageUploadField, limits_help_text

from . import abuse
from .models import MAX_EVIDENCE, MAX_NAME, MAX_TEXT, Consent, Kind, Submission

#: The kinds offered from a person's page, and from the wall (a missing name).
PERSON_KINDS = (Kind.CORRECTION, Kind.MEMORY, Kind.PHOTO)


class SubmissionForm(forms.ModelForm):
    """What a visitor sends: plain fields, plain HTML, no script needed."""

    kind = forms.ChoiceField(label=_("What are you sending?"), widget=forms.RadioSelect)
    name_sent = forms.CharField(
        label=_("The person’s full name"),
        max_length=MAX_NAME,
        required=False,
        help_text=_("As you know it, in any language."),
    )
    text = forms.CharField(
        label=_("Your message"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("At most %(count)s characters.") % {"count": MAX_TEXT},
    )
    evidence = forms.CharField(
        label=_("Evidence or source"),
        max_length=MAX_EVIDENCE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where this is written or who can confirm it: a document, a book, a grave."),
    )
    photo = ImageUploadField(
        label=_("A photograph (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=limits_help_text(),
    )
    sender_name = forms.CharField(label=_("Your name"), max_length=MAX_NAME)
    sender_email = forms.EmailField(
        label=_("Your email"),
        help_text=_("Only the curators see your name and email; they are never published."),
    )
    consent = forms.ChoiceField(
        label=_("May we publish your words?"),
        choices=Consent.choices,
        initial=Consent.PRIVATE,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Your language"), choices=settings.LANGUAGES)
    # Hidden from people by the stylesheet; robots fill it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    shown = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Submission
        fields = [
            "kind",
            "name_sent",
            "text",
            "evidence",
            "photo",
            "sender_name",
            "sender_email",
            "consent",
            "language",
        ]

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        kinds = PERSON_KINDS if person is not None else (Kind.NAME,)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        self.fields["kind"].initial = kinds[0].value
        if person is not None:
            del self.fields["name_sent"]
        else:
            self.fields["name_sent"].required = True
        if not self.is_bound:
            self.initial["shown"] = abuse.shown_token()

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("Leave this field empty."), code="honeypot")
        return ""

    def clean_shown(self):
        seconds = abuse.seconds_since_shown(self.cleaned_data["shown"])
        if seconds is None or seconds < 0:
            raise ValidationError(_("Please send the form from this site."), code="unsigned")
        if seconds < settings.MEMORIAL_SUBMISSION_MIN_SECONDS:
            raise ValidationError(
                _("That was very quick. Please read your message again, then send it."),
                code="too_quick",
            )
        if seconds > settings.MEMORIAL_SUBMISSION_MAX_AGE_HOURS * 3600:
            raise ValidationError(
                _("The form was open too long. Please check it and send it again."),
                code="too_old",
            )
        return self.cleaned_data["shown"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.PHOTO and not data.get("photo"):
            self.add_error("photo", _("Choose the photograph to send."))
        return data

    def save(self, commit=True):
        submission = super().save(commit=False)
        submission.person = self.person
        if commit:
            submission.save()
        return submission

    @property
    def anti_robot_errors(self):
        """The form failed only on the honeypot or the timing, never on what a person wrote."""
        return set(self.errors) <= {"website", "shown"}


class ReplyForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=MAX_TEXT, widget=forms.Textarea)
