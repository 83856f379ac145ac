"""What every content model's admin shares: history with diffs and undo, import/export, review stamps, and a
search box that looks where the site search does."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from reversion_compare.admin import CompareVersionAdmin

from editing import history, stale_edits
from initiatives.models import ReviewStatus


def searched_fields(model, texts):
    """Where the admin's search box looks in a row: its slug and what the site search reads (the model's
    `search_name_fields` and, with `texts`, its `search_text_fields`)."""
    slug = ("slug",) if any(field.name == "slug" for field in model._meta.get_fields()) else ()
    return (*slug, *model.search_name_fields, *(model.search_text_fields if texts else ()))


def related_model(model, path):
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


class ContentAdmin(ImportExportModelAdmin, CompareVersionAdmin):
    """History (reversion: every save is a revision), diffs (reversion-compare), revert, recover deleted,
    CSV and Excel import/export of the filtered list."""

    formats = [base_formats.CSV, base_formats.XLSX]
    history_latest_first = True
    list_per_page = 50
    # Related rows whose slug and names the search box looks in as well, e.g. "city" for an initiative's city.
    search_in_related = ()

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if not self.search_fields and getattr(model, "search_name_fields", ()):
            related = [(path, related_model(model, path)) for path in self.search_in_related]
            self.search_fields = (
                *searched_fields(model, texts=True),
                *(f"{path}__{name}" for path, other in related for name in searched_fields(other, texts=False)),
            )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return stale_edits.guarded(form, self.model) if obj is not None else form

    def get_fields(self, request, obj=None):
        # The stale-edit check's hidden field is the change form template's to render, not a fieldset's.
        return [name for name in super().get_fields(request, obj) if name != stale_edits.FIELD]

    def delete_model(self, request, obj):
        history.record_before_delete([obj], request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            history.record_before_delete(list(queryset), request.user)
            super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        history.record_before_delete(
            [inline.instance for inline in formset.deleted_forms if inline.instance.pk], request.user
        )
        for inline in formset.forms:
            if "review_status" in inline.changed_data and hasattr(inline.instance, "stamp_review"):
                inline.instance.stamp_review(request.user)
        super().save_formset(request, form, formset, change)

    def compare_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().compare_view(request, object_id, extra_context)


class NamedContentAdmin(ContentAdmin):
    """A model named in both languages, with a description in both and a slug made from the English name."""

    list_display = ("name_zh", "name_en", "slug", "order")
    prepopulated_fields = {"slug": ("name_en",)}


class ReviewedContentAdmin(ContentAdmin):
    """Initiatives and figures: a review status, stamped with who set it and when, and bulk actions to set it."""

    actions = ["mark_checked", "mark_corrected", "mark_unchecked"]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "reviewed_by", "reviewed_at")

    def save_model(self, request, obj, form, change):
        if "review_status" in form.changed_data:
            obj.stamp_review(request.user)
        super().save_model(request, obj, form, change)

    def set_review_status(self, request, queryset, status, comment):
        changed = 0
        with history.revision(comment, request.user):
            for obj in queryset:
                if obj.review_status != status:
                    obj.set_review_status(status, request.user)
                    obj.save(update_fields=["review_status", "reviewed_by", "reviewed_at"])
                    changed += 1
        self.message_user(
            request,
            ngettext("%(count)d row marked “%(status)s”.", "%(count)d rows marked “%(status)s”.", changed)
            % {"count": changed, "status": ReviewStatus(status).label},
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Mark checked against the report"), permissions=["change"])
    def mark_checked(self, request, queryset):
        self.set_review_status(request, queryset, ReviewStatus.CHECKED, _("Marked checked against the report"))

    @admin.action(description=gettext_lazy("Mark corrected"), permissions=["change"])
    def mark_corrected(self, request, queryset):
        self.set_review_status(request, queryset, ReviewStatus.CORRECTED, _("Marked corrected"))

    @admin.action(description=gettext_lazy("Mark unchecked"), permissions=["change"])
    def mark_unchecked(self, request, queryset):
        self.set_review_status(request, queryset, ReviewStatus.UNCHECKED, _("Marked unchecked"))
