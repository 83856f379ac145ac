"""The filters and sort order of the city directory (/cities/)."""

import django_filters
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cities.models import City, InnovationModel, Province
from core.localization import bilingual_name
from initiatives.models import InitiativeCategory

SORT_CHOICES = [
    ("report", _("order of the report")),
    ("name", _("name")),
    ("initiatives", _("number of initiatives (most first)")),
]


def named_choices(queryset):
    return [(obj.slug, bilingual_name(obj)) for obj in queryset.only("slug", "name_zh", "name_en")]


class CityDirectoryFilter(django_filters.FilterSet):
    province = django_filters.ChoiceFilter(
        label=_("Province"), field_name="province__slug", empty_label=_("All provinces")
    )
    level = django_filters.ChoiceFilter(
        label=_("Administrative level"), choices=City.Level.choices, empty_label=_("All levels")
    )
    model = django_filters.ChoiceFilter(
        label=_("Innovation model type"), field_name="innovation_models__slug", empty_label=_("All types")
    )
    category = django_filters.ChoiceFilter(
        label=_("Has initiatives in"), method="filter_category", empty_label=_("Any category")
    )
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=SORT_CHOICES, method="sort_cities", empty_label=None)

    class Meta:
        model = City
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.filters["province"].extra["choices"] = named_choices(Province.objects.all())
        self.filters["model"].extra["choices"] = named_choices(InnovationModel.objects.all())
        self.filters["category"].extra["choices"] = named_choices(InitiativeCategory.objects.all())

    def filter_category(self, queryset, name, value):
        return queryset.in_category(value)

    def sort_cities(self, queryset, name, value):
        return queryset.sorted_by(value, get_language() or "")

    @property
    def selected_sort(self):
        self.errors  # noqa: B018 (validates the form)
        return self.form.cleaned_data.get("sort") or "report"
