"""How each object reads in the API: read-only serializers with stable snake_case field names.

Figures are exact: a value is a decimal string ("75800", "77.14"), never a float. Dates are ISO 8601 with their
precision beside them (a month is stored as its first day). Field names never change with the reader's language:
both the Chinese (`*_zh`, as the report writes it, Traditional) and English (`*_en`) texts are given.

Each resource's published fields are one tuple, built from the model's PUBLISHED_FIELDS. URLs come
from `Links` in the serializer context: one reverse() per URL name and request, not one per row.
"""

import copy

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cities.models import City, InnovationModel, Province, Source
from initiatives.display import machine_number
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind

DECIMAL_PATTERN = r"^[0-9]+(\.[0-9]+)?$"
NAMES = ("name_zh", "name_en")
# Shown together as `report_reference`, not one by one.
REPORT_REFERENCE_FIELDS = ("report_section", "report_paragraph")


@extend_schema_field({"type": "string", "format": "uri", "description": _("This object in the API.")})
class ApiUrlField(serializers.Field):
    """The object's URL in the API, by slug or (`key="pk"`) by id."""

    def __init__(self, view_name, key="slug", **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)
        self.view_name, self.key = view_name, key

    def to_representation(self, obj):
        return self.represent(self.context["links"], getattr(obj, self.key))

    def represent(self, links, key):
        return links.detail(self.view_name, key)


@extend_schema_field(
    {
        "type": ["string", "null"],
        "format": "uri",
        "description": _("This object's page on the portal (null where this deployment has none)."),
    }
)
class PageUrlField(ApiUrlField):
    def represent(self, links, key):
        return links.page(self.view_name, key)


@extend_schema_field({"type": "string", "format": "uri"})
class ListingUrlField(serializers.Field):
    """An API list filtered to this object, e.g. a city's initiatives."""

    key = "slug"

    def __init__(self, list_name, parameter, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)
        self.list_name, self.parameter = list_name, parameter

    def to_representation(self, obj):
        return self.represent(self.context["links"], obj.slug)

    def represent(self, links, slug):
        return links.listing(self.list_name, **{self.parameter: slug})


def object_links(name, key="slug"):
    """(url, html_url): the object in the API (the view `<name>-detail`) and its page (`<name>_detail`)."""
    return ApiUrlField(f"{name.replace('_', '-')}-detail", key=key), PageUrlField(f"{name}_detail", key=key)


@extend_schema_field({"type": "string", "pattern": DECIMAL_PATTERN})
class ExactDecimalField(serializers.Field):
    """A decimal as its exact, fully expanded string: 7.58萬 is "75800"."""

    def to_representation(self, value):
        return machine_number(value)


class BlankAsNullChoiceField(serializers.ChoiceField):
    """An optional choice: null, not "", where it is not given."""

    def to_representation(self, value):
        return value or None


class ApiSerializer(serializers.ModelSerializer):
    # ModelSerializer reads the model's fields afresh for every instance, nested ones included (about 10 ms a
    # request); they never change while the process runs, so each class builds them once and hands out copies.
    _built_fields = {}

    def get_fields(self):
        cls = type(self)
        if cls not in ApiSerializer._built_fields:
            ApiSerializer._built_fields[cls] = super().get_fields()
        return copy.deepcopy(ApiSerializer._built_fields[cls])

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_class is serializers.ChoiceField and model_field.blank:
            field_class, kwargs["allow_null"] = BlankAsNullChoiceField, True
        return field_class, kwargs


def ref_serializer(name, model, view_name, fields):
    """A short reference to an object (slug, API URL, names), where it appears inside another."""
    meta = type("Meta", (), {"model": model, "fields": ("slug", "url", *fields)})
    attributes = {
        "url": ApiUrlField(view_name),
        "Meta": meta,
        "__module__": __name__,
        "__doc__": ref_serializer.__doc__,
    }
    return type(f"{name}Serializer", (ApiSerializer,), attributes)


SourceRefSerializer = ref_serializer("SourceRef", Source, "source-detail", ("title_zh", "title_en"))
ProvinceRefSerializer = ref_serializer("ProvinceRef", Province, "province-detail", NAMES)
CityRefSerializer = ref_serializer("CityRef", City, "city-detail", NAMES)
CategoryRefSerializer = ref_serializer("CategoryRef", InitiativeCategory, "category-detail", NAMES)
InnovationModelRefSerializer = ref_serializer("InnovationModelRef", InnovationModel, "innovation-model-detail", NAMES)
MetricKindRefSerializer = ref_serializer("MetricKindRef", MetricKind, "metric-kind-detail", (*NAMES, "unit", "unit_en"))


class InitiativeRefSerializer(ApiSerializer):
    url = ApiUrlField("initiative-detail", key="pk")

    class Meta:
        model = Initiative
        fields = ("id", "url", "title_zh", "title_en")


class ReportReferenceSerializer(serializers.Serializer):
    """Where the report says it: its section (province › city), the paragraph in the city's part, the heading."""

    section = serializers.CharField(source="report_section", help_text=_("The report's section: province › city."))
    paragraph = serializers.IntegerField(
        source="report_paragraph", help_text=_("Paragraph within the city's section; 1 is the first after its intro.")
    )
    heading = serializers.CharField(help_text=_("The report's own heading of that paragraph, e.g. 平臺建設方面."))


class MetricReferenceSerializer(ReportReferenceSerializer):
    """Where its source gives the figure: its own section and paragraph, or (most often) its initiative's."""

    section = serializers.CharField(source="cited_section", help_text=_("The source's section: province › city."))
    paragraph = serializers.IntegerField(
        source="cited_paragraph", help_text=_("Paragraph within the section; 1 is the first after its intro.")
    )
    heading = serializers.CharField(
        source="initiative.heading", help_text=_("The heading of its initiative's paragraph, e.g. 平臺建設方面.")
    )


class SourceSerializer(ApiSerializer):
    url = ApiUrlField("source-detail")

    class Meta:
        model = Source
        fields = ("id", "url", *Source.PUBLISHED_FIELDS)


class ProvinceSerializer(ApiSerializer):
    # Needs `cities` prefetched.

    url, html_url = object_links("province")
    cities = CityRefSerializer(many=True, help_text=_("Its cities and districts in the report."))

    class Meta:
        model = Province
        fields = ("url", "html_url", *Province.PUBLISHED_FIELDS, "cities")


class CitySerializer(ApiSerializer):
    # Needs `province` selected, `innovation_models` prefetched and `CityQuerySet.with_counts()`.

    url, html_url = object_links("city")
    province = ProvinceRefSerializer()
    innovation_models = InnovationModelRefSerializer(many=True)
    initiative_count = serializers.IntegerField(help_text=_("Number of its initiatives."))
    metric_count = serializers.IntegerField(help_text=_("Number of its figures."))
    initiatives_url = ListingUrlField("initiative-list", "city", help_text=_("Its initiatives in the API."))
    metrics_url = ListingUrlField("metric-list", "city", help_text=_("Its figures in the API."))

    class Meta:
        model = City
        fields = (
            *("url", "html_url", *City.PUBLISHED_FIELDS),
            *("innovation_models", "initiative_count", "metric_count", "initiatives_url", "metrics_url"),
        )


class CategorySerializer(ApiSerializer):
    # Needs an `initiative_count` annotation.

    url, html_url = object_links("category")
    initiative_count = serializers.IntegerField(help_text=_("Number of initiatives in this category."))
    initiatives_url = ListingUrlField("initiative-list", "category", help_text=_("Its initiatives in the API."))

    class Meta:
        model = InitiativeCategory
        fields = ("url", "html_url", *InitiativeCategory.PUBLISHED_FIELDS, "initiative_count", "initiatives_url")


class MetricKindSerializer(ApiSerializer):
    # Needs a `metric_count` annotation.

    url, html_url = object_links("metric_kind")
    metric_count = serializers.IntegerField(help_text=_("Number of figures of this measure."))
    metrics_url = ListingUrlField(
        "metric-list", "kind", help_text=_("Its figures in the API (add sort=-value to rank them).")
    )

    class Meta:
        model = MetricKind
        fields = ("url", "html_url", *MetricKind.PUBLISHED_FIELDS, "metric_count", "metrics_url")


class InnovationModelSerializer(ApiSerializer):
    # Needs `representative_city` selected and `cities` prefetched.

    url, html_url = object_links("innovation_model")
    representative_city = CityRefSerializer()
    cities = CityRefSerializer(many=True, help_text=_("The cities of this type."))
    source = SourceRefSerializer(help_text=_("The source that describes this type."))

    class Meta:
        model = InnovationModel
        fields = ("url", "html_url", *InnovationModel.PUBLISHED_FIELDS)


class MetricSerializer(ApiSerializer):
    # One figure, complete wherever it appears. Needs `initiative__city`, `kind` and `source` selected.

    url = ApiUrlField("metric-detail", key="pk")
    value = ExactDecimalField(help_text=_('The value, fully expanded, as an exact decimal string: 7.58萬 is "75800".'))
    value_max = ExactDecimalField(allow_null=True, help_text=_("Upper value of a range such as 1-2; null otherwise."))
    kind = MetricKindRefSerializer(allow_null=True, help_text=_("The comparable measure this figure is, or null."))
    source = SourceRefSerializer(help_text=_("The source that gives this figure."))
    report_reference = MetricReferenceSerializer(source="*")
    initiative = InitiativeRefSerializer()
    city = CityRefSerializer(source="initiative.city")

    class Meta:
        model = Metric
        fields = (
            *("id", "url"),
            *(name for name in Metric.PUBLISHED_FIELDS if name not in REPORT_REFERENCE_FIELDS),
            *("report_reference", "city"),
        )


class InitiativeSerializer(ApiSerializer):
    # Needs `city__province`, `category` and `source` selected, `metrics` prefetched with their `kind` and `source`,
    # and the tags prefetched.

    url, html_url = object_links("initiative", key="pk")
    city = CityRefSerializer()
    province = ProvinceRefSerializer(source="city.province")
    category = CategoryRefSerializer()
    source = SourceRefSerializer(help_text=_("The source that reports this initiative."))
    report_reference = ReportReferenceSerializer(source="*")
    metrics = MetricSerializer(many=True, help_text=_("Its figures, in the report's order."))
    additional_categories = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        read_only=True,
        help_text=_("Further categories its text carries."),
    )
    topics = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text=_("Its topics: cross-cutting tags.")
    )

    class Meta:
        model = Initiative
        fields = (
            *("id", "url", "html_url"),
            *(
                name
                for name in Initiative.PUBLISHED_FIELDS
                if name not in REPORT_REFERENCE_FIELDS and name not in Initiative.TAG_FIELDS
            ),
            *("province", "report_reference", "metrics"),
            *Initiative.TAG_FIELDS,
        )
