from django.contrib import admin
from django.utils.translation import gettext_lazy

from votes.models import Vote


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    """Readers' votes, to look at only: nobody adds, changes or deletes them here, superusers included."""

    list_display = ("city", "short_voter", "created_at")
    list_filter = ("city__province", "city")
    list_select_related = ("city",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("voter (keyed hash)"))
    def short_voter(self, vote):
        return f"{vote.voter_hash[:12]}…"
