from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Commemoration


@admin.register(Commemoration)
class CommemorationAdmin(TranslationAdmin, SimpleHistoryAdmin):
    pass
