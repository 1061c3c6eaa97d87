"""Search across every kind of content, in every language and script it is written in.

Matching runs on each object's `search_key` (see `memorial.core.text`): every
word of the query, folded the same way, must begin a word of the key; long
words match by their stem, so "Шехидов" finds "Şəhidlər". On PostgreSQL a
word also matches by trigram similarity when nothing matched as written
(typos), results are ranked by full-text relevance in the visitor's language
(and by similarity when forgiving typos), and each comes with a highlighted
snippet. Elsewhere (SQLite) the same matching runs without
ranking, and the snippet is the start of the text.
"""

from django import forms
from django.conf import settings
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import F, FloatField, Func, Q, TextField, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from memorial.core import registry
from memorial.core.text import html_text, search_key

#: At most this many words of a query are searched.
MAX_WORDS = 10
#: At most this many matches of one kind are ranked; a query matching more (a very common
#: word) is ranked among the first ones the database finds, in no set order, so that it
#: stops reading there. Ranking reads every candidate's text, so this bounds the time a
#: search can take.
RANKED_CANDIDATES = 100
#: PostgreSQL text search configuration per language; Azerbaijani has none.
TEXT_SEARCH_CONFIGS = {"en": "english", "ru": "russian"}
# Private-use characters mark highlights, so that the text is escaped before <mark> goes in.
_START, _STOP = "\ue000", "\ue001"


def search_groups():
    """Each kind of content the topic apps register, in the order results are shown."""
    return registry.contributions(registry.SearchGroup)


def query_words(text):
    """The folded words of a query, without repeats, at most MAX_WORDS."""
    return list(dict.fromkeys(search_key(text).split()))[:MAX_WORDS]


def stem(word):
    """Long words match by their stem, so that inflected forms meet."""
    return word[:-2] if len(word) >= 6 else word


def is_postgresql():
    return connection.vendor == "postgresql"


def _word_matches(word, field, similar):
    start = stem(word)
    match = Q(**{f"{field}__startswith": start}) | Q(**{f"{field}__contains": f" {start}"})
    if similar and len(word) >= 4:
        match |= Q(**{f"{field}__trigram_word_similar": word})
    return match


def match_words(words, similar=False, field="search_key"):
    """Every word begins a word of the key in `field`.

    With `similar` (PostgreSQL only), a word may also be merely similar to one
    of the key's words, which forgives typos.
    """
    query = Q()
    for word in words:
        query &= _word_matches(word, field, similar)
    return query


def _text(model, name, language):
    """SQL for a field in `language`, falling back to English when empty, and its columns."""
    translated = any(f.name == f"{name}_en" for f in model._meta.fields)
    if translated and language != "en":
        return "COALESCE(NULLIF({}, ''), {})", [F(f"{name}_{language}"), F(f"{name}_en")]
    return "{}", [F(f"{name}_en" if translated else name)]


class _Sql(Func):
    """One SQL template over a few columns and values, `{}` standing for each in turn.

    Ranking and highlighting written with `SearchRank`, `SearchVector` and
    `SearchHeadline` make a tree of dozens of expressions for each kind, and
    compiling it cost more than running the query; this is the same SQL with
    only the columns and the visitor's words as expressions. The template is
    ours, never the visitor's: what they type is always a parameter.
    """

    def __init__(self, template, *expressions, output_field):
        super().__init__(*expressions, output_field=output_field)
        self.template = template

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        return self.template.format(*parts), params


def _matching(group, queryset, words, year, similar):
    """`queryset` narrowed to `words` and `year`.

    An object is also found by the keys of its related objects (a figure by its
    source's): the words are matched against the keys joined end to end, which
    is one condition a word. Matching each key apart is as many conditions
    again, and the database weighed every way of joining the tables for each.
    """
    if year:
        queryset = queryset.filter(group.for_year(year))
    field = "search_key"
    if group.related:
        field = "search_keys"
        joined = "{}" + " || ' ' || COALESCE({}, '')" * len(group.related)
        related_keys = [F(f"{name}__search_key") for name in group.related]
        queryset = queryset.alias(
            search_keys=_Sql(joined, F("search_key"), *related_keys, output_field=TextField())
        )
    return queryset.filter(match_words(words, similar, field))


def _ranked(group, queryset, text, words, similar=False):
    """`queryset` best first, each with its `rank` and highlighted `headline` (PostgreSQL).

    The rank is full-text relevance in the visitor's language, the title
    weighing more than the text. With `similar` it adds how closely the words
    resemble the object's key, which ranks misspelt matches that full text
    cannot see; it is not worth its cost otherwise, since every candidate
    already holds every word (it would be about 1 for each), and reading the
    long key costs more than the rest of the ranking. Only the rows read get a
    headline: PostgreSQL computes the select list after the sort and the limit.
    """
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    config = f"'{TEXT_SEARCH_CONFIGS.get(language, 'simple')}'::regconfig"
    title, title_columns = _text(group.model, group.title_field, language)
    body, body_columns = _text(group.model, group.text_field, language)
    query = f"websearch_to_tsquery({config}, {{}})"
    rank = _Sql(
        f"ts_rank(setweight(to_tsvector({config}, COALESCE({title}, '')), 'A')"
        f" || setweight(to_tsvector({config}, COALESCE({body}, '')), 'B'), {query})",
        *title_columns,
        *body_columns,
        Value(text),
        output_field=FloatField(),
    )
    if similar:
        rank += TrigramWordSimilarity(Value(" ".join(words)), "search_key")
    headline = _Sql(
        f"ts_headline({config}, {body}, {query}, {{}})",
        *body_columns,
        Value(text),
        Value(f"StartSel={_START}, StopSel={_STOP}, MaxWords=30, MinWords=12"),
        output_field=TextField(),
    )
    if group.related:
        queryset = queryset.select_related(*group.related)
    return queryset.annotate(rank=rank, headline=headline).order_by("-rank", "pk")


def search(group, queryset, text, year=None, similar=False):
    """`queryset` (already limited to what the visitor may see) narrowed to `text` and `year`.

    Each result gets a `snippet`, safe HTML with the matched words in <mark>
    where the database can tell. An empty query matches nothing. `similar`
    (PostgreSQL) also accepts words that are merely similar; it is slower, so
    callers use it when the plain search finds nothing (see `search_first`).
    """
    words = query_words(text)
    if not words:
        return queryset.none()
    similar = similar and is_postgresql()
    matches = _matching(group, queryset, words, year, similar)
    if not is_postgresql():
        if group.related:
            matches = matches.select_related(*group.related)
        return matches
    candidates = matches.order_by().values("pk")[:RANKED_CANDIDATES]
    return _ranked(group, queryset.filter(pk__in=candidates), text, words, similar)


def search_first(group, queryset, text, year=None, count=5):
    """The first `count` results; typo-tolerant only when the plain search finds none."""
    results = list(search(group, queryset, text, year)[:count])
    if not results and is_postgresql():
        results = list(search(group, queryset, text, year, similar=True)[:count])
    return results


def search_everything(visible, text, year=None, count=5):
    """The first `count` results of every group, as (group, results) pairs.

    `visible(group)` gives the part of a group's content the visitor may see.
    On PostgreSQL one query finds which objects of every group match, then one
    query a group that has any ranks them; typo tolerance is tried only when
    nothing at all matches. Elsewhere it is one query a group.
    """
    groups = search_groups()
    if not is_postgresql():
        return [
            (group, list(search(group, visible(group), text, year)[:count])) for group in groups
        ]
    words = query_words(text)
    visible_sets = [visible(group) for group in groups]
    found = _first_of_each(groups, visible_sets, text, words, year, count, similar=False)
    if words and not any(results for _, results in found):
        found = _first_of_each(groups, visible_sets, text, words, year, count, similar=True)
    return found


def _first_of_each(groups, visible_sets, text, words, year, count, similar):
    """PostgreSQL: the candidates of every group in one query, then each group's best."""
    if not words:
        return [(group, []) for group in groups]
    # Plain values: modeltranslation's fallback, which reads no translated field here,
    # would cost every candidate row a pass through its rewriting iterator.
    parts = [
        _matching(group, queryset, words, year, similar)
        .annotate(search_group=Value(index))
        .rewrite(False)
        .order_by()
        .values_list("search_group", "pk")[:RANKED_CANDIDATES]
        for index, (group, queryset) in enumerate(zip(groups, visible_sets, strict=True))
    ]
    candidates = {}
    for index, pk in parts[0].union(*parts[1:], all=True):
        candidates.setdefault(index, []).append(pk)
    found = []
    for index, (group, queryset) in enumerate(zip(groups, visible_sets, strict=True)):
        if index not in candidates:
            found.append((group, []))
            continue
        ranked = _ranked(group, queryset.filter(pk__in=candidates[index]), text, words, similar)
        found.append((group, list(ranked[:count])))
    return found


def snippet(group, item):
    """Safe HTML: the highlighted headline on PostgreSQL, the start of the text elsewhere."""
    headline = getattr(item, "headline", None)
    if headline:
        text = escape(html_text(headline))
        return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    value = getattr(item, f"{group.text_field}_{language}", None) or getattr(
        item, group.text_field, ""
    )
    return Truncator(html_text(str(value or ""))).words(30)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the memorial"), max_length=200, required=False)
    type = forms.ChoiceField(label=_("Only"), required=False, choices=[])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1800, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Everything"))] + [
            (group.key, group.label) for group in search_groups()
        ]

    def words(self):
        return query_words(self.cleaned_data.get("q", ""))
