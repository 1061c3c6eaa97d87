from django.apps import apps
from django.core.management.base import BaseCommand

from memorial.core.models import SearchableModel
from memorial.core.text import search_key


class Command(BaseCommand):
    help = (
        "Recompute the search key of every searchable object, e.g. after the folding "
        "rules in memorial/core/text.py change. Saving an object keeps its own key current."
    )

    def handle(self, *args, **options):
        for model in apps.get_models():
            if not issubclass(model, SearchableModel):
                continue
            changed = []
            for instance in model._default_manager.iterator(chunk_size=500):
                old = instance.search_key
                instance.search_key = search_key(*instance.search_texts())
                if instance.search_key != old:
                    changed.append(instance)
            model._default_manager.bulk_update(changed, ["search_key"], batch_size=500)
            self.stdout.write(f"{model._meta.label}: {len(changed)} search keys updated.")
