from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommemorationsConfig(AppConfig):
    name = "memorial.commemorations"
    label = "commemorations"
    verbose_name = _("Commemorations")
