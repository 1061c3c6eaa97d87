"""Queries of the same shape on every request, compiled to SQL once.

For the short lists and the one object a page shows, Django spends more on
building a queryset and compiling it to SQL than the database spends running
it: 0.5–1.1 ms of every 0.8–1.7 ms a list of the home page costs. A page's
queries have the same SQL on every request in a language; only the values
looked up change (the slug of the event shown, the key of the object whose
related lists are read). `prepared()` builds and compiles a query once per
language and database connection, and afterwards runs that SQL with the values
of the request put in place of those it was compiled with.

What a visitor may see still comes from the one `published()`; it compares a
publication time with the database's own clock (`Now()`), so compiled SQL never
goes stale. A staff preview, which shows drafts, is read afresh
(`PublishedMixin.read`).
"""

import threading

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Window
from django.utils.translation import get_language

# Compilers belong to the connection of the thread that made them.
_local = threading.local()
# Queries a thread keeps compiled (each page of a list is one): many times what
# the site has; past it, the thread starts afresh.
MAX_COMPILED = 2000


class _Compiled:
    """A compiled query and where the values it was built with sit among its parameters."""

    def __init__(self, queryset, compiler, sql, params, positions):
        self.queryset, self.compiler = queryset, compiler
        self.sql, self.params, self.positions = sql, params, positions

    def run(self, values):
        params = list(self.params)
        for position, value in zip(self.positions, values, strict=True):
            params[position] = value
        compiled = (self.sql, type(self.params)(params))
        self.compiler.as_sql = lambda *args, **kwargs: compiled
        run = self.queryset.all()
        # This one copy of the query, iterated once here and never handed out,
        # runs on the compiled SQL.
        run.query.get_compiler = lambda *args, **kwargs: self.compiler
        return list(run)


def _positions(params, values):
    """Where each value sits among the parameters: found once and once only, or None."""
    positions = []
    for value in values:
        if type(value) not in (int, str):
            return None
        found = [
            i for i, param in enumerate(params) if type(param) is type(value) and param == value
        ]
        if len(found) != 1 or found[0] in positions:
            return None
        positions.append(found[0])
    return positions


def _compile(build, values):
    """The compiled query, or the queryset itself when the values cannot be put in place."""
    queryset = build(*values)
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return queryset
    positions = _positions(params, values)
    if positions is None:
        return queryset
    compiler.get_converters = _kept(compiler.get_converters)
    return _Compiled(queryset, compiler, sql, params, positions)


def _kept(get_converters):
    """`get_converters` of a compiled query, whose columns are the same on every run:
    worked out once for each list of columns (a column's converters never change)."""
    found = {}

    def converters(expressions):
        key = tuple(map(id, expressions))
        if key not in found:
            found[key] = get_converters(expressions)
        return found[key]

    return converters


def prepared(key, build, *values):
    """`list(build(*values))`, compiled once for `key`, the active language and the connection.

    `build` makes the queryset; it may use `values` (integers and strings) only
    as values looked up exactly, never to choose what the query is, and the
    query may depend on nothing else but the active language. When the compiled
    parameters do not hold each value exactly once (two values alike, say), the
    query is run as `build` made it and compiled again next time.
    """
    compiled = _local.__dict__.setdefault("compiled", {})
    slot = (key, get_language())
    entry = compiled.get(slot)
    if entry is None or entry.compiler.connection is not connections[entry.queryset.db]:
        entry = _compile(build, values)
        if not isinstance(entry, _Compiled):
            return list(entry)
        if len(compiled) >= MAX_COMPILED:
            compiled.clear()
        compiled[slot] = entry
    return entry.run(values)


class PreparedPages:
    """A queryset as a paginator reads it: its count and each page's slice, read by
    `read(key, build)` (a view's `PublishedMixin.read`), so compiled once a page.

    The count comes with the first row, as `COUNT(*) OVER ()`: a query like the
    list's own, which `prepared()` can keep compiled where an aggregate it cannot.
    """

    def __init__(self, read, queryset):
        self.read, self.queryset = read, queryset

    def count(self):
        total = self.read(
            "count",
            lambda: (
                self.queryset.order_by()
                .annotate(total=Window(Count("pk")))
                .values_list("total", flat=True)[:1]
            ),
        )
        return total[0] if total else 0

    def __getitem__(self, bounds):
        return self.read(("page", bounds.start, bounds.stop), lambda: self.queryset[bounds])
