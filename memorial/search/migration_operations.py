"""Migration operations for search that only PostgreSQL runs.

SQLite has neither trigram indexes nor the pg_trgm extension; there the
fallback search scans `search_key` and these operations do nothing.
"""

from django.db.migrations.operations.base import Operation

from memorial.core.text import search_key, searchable_texts


class TrigramIndex(Operation):
    """A GIN trigram index on `search_key`, for similarity and substring lookups."""

    reversible = True

    def __init__(self, model_name, field="search_key"):
        self.model_name = model_name
        self.field = field

    def _names(self, app_label, schema_editor, state):
        model = state.apps.get_model(app_label, self.model_name)
        table = model._meta.db_table
        quote = schema_editor.quote_name
        return quote(table), quote(f"{table}_{self.field}_trgm"), quote(self.field)

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        table, index, column = self._names(app_label, schema_editor, to_state)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin ({column} gin_trgm_ops)"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        _table, index, _column = self._names(app_label, schema_editor, from_state)
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")

    def describe(self):
        return f"Trigram index on {self.model_name}.{self.field} (PostgreSQL only)"


class TrigramIndexWithoutPendingList(Operation):
    """New rows go straight into the trigram index on `search_key` (GIN `fastupdate` off).

    By default GIN keeps recent entries in a pending list, which every search
    reads through until a vacuum merges it; until then a search checks each row
    of the list against the query, and the planner, counting those pages, may
    prefer to read the whole table. Content is written rarely and searched
    often, so each write pays for its own index entries instead.
    """

    reversible = True

    def __init__(self, model_name, field="search_key"):
        self.model_name = model_name
        self.field = field

    def _index(self, app_label, schema_editor, state):
        table = state.apps.get_model(app_label, self.model_name)._meta.db_table
        return schema_editor.quote_name(f"{table}_{self.field}_trgm")

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        index = self._index(app_label, schema_editor, to_state)
        schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = off)")
        # Entries already pending are merged now, not at the next vacuum.
        schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        index = self._index(app_label, schema_editor, from_state)
        schema_editor.execute(f"ALTER INDEX {index} RESET (fastupdate)")

    def describe(self):
        return f"Trigram index on {self.model_name}.{self.field} without a pending list"


def fill_search_keys(model_label, names):
    """A RunPython function computing `search_key` for the rows already stored."""

    def forwards(apps, schema_editor):
        model = apps.get_model(model_label)
        for instance in model._default_manager.iterator():
            key = search_key(*searchable_texts(instance, names))
            model._default_manager.filter(pk=instance.pk).update(search_key=key)

    return forwards
