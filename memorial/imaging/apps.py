from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagingConfig(AppConfig):
    """The one image pipeline, for every app that takes in an image."""

    name = "memorial.imaging"
    label = "imaging"
    verbose_name = _("Images")
