from django.db import models
from django.urls import reverse

from memorial.core.managers import SlugManager
from memorial.core.models import PublishableModel, SearchableModel


class Wreath(SearchableModel, PublishableModel):
    """A wreath laid at the Alley of Martyrs: a topic no cross-cutting code has heard of."""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    laid_by = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    laid_on = models.DateField()

    objects = SlugManager()

    search_fields = ("title", "laid_by", "body")

    class Meta:
        app_label = "newtopic"
        ordering = ["-laid_on", "slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("newtopic:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)
