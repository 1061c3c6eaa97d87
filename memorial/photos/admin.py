from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .forms import PhotoAdminForm
from .models import Photo


@admin.register(Photo)
class PhotoAdmin(TranslationAdmin, SimpleHistoryAdmin):
    form = PhotoAdminForm
