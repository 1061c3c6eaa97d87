"""The public side: the form, the receipt, the removal of one's data, the privacy notice.

The form is a page of its own (a person's page and the wall link to it), so
the pages the cache keeps hold no form and no CSRF token. The form page, the
receipt and the removal page are never kept by any cache: each visitor gets a
token of their own.
"""

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from memorial.web.cache import not_kept

from . import abuse, services
from .forms import SubmissionForm
from .models import Submission


def person_model():
    """The people's model, read from the relation a submission declares."""
    return Submission._meta.get_field("person").related_model


def _person(request):
    slug = request.GET.get("person", "")
    if not slug:
        return None
    found = person_model()._default_manager.published().filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


@method_decorator(never_cache, name="dispatch")
class SubmitView(View):
    """Send a correction, a memory or a photograph of a person, or a missing name."""

    template_name = "submissions/form.html"

    def render(self, request, form, person, status=200):
        response = render(
            request,
            self.template_name,
            {"form": form, "person": person, "contact_email": settings.MEMORIAL_CONTACT_EMAIL},
            status=status,
        )
        return not_kept(response)

    def get(self, request):
        person = _person(request)
        form = SubmissionForm(person=person, initial={"language": get_language()})
        return self.render(request, form, person)

    def post(self, request):
        person = _person(request)
        if not abuse.attempt_allowed(request):
            response = render(
                request,
                "submissions/too_many.html",
                {
                    "text": request.POST.get("text", "")[:10_000],
                    "contact_email": settings.MEMORIAL_CONTACT_EMAIL,
                },
                status=429,
            )
            response["Retry-After"] = str(abuse.WINDOW_SECONDS)
            return not_kept(response)
        form = SubmissionForm(request.POST, request.FILES, person=person)
        if not form.is_valid():
            if "shown" in form.errors:
                form.data = form.data.copy()
                form.data["shown"] = abuse.shown_token()
            return self.render(request, form, person, status=400)
        with transaction.atomic():
            submission = form.save()
        abuse.count_stored(request)
        return redirect("submissions:sent", token=submission.removal_token)


@method_decorator(never_cache, name="dispatch")
class SentView(TemplateView):
    """The receipt: the reference, and the sender's own link to remove what they sent."""

    template_name = "submissions/sent.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submission"] = get_object_or_404(Submission, removal_token=kwargs["token"])
        context["contact_email"] = settings.MEMORIAL_CONTACT_EMAIL
        return context

    def render_to_response(self, context, **kwargs):
        return not_kept(super().render_to_response(context, **kwargs))


@method_decorator(never_cache, name="dispatch")
class RemoveView(View):
    """A sender removes what they sent: their details, their words and their file."""

    template_name = "submissions/remove.html"

    def get(self, request, token):
        submission = get_object_or_404(Submission, removal_token=token)
        return not_kept(render(request, self.template_name, {"submission": submission}))

    def post(self, request, token):
        submission = get_object_or_404(Submission, removal_token=token)
        with transaction.atomic():
            services.remove_for_sender(submission)
        return not_kept(render(request, self.template_name, {"removed": True}))


class PrivacyView(TemplateView):
    """What the memorial keeps of those who write to it, for how long, and how to remove it."""

    template_name = "submissions/privacy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact_days"] = settings.MEMORIAL_SUBMISSION_CONTACT_DAYS
        context["per_hour"] = settings.MEMORIAL_SUBMISSIONS_PER_HOUR
        context["contact_email"] = settings.MEMORIAL_CONTACT_EMAIL
        return context
