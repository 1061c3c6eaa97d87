from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    name = "memorial.photos"
    label = "photos"
    verbose_name = _("Photos")

    def ready(self):
        from .models import Photo, delete_photo_files

        post_delete.connect(delete_photo_files, sender=Photo, dispatch_uid="photos_delete_files")
