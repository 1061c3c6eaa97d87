from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from .models import Article


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("en",)


track_history(Article, m2m_fields=["sources", "events"], excluded_fields=["search_key"])
