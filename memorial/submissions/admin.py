"""The moderation queue: what visitors sent, with its sender, decisions, replies and history.

Everything the sender wrote is shown read-only, so the admin prints it as
text: markup and script in any field are escaped, never run.
"""

import mimetypes

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .forms import ReplyForm
from .models import OPEN, Memory, Reply, Status, Submission


def _change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


class ReplyInline(admin.TabularInline):
    model = Reply
    extra = 0
    fields = ["sent_at", "sent_by", "subject", "body"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Replies are read with the submission they answer.
        return request.user.has_perm("submissions.view_submission")


class WaitingFilter(admin.SimpleListFilter):
    title = _("waiting")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("yes", _("Waiting for a curator")), ("no", _("Closed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status__in=OPEN)
        if self.value() == "no":
            return queryset.exclude(status__in=OPEN)
        return queryset


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "kind", "status", "about", "excerpt", "sent_by", "created_at"]
    list_display_links = ["number", "excerpt"]
    list_filter = [WaitingFilter, "status", "kind", "consent", "language", "created_at"]
    list_select_related = ["person"]
    search_fields = ["text", "name_sent", "evidence", "sender_name", "sender_email"]
    date_hierarchy = "created_at"
    actions = ["mark_in_review", "accept", "decline", "mark_spam", "erase_contact"]
    inlines = [ReplyInline]
    fieldsets = [
        (None, {"fields": ["status", "curator_note", "opened"]}),
        (
            _("What was sent"),
            {"fields": ["kind", "about", "name_sent", "text", "evidence", "photo_link"]},
        ),
        (
            _("The sender (never shown publicly)"),
            {"fields": ["sender_name", "sender_email", "consent", "language", "contact_erased_at"]},
        ),
        (_("Dates"), {"fields": ["created_at", "updated_at", "closed_at"]}),
    ]
    readonly_fields = [
        "opened",
        "kind",
        "about",
        "name_sent",
        "text",
        "evidence",
        "photo_link",
        "sender_name",
        "sender_email",
        "consent",
        "language",
        "contact_erased_at",
        "created_at",
        "updated_at",
        "closed_at",
    ]
    history_list_display = ["status"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("number"), ordering="pk")
    def number(self, obj):
        return f"#{obj.pk}"

    @admin.display(description=_("about"))
    def about(self, obj):
        if obj.person is None:
            return obj.name_sent or "—"
        return format_html('<a href="{}">{}</a>', _change_url(obj.person), obj.person)

    @admin.display(description=_("text"))
    def excerpt(self, obj):
        return Truncator(obj.text).chars(80)

    @admin.display(description=_("sender"))
    def sent_by(self, obj):
        return obj.sender_name or "—"

    @admin.display(description=_("photograph"))
    def photo_link(self, obj):
        if not obj.photo:
            return "—"
        url = reverse("admin:submissions_submission_photo", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open the photograph"))

    @admin.display(description=_("opened from it"))
    def opened(self, obj):
        memory = Memory.objects.filter(submission=obj).first()
        if memory is not None:
            url = reverse("admin:submissions_memory_change", args=[memory.pk])
            return format_html('<a href="{}">{}</a>', url, _("The published memory"))
        if obj.status == Status.ACCEPTED and obj.person is not None:
            return format_html(
                '<a href="{}">{}</a>', _change_url(obj.person), _("The record to finish")
            )
        return "—"

    # The index shows how many wait (memorial/curation/sites.py asks every admin).
    def waiting(self, request):
        url = reverse("admin:submissions_submission_changelist") + "?waiting=yes"
        return Submission.objects.waiting().count(), url

    def get_urls(self):
        return [
            path(
                "<int:pk>/photo/",
                self.admin_site.admin_view(self.photo_view),
                name="submissions_submission_photo",
            ),
            path(
                "<int:pk>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name="submissions_submission_reply",
            ),
            *super().get_urls(),
        ]

    def photo_view(self, request, pk):
        """The file a visitor sent, to staff who may see submissions, and nobody else."""
        submission = get_object_or_404(Submission, pk=pk)
        if not self.has_view_permission(request, submission):
            raise PermissionDenied
        if not submission.photo:
            raise Http404
        try:
            handle = submission.photo.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        content_type = mimetypes.guess_type(submission.photo.name)[0] or "application/octet-stream"
        response = FileResponse(handle, content_type=content_type)
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response

    def reply_view(self, request, pk):
        """Write to the sender by email; the reply is kept with the submission."""
        submission = get_object_or_404(Submission, pk=pk)
        if not self.has_change_permission(request, submission):
            raise PermissionDenied
        change_url = reverse("admin:submissions_submission_change", args=[pk])
        if not submission.sender_email:
            messages.error(request, _("The sender’s email is no longer kept."))
            return redirect(change_url)
        form = ReplyForm(
            request.POST or None, initial={"subject": self.default_subject(submission)}
        )
        if request.method == "POST" and form.is_valid():
            EmailMessage(
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[submission.sender_email],
                reply_to=[settings.MEMORIAL_CONTACT_EMAIL],
            ).send()
            Reply.objects.create(submission=submission, sent_by=request.user, **form.cleaned_data)
            if submission.status == Status.NEW:
                submission.status = Status.IN_REVIEW
                submission._change_reason = "reply"
                submission.save()
            messages.success(request, _("The reply was sent."))
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reply to %(name)s") % {"name": submission.sender_name or "—"},
            "submission": submission,
            "form": form,
            "opts": self.opts,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/submissions/reply.html", context)

    @staticmethod
    def default_subject(submission):
        return _("Your letter to the Black January Memorial (#%(number)s)") % {
            "number": submission.pk
        }

    def delete_model(self, request, obj):
        self.delete_queryset(request, Submission.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        """Deleting letters deletes the files they brought, once the deletion commits."""
        files = [(s.photo.storage, s.photo.name) for s in queryset if s.photo]
        super().delete_queryset(request, queryset)
        for storage, name in files:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data and obj.status == Status.ACCEPTED:
            obj.status = form.initial["status"]
            super().save_model(request, obj, form, change)
            self._accept(request, obj)
            return
        if change and "status" in form.changed_data:
            status, obj.status = obj.status, form.initial["status"]
            super().save_model(request, obj, form, change)
            services.set_status(obj, status)
            return
        super().save_model(request, obj, form, change)

    def _accept(self, request, submission):
        admin_url = request.build_absolute_uri(
            reverse("admin:submissions_submission_change", args=[submission.pk])
        )
        try:
            services.accept(submission, admin_url, user=request.user)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return False
        return True

    def _set_status(self, request, queryset, status):
        changed = 0
        for submission in queryset:
            if submission.status != status:
                services.set_status(submission, status)
                changed += 1
        self.message_user(
            request,
            ngettext("%(count)d submission changed.", "%(count)d submissions changed.", changed)
            % {"count": changed},
        )

    @admin.action(description=_("Mark as in review"), permissions=["change"])
    def mark_in_review(self, request, queryset):
        self._set_status(request, queryset.filter(status=Status.NEW), Status.IN_REVIEW)

    @admin.action(description=_("Accept (publish a memory, open a record)"), permissions=["change"])
    def accept(self, request, queryset):
        accepted = sum(
            1
            for submission in queryset.exclude(status=Status.ACCEPTED)
            if self._accept(request, submission)
        )
        self.message_user(
            request,
            ngettext("%(count)d submission accepted.", "%(count)d submissions accepted.", accepted)
            % {"count": accepted},
        )

    @admin.action(description=_("Decline"), permissions=["change"])
    def decline(self, request, queryset):
        self._set_status(request, queryset, Status.DECLINED)

    @admin.action(description=_("Mark as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, Status.SPAM)

    @admin.action(description=_("Erase the sender’s contact details"), permissions=["change"])
    def erase_contact(self, request, queryset):
        for submission in queryset:
            submission.erase_contact()
        self.message_user(request, _("The contact details were erased."))


@admin.register(Memory)
class MemoryAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "person", "remembered_by", "language", "is_published", "created_at"]
    list_filter = ["is_published", "language"]
    list_select_related = ["person"]
    search_fields = ["text", "remembered_by"]
    raw_id_fields = ["person", "submission"]
    fields = ["person", "submission", "text", "remembered_by", "language", "is_published"]
