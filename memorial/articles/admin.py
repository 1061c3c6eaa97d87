from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Article


@admin.register(Article)
class ArticleAdmin(TranslationAdmin, SimpleHistoryAdmin):
    pass
