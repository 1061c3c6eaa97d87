from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Figure


@admin.register(Figure)
class FigureAdmin(TranslationAdmin, SimpleHistoryAdmin):
    pass
