from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Source


@admin.register(Source)
class SourceAdmin(TranslationAdmin, SimpleHistoryAdmin):
    pass
