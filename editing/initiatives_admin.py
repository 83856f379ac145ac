from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities.models import Source
from editing.content_admin import ContentAdmin, ReviewedContentAdmin
from editing.resources import (
    InitiativeCategoryResource,
    InitiativeResource,
    MetricKindResource,
    MetricResource,
    TopicResource,
)
from initiatives import display
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind, Topic

AS_OF_HELP = gettext_lazy(
    "Enter the date at the precision the report gives: a month as its first day (2026-01-01 for January 2026), "
    "a year as 1 January (2024-01-01 for 2024)."
)


class MetricForm(forms.ModelForm):
    """A figure, with the question a percentage above 100 must answer before it is saved."""

    confirm_over_100 = forms.BooleanField(
        label=gettext_lazy("Yes, the report gives a percentage above 100"),
        required=False,
        help_text=gettext_lazy("Some are real, such as growth of 102.6%: tick this after checking the report."),
    )

    class Meta:
        model = Metric
        fields = (
            "initiative",
            "position",
            "label_zh",
            "label_en",
            "as_written",
            "value",
            "value_max",
            "unit",
            "unit_en",
            "qualifier",
            "second_qualifier",
            "as_of",
            "as_of_precision",
            "period_start",
            "period_precision",
            "period_end",
            "time_as_written",
            "basis",
            "kind",
            "source",
            "report_section",
            "report_paragraph",
            "review_status",
        )
        help_texts = {"as_of": AS_OF_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "source" in self.fields:  # empty: its initiative's (Metric.save)
            self.fields["source"].required = False
            self.fields["source"].help_text = _("Empty: its initiative's source. Pick a later source that updates it.")

    def clean(self):
        cleaned = super().clean()
        over_100 = [v for v in (cleaned.get("value"), cleaned.get("value_max")) if v is not None and v > 100]
        changed = self.instance.pk is None or {"value", "value_max", "unit"} & set(self.changed_data)
        if cleaned.get("unit") == "%" and over_100 and changed and not cleaned.get("confirm_over_100"):
            self.add_error(
                "confirm_over_100",
                _(
                    "%(value)s%% is more than 100%%. Check it against the report; if the report says so, "
                    "tick this box and save again."
                )
                % {"value": display.machine_number(over_100[0])},
            )
        return cleaned


class MetricInline(admin.TabularInline):
    model = Metric
    form = MetricForm
    extra = 0
    show_change_link = True
    autocomplete_fields = ("kind",)
    fields = (
        "position",
        "label_zh",
        "label_en",
        "as_written",
        "value",
        "value_max",
        "unit",
        "unit_en",
        "qualifier",
        "as_of",
        "as_of_precision",
        "time_as_written",
        "basis",
        "kind",
        "source",
        "review_status",
        "confirm_over_100",
    )


@admin.register(InitiativeCategory)
class InitiativeCategoryAdmin(ContentAdmin):
    resource_classes = [InitiativeCategoryResource]
    list_display = ("name_zh", "name_en", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name_zh", "name_en", "slug", "description_zh", "description_en")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Topic)
class TopicAdmin(ContentAdmin):
    resource_classes = [TopicResource]
    list_display = ("name_zh", "name_en", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name_zh", "name_en", "slug", "description_zh", "description_en")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(MetricKind)
class MetricKindAdmin(ContentAdmin):
    resource_classes = [MetricKindResource]
    list_display = ("name_zh", "name_en", "basis", "family", "slug", "unit", "unit_en", "order")
    list_filter = ("family", "basis")
    search_fields = ("name_zh", "name_en", "slug", "description_zh", "description_en")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Initiative)
class InitiativeAdmin(ReviewedContentAdmin):
    resource_classes = [InitiativeResource]
    inlines = [MetricInline]
    list_display = ("title_zh", "title_en", "city", "category", "dated", "review_status", "reviewed_by")
    list_filter = ("source", "city__province", "city", "category", "topics", "date_precision", "review_status")
    list_select_related = ("city", "category", "reviewed_by")
    search_fields = (
        "title_zh",
        "title_en",
        "slug",
        "heading",
        "description_zh",
        "description_en",
        "sub_locality",
        "city__name_zh",
        "city__name_en",
        "city__slug",
    )
    autocomplete_fields = ("city", "category", "source")
    filter_horizontal = Initiative.TAG_FIELDS
    prepopulated_fields = {"slug": ("title_en",)}

    def get_form(self, request, obj=None, **kwargs):
        kwargs.setdefault("help_texts", {"date": AS_OF_HELP})
        return super().get_form(request, obj, **kwargs)

    def get_changeform_initial_data(self, request):
        """A new initiative starts from the latest source (shown, so the editor can pick another)."""
        initial = super().get_changeform_initial_data(request)
        latest = Source.objects.order_by("-id").first()
        if latest is not None:
            initial.setdefault("source", latest.pk)
        return initial

    @admin.display(description=gettext_lazy("date"), ordering="date")
    def dated(self, initiative):
        return display.event_date(initiative)


@admin.register(Metric)
class MetricAdmin(ReviewedContentAdmin):
    resource_classes = [MetricResource]
    form = MetricForm
    list_display = ("label_zh", "reads_as", "time", "city", "initiative_title", "kind", "review_status")
    list_filter = (
        "source",
        "initiative__city__province",
        "initiative__city",
        "initiative__category",
        "kind",
        "basis",
        "qualifier",
        "as_of_precision",
        "review_status",
    )
    list_select_related = ("initiative__city", "kind")
    search_fields = (
        "label_zh",
        "label_en",
        "as_written",
        "time_as_written",
        "initiative__title_zh",
        "initiative__title_en",
        "initiative__slug",
        "initiative__city__name_zh",
        "initiative__city__name_en",
        "initiative__city__slug",
    )
    autocomplete_fields = ("initiative", "kind", "source")
    readonly_fields = ("reads_as", "time")

    @admin.display(description=gettext_lazy("reads as"))
    def reads_as(self, metric):
        return display.figure_value(metric) if metric.pk else "—"

    @admin.display(description=gettext_lazy("when"), ordering="as_of")
    def time(self, metric):
        return display.figure_time(metric) if metric.pk else "—"

    @admin.display(description=gettext_lazy("city"), ordering="initiative__city__order")
    def city(self, metric):
        return metric.initiative.city

    @admin.display(description=gettext_lazy("initiative"), ordering="initiative__title_zh")
    def initiative_title(self, metric):
        return metric.initiative.title_zh
