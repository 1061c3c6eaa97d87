from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Event


@admin.register(Event)
class EventAdmin(TranslationAdmin, SimpleHistoryAdmin):
    pass
