from django.contrib import admin

from memorial.core.models import LoadedRecord


@admin.register(LoadedRecord)
class LoadedRecordAdmin(admin.ModelAdmin):
    """What the content loader last wrote: for reading, never for editing."""

    list_display = ["model", "natural_key", "loaded_at"]
    list_filter = ["model"]
    search_fields = ["natural_key"]
    date_hierarchy = "loaded_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
