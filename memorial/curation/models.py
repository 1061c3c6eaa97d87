import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


def object_key(obj):
    """An object's natural key (or its pk) as text: the same after a backup is restored."""
    key = obj.natural_key() if hasattr(obj, "natural_key") else [obj.pk]
    return json.dumps(list(key), default=str, ensure_ascii=False)


class AcknowledgementQuerySet(models.QuerySet):
    def for_problem(self, problem):
        return self.filter(
            check_key=problem.key,
            content_type=ContentType.objects.get_for_model(problem.obj),
            object_key=object_key(problem.obj),
        )

    def keys(self):
        """(check, content type id, object key) of every acknowledgement."""
        return {
            (check, content_type, key): (by, at, note)
            for check, content_type, key, by, at, note in self.values_list(
                "check_key",
                "content_type",
                "object_key",
                "acknowledged_by__username",
                "acknowledged_at",
                "note",
            )
        }


class Acknowledgement(models.Model):
    """A problem of content health a curator knows of and has decided to leave: it stops
    counting until someone counts it again."""

    check_key = models.CharField(_("check"), max_length=200)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind"), on_delete=models.CASCADE, related_name="+"
    )
    object_key = models.CharField(_("item"), max_length=500)
    note = models.CharField(_("why it stays"), max_length=500, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), auto_now_add=True)

    objects = AcknowledgementQuerySet.as_manager()

    class Meta:
        verbose_name = _("acknowledged problem")
        verbose_name_plural = _("acknowledged problems")
        constraints = [
            models.UniqueConstraint(
                fields=["check_key", "content_type", "object_key"],
                name="curation_acknowledgement_unique",
            )
        ]

    def __str__(self):
        return f"{self.check_key} {self.object_key}"
