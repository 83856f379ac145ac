from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy

from cities.models import City, InnovationModel, Lesson, Province, Source
from editing.content_admin import ContentAdmin
from editing.resources import CityResource, InnovationModelResource, LessonResource, ProvinceResource, SourceResource
from initiatives.models import Initiative


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    resource_classes = [SourceResource]
    list_display = ("title_zh", "title_en", "publisher", "published", "period_start_year", "period_end_year")
    search_fields = ("title_zh", "title_en", "slug", "publisher", "introduction_zh", "introduction_en")
    prepopulated_fields = {"slug": ("title_en",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Province)
class ProvinceAdmin(ContentAdmin):
    resource_classes = [ProvinceResource]
    list_display = ("name_zh", "name_en", "slug", "kind", "order")
    list_filter = ("kind",)
    search_fields = ("name_zh", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


class InitiativeInline(admin.TabularInline):
    """A city's initiatives, to review and correct at a glance; a new one is added on its own page,
    where its description and place in the report are required."""

    model = Initiative
    extra = 0
    show_change_link = True
    fields = ("order", "slug", "title_zh", "title_en", "category", "heading", "review_status")
    autocomplete_fields = ("category",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(City)
class CityAdmin(ContentAdmin):
    resource_classes = [CityResource]
    inlines = [InitiativeInline]
    list_display = ("name_zh", "name_en", "slug", "province", "level", "order", "initiative_count")
    list_filter = ("province", "level")
    list_select_related = ("province",)
    search_fields = ("name_zh", "name_en", "slug", "summary_zh", "summary_en", "province__name_zh")
    autocomplete_fields = ("province",)
    prepopulated_fields = {"slug": ("name_en",)}

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts().order_by("order", "slug")

    @admin.display(description=gettext_lazy("initiatives"), ordering="initiative_count")
    def initiative_count(self, city):
        return city.initiative_count


@admin.register(InnovationModel)
class InnovationModelAdmin(ContentAdmin):
    resource_classes = [InnovationModelResource]
    list_display = ("name_zh", "name_en", "slug", "representative_city", "order")
    list_select_related = ("representative_city",)
    list_filter = ("source", "cities")
    search_fields = ("name_zh", "name_en", "slug", "description_zh", "description_en")
    autocomplete_fields = ("representative_city", "cities", "source")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Lesson)
class LessonAdmin(ContentAdmin):
    resource_classes = [LessonResource]
    list_display = ("title_zh", "title_en", "slug", "order")
    list_filter = ("source", "cities")
    search_fields = ("title_zh", "title_en", "slug", "description_zh", "description_en")
    autocomplete_fields = ("cities", "source")
    prepopulated_fields = {"slug": ("title_en",)}
