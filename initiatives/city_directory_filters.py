"""The city directory's form (/cities/): the cities' FilterSet, which the API applies too, shown as checkboxes (several
values of one filter add up, different filters narrow each other down) and a select of the sort order."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import City, InnovationModel, Province
from initiatives.filters import named_choices
from initiatives.list_filters import CITY_SORTS, CityFilterSet
from initiatives.models import InitiativeCategory


class CityDirectoryFilter(CityFilterSet):
    # The filters the directory shows, in the order of the form, with the choice that means "all" (sort has none).
    SELECTS = {
        "province": _("All provinces"),
        "level": _("All levels"),
        "model": _("All types"),
        "category": _("Any category"),
        "sort": None,
    }

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.filters = {name: self.filters[name] for name in self.SELECTS}
        # One query per select for its choices, which then also check the slugs given (no second lookup).
        self.choices = {
            "province": named_choices(Province.objects.all()),
            "level": City.Level.choices,
            "model": named_choices(InnovationModel.objects.all()),
            "category": named_choices(InitiativeCategory.objects.all()),
            "sort": CITY_SORTS,
        }

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for name, empty_label in self.SELECTS.items():
                field = form.fields[name]
                if hasattr(field, "known"):
                    field.known = dict(self.choices[name])
                if empty_label:  # several values of one filter add up: a checkbox each
                    field.widget = forms.CheckboxSelectMultiple(choices=list(self.choices[name]))
                else:
                    field.widget = forms.Select(choices=list(self.choices[name]))
                field.help_text = ""  # the API's parameter description; the form's labels say it
        return self._form

    @property
    def selected_sort(self):
        self.errors  # noqa: B018 (validates the form)
        return self.form.cleaned_data.get("sort") or "report"
