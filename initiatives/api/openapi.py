"""The API's OpenAPI 3.1 document, written out as a Python dict beside the views it describes.

Query parameters come from the same declarations the views parse (`filters.py`, `params.py`); the response schemas
forbid properties they do not list (`additionalProperties: false`), so the tests that validate every endpoint's
answer against this document catch a field added to a representation but not described here.

Descriptions are translatable: /api/openapi.json is always English, the HTML page at /api/ is in the reader's language.
"""

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cities.models import City, InnovationModel, Province, Report
from initiatives.models import (
    Basis,
    Initiative,
    InitiativeCategory,
    MeasureFamily,
    Metric,
    MetricKind,
    Precision,
    ReviewStatus,
)

from .filters import CITY_FILTERS, INITIATIVE_FILTERS, METRIC_FILTERS
from .params import PAGINATION, SLUG_RE

DECIMAL_PATTERN = r"^[0-9]+(\.[0-9]+)?$"


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def text(description):
    return {"type": "string", "description": description}


def integer(description):
    return {"type": "integer", "description": description}


def url(description, nullable=False):
    return {"type": ["string", "null"] if nullable else "string", "format": "uri", "description": description}


def date(description):
    return {"type": ["string", "null"], "format": "date", "description": description}


def choice(values, description, nullable=False):
    values = list(values)
    if nullable:
        return {"type": ["string", "null"], "enum": values + [None], "description": description}
    return {"type": "string", "enum": values, "description": description}


def array_of(name, description):
    return {"type": "array", "items": ref(name), "description": description}


def obj(properties):
    """An object with exactly these properties, all present."""
    return {"type": "object", "required": list(properties), "properties": properties, "additionalProperties": False}


SLUG = {"type": "string", "pattern": SLUG_RE.pattern, "description": _("Stable identifier in URLs.")}
NAME_ZH = text(_("Name in Chinese, as the report writes it (Traditional)."))
NAME_EN = text(_("Name in English."))
API_URL = url(_("This object in the API."))
HTML_URL = url(_("This object's page on the portal (null where this deployment has none)."), nullable=True)
ORDER = integer(_("Position in the report's order."))


def schemas():
    precision = choice(
        Precision.values,
        _("How much of the date the report gives: day, month, year, or early (年初) or end (年底) of the year."),
        True,
    )
    basis = _("stock (as of a date), flow (over a stated period), cumulative (since a programme began) or share.")
    return {
        "Error": obj(
            {
                "error": obj(
                    {
                        "parameter": {
                            "type": ["string", "null"],
                            "description": _("The query or path parameter at fault, if any."),
                        },
                        "message": text(_("What is wrong, in English.")),
                    }
                )
            }
        ),
        "ProvinceRef": obj({"slug": SLUG, "url": API_URL, "name_zh": NAME_ZH, "name_en": NAME_EN}),
        "CityRef": obj({"slug": SLUG, "url": API_URL, "name_zh": NAME_ZH, "name_en": NAME_EN}),
        "CategoryRef": obj({"slug": SLUG, "url": API_URL, "name_zh": NAME_ZH, "name_en": NAME_EN}),
        "InnovationModelRef": obj({"slug": SLUG, "url": API_URL, "name_zh": NAME_ZH, "name_en": NAME_EN}),
        "MetricKindRef": obj(
            {
                "slug": SLUG,
                "url": API_URL,
                "name_zh": NAME_ZH,
                "name_en": NAME_EN,
                "unit": text(_("Canonical unit, in Chinese (家, 條, 元, %, …).")),
                "unit_en": text(_("Canonical unit, in English.")),
            }
        ),
        "InitiativeRef": obj(
            {
                "id": integer(_("Identifier of the initiative.")),
                "url": API_URL,
                "title_zh": text(_("Title in Chinese.")),
                "title_en": text(_("Title in English.")),
            }
        ),
        "ReportReference": obj(
            {
                "section": text(_("The report's section: province › city or district.")),
                "paragraph": integer(_("Paragraph within the city's section; 1 is the first after its introduction.")),
                "heading": text(_("The report's own heading of that paragraph, e.g. 平臺建設方面.")),
            }
        ),
        "Province": obj(
            {
                "slug": SLUG,
                "url": API_URL,
                "html_url": HTML_URL,
                "name_zh": NAME_ZH,
                "name_en": NAME_EN,
                "kind": choice(Province.Kind.values, _("Municipality, province or autonomous region.")),
                "order": ORDER,
                "cities": array_of("CityRef", _("Its cities and districts in the report.")),
            }
        ),
        "City": obj(
            {
                "slug": SLUG,
                "url": API_URL,
                "html_url": HTML_URL,
                "name_zh": NAME_ZH,
                "name_en": NAME_EN,
                "level": choice(City.Level.values, _("Administrative level.")),
                "province": ref("ProvinceRef"),
                "summary_zh": text(_("Summary in Chinese (the portal's words).")),
                "summary_en": text(_("Summary in English.")),
                "order": ORDER,
                "innovation_models": array_of(
                    "InnovationModelRef", _("The report's innovation model types it belongs to.")
                ),
                "initiative_count": integer(_("Number of its initiatives.")),
                "metric_count": integer(_("Number of its figures.")),
                "initiatives_url": url(_("Its initiatives in the API.")),
                "metrics_url": url(_("Its figures in the API.")),
            }
        ),
        "Category": obj(
            {
                "slug": SLUG,
                "url": API_URL,
                "html_url": HTML_URL,
                "name_zh": NAME_ZH,
                "name_en": NAME_EN,
                "description_zh": text(_("Description in Chinese.")),
                "description_en": text(_("Description in English.")),
                "order": ORDER,
                "initiative_count": integer(_("Number of initiatives in this category.")),
                "initiatives_url": url(_("Its initiatives in the API.")),
            }
        ),
        "MetricKind": obj(
            {
                "slug": SLUG,
                "url": API_URL,
                "html_url": HTML_URL,
                "name_zh": NAME_ZH,
                "name_en": NAME_EN,
                "unit": text(_("Canonical unit, in Chinese (家, 條, 元, %, …).")),
                "unit_en": text(_("Canonical unit, in English.")),
                "basis": choice(Basis.values, basis),
                "family": choice(MeasureFamily.values, _("The family of related measures it is shown with.")),
                "description_zh": text(_("Description in Chinese.")),
                "description_en": text(_("Description in English.")),
                "order": ORDER,
                "metric_count": integer(_("Number of figures of this measure.")),
                "metrics_url": url(_("Its figures in the API (add sort=-value to rank them).")),
            }
        ),
        "InnovationModel": obj(
            {
                "slug": SLUG,
                "url": API_URL,
                "html_url": HTML_URL,
                "name_zh": NAME_ZH,
                "name_en": NAME_EN,
                "order": ORDER,
                "representative_city": ref("CityRef"),
                "cities": array_of("CityRef", _("The cities of this type.")),
                "description_zh": text(_("Description in Chinese.")),
                "description_en": text(_("Description in English.")),
                "focus_zh": text(_("Innovation focus, in Chinese.")),
                "focus_en": text(_("Innovation focus, in English.")),
                "approach_zh": text(_("Implementation path, in Chinese.")),
                "approach_en": text(_("Implementation path, in English.")),
                "scenarios_zh": text(_("Application scenarios, in Chinese.")),
                "scenarios_en": text(_("Application scenarios, in English.")),
                "results_zh": text(_("Reported results, in Chinese.")),
                "results_en": text(_("Reported results, in English.")),
            }
        ),
        "Metric": obj(
            {
                "id": integer(_("Identifier of the figure.")),
                "url": API_URL,
                "position": integer(_("Position within its initiative.")),
                "label_zh": text(_("What is counted, in Chinese.")),
                "label_en": text(_("What is counted, in English.")),
                "value": {
                    "type": "string",
                    "pattern": DECIMAL_PATTERN,
                    "description": _('The value, fully expanded, as an exact decimal string: 7.58萬 is "75800".'),
                },
                "value_max": {
                    "type": ["string", "null"],
                    "pattern": DECIMAL_PATTERN,
                    "description": _("Upper value of a range such as 1-2; null otherwise."),
                },
                "unit": text(_("Unit as the report writes it (家, 條, 元, 戶, 項, 個, %, …).")),
                "unit_en": text(_("Unit in English.")),
                "qualifier": choice(
                    Metric.Qualifier.values,
                    _(
                        "exact, over (超, 突破, 以上), about (約, 左右), nearly (近), "
                        "more_than (余, 多), within (以內)."
                    ),
                ),
                "second_qualifier": choice(
                    Metric.Qualifier.values, _("A second qualifier where the report stacks two (約1000余萬元)."), True
                ),
                "as_of": date(_("Date the figure holds at, at the precision given in as_of_precision.")),
                "as_of_precision": precision,
                "period_start": date(_("Start of the period a flow covers (e.g. 2024-01-01 for 2024年全年).")),
                "period_precision": precision,
                "period_end": date(_("End of that period; null for a period that runs on.")),
                "basis": choice(Basis.values, basis, True),
                "as_written": text(_("The figure exactly as the report writes it, e.g. 7.58萬家.")),
                "time_as_written": text(
                    _("The time exactly as the report writes it, e.g. 截至2026年1月; may be empty.")
                ),
                "kind": {
                    "anyOf": [ref("MetricKindRef"), {"type": "null"}],
                    "description": _("The comparable measure this figure is, or null."),
                },
                "review_status": choice(ReviewStatus.values, _("Whether an editor checked it against the report.")),
                "report_reference": ref("ReportReference"),
                "initiative": ref("InitiativeRef"),
                "city": ref("CityRef"),
            }
        ),
        "Initiative": obj(
            {
                "id": integer(_("Identifier of the initiative.")),
                "url": API_URL,
                "html_url": HTML_URL,
                "slug": {**SLUG, "description": _("Identifier within its city.")},
                "city": ref("CityRef"),
                "province": ref("ProvinceRef"),
                "category": ref("CategoryRef"),
                "order": integer(_("Position within its city in the report.")),
                "heading": text(_("The report's own heading, e.g. 平臺建設方面.")),
                "title_zh": text(_("Title in Chinese.")),
                "title_en": text(_("Title in English.")),
                "description_zh": text(_("Description in Chinese (the portal's words).")),
                "description_en": text(_("Description in English.")),
                "sub_locality": text(_("A county, district or street inside the city; may be empty.")),
                "date": date(_("When it took effect, went live, was signed, …, at date_precision.")),
                "date_precision": precision,
                "date_event": choice(Initiative.DateEvent.values, _("What happened on the date."), True),
                "review_status": choice(ReviewStatus.values, _("Whether an editor checked it against the report.")),
                "report_reference": ref("ReportReference"),
                "metrics": array_of("Metric", _("Its figures, in the report's order.")),
            }
        ),
    }


def page_schema(name):
    return obj(
        {
            "count": integer(_("Number of results over all pages.")),
            "page": integer(_("This page's number.")),
            "page_size": integer(_("Results per page.")),
            "next": url(_("The next page, or null on the last."), nullable=True),
            "previous": url(_("The previous page, or null on the first."), nullable=True),
            "results": array_of(name, _("This page's results.")),
        }
    )


def json_content(schema):
    return {"application/json": {"schema": schema}}


ERROR_RESPONSES = {
    "304": {
        "description": _("Not modified: the copy named in If-None-Match (or dated by If-Modified-Since) is current.")
    },
    "400": {"description": _("Bad input, naming the parameter."), "content": json_content(ref("Error"))},
}
OK_HEADERS = {
    "ETag": {"description": _("Validator of this body; send it back in If-None-Match."), "schema": {"type": "string"}},
    "Last-Modified": {"description": _("When this URL first answered this body."), "schema": {"type": "string"}},
}


def list_operation(operation_id, summary, schema_name, filters, tag, examples):
    parameters = [parameter.openapi(examples.get(getattr(parameter, "model", None))) for parameter in filters]
    return {
        "get": {
            "operationId": operation_id,
            "tags": [tag],
            "summary": summary,
            "parameters": parameters + PAGINATION,
            "responses": {
                "200": {
                    "description": _("One page of results."),
                    "headers": OK_HEADERS,
                    "content": json_content(ref(f"{schema_name}Page")),
                },
                **ERROR_RESPONSES,
            },
        }
    }


def detail_operation(operation_id, summary, schema_name, key, tag, examples):
    schema = {"type": "integer", "minimum": 1} if key == "id" else {"type": "string"}
    if examples:
        schema["examples"] = examples
    described = _("The object's id.") if key == "id" else _("The object's slug.")
    parameter = {"name": key, "in": "path", "required": True, "description": described, "schema": schema}
    return {
        "get": {
            "operationId": operation_id,
            "tags": [tag],
            "summary": summary,
            "parameters": [parameter],
            "responses": {
                "200": {
                    "description": _("The object."),
                    "headers": OK_HEADERS,
                    "content": json_content(ref(schema_name)),
                },
                **ERROR_RESPONSES,
                "404": {"description": _("No such object."), "content": json_content(ref("Error"))},
            },
        }
    }


# (path segment, model, schema, list operation id, detail operation id, key, filters, list summary, detail summary)
RESOURCES = [
    ("provinces", Province, "Province", "listProvinces", "getProvince", "slug", [], _("Provinces"), _("One province")),
    ("cities", City, "City", "listCities", "getCity", "slug", CITY_FILTERS, _("Cities and districts"), _("One city")),
    (
        "categories",
        InitiativeCategory,
        "Category",
        "listCategories",
        "getCategory",
        "slug",
        [],
        _("Initiative categories"),
        _("One category"),
    ),
    (
        "metric-kinds",
        MetricKind,
        "MetricKind",
        "listMetricKinds",
        "getMetricKind",
        "slug",
        [],
        _("Comparable measures"),
        _("One measure"),
    ),
    (
        "innovation-models",
        InnovationModel,
        "InnovationModel",
        "listInnovationModels",
        "getInnovationModel",
        "slug",
        [],
        _("The report's innovation model types"),
        _("One innovation model type"),
    ),
    (
        "initiatives",
        Initiative,
        "Initiative",
        "listInitiatives",
        "getInitiative",
        "id",
        INITIATIVE_FILTERS,
        _("Initiatives, with their figures"),
        _("One initiative"),
    ),
    ("metrics", Metric, "Metric", "listMetrics", "getMetric", "id", METRIC_FILTERS, _("Figures"), _("One figure")),
]


def description(report):
    source = ""
    if report:
        source = _(
            "All data is transcribed from one report, %(title)s, published by %(publisher)s; the report's own rights "
            "remain with its publisher."
        ) % {"title": f"《{report.title_zh}》", "publisher": report.publisher}
    return "\n\n".join(
        str(part)
        for part in (
            _(
                "A read-only JSON API over the portal's data: provinces, cities and districts, initiative categories, "
                "initiatives, figures, comparable measures and the report's innovation model types."
            ),
            _(
                "Lists are paginated (page, page_size up to 500) and give count, next and previous. Filters take "
                "slugs; repeat a filter or separate values with commas to give several (OR); different filters "
                "combine (AND)."
            ),
            _(
                "Every figure carries its exact value as a decimal string, its unit, qualifier, as-of date and "
                "precision, the figure and time as the report writes them, and its place in the report."
            ),
            _(
                "Bad input (an unknown parameter, a value of the wrong type, an unknown slug, a page past the last) "
                'answers 400 with {"error": {"parameter", "message"}}; an unknown object answers 404 in the '
                "same form."
            ),
            _(
                "Every answer carries an ETag and Last-Modified: ask again with If-None-Match (or If-Modified-Since) "
                "and unchanged data answers 304 Not Modified."
            ),
            source,
        )
        if part
    )


def example_keys():
    """Two slugs (or ids) of each model, from the data: slugs are data, so the document shows real ones."""
    examples = {}
    for _segment, model, _schema, _list, _detail, key, *_rest in RESOURCES:
        field = "pk" if key == "id" else "slug"
        examples[model] = list(model.objects.order_by("pk").values_list(field, flat=True)[:2])
    return examples


def document(request):
    """The whole document, with every translatable text resolved in the active language."""
    report = Report.objects.first()
    examples = example_keys()
    paths = {}
    for segment, model, schema_name, list_id, detail_id, key, filters, list_summary, detail_summary in RESOURCES:
        tag = str(list_summary)
        paths[f"/{segment}/"] = list_operation(list_id, list_summary, schema_name, filters, tag, examples)
        paths[f"/{segment}/{{{key}}}/"] = detail_operation(
            detail_id, detail_summary, schema_name, key, tag, examples.get(model)
        )
    components = schemas()
    for _segment, _model, schema_name, *_rest in RESOURCES:
        components[f"{schema_name}Page"] = page_schema(schema_name)
    api_root = request.build_absolute_uri(reverse("api:docs")).rstrip("/")
    return resolve(
        {
            "openapi": "3.1.0",
            "info": {
                "title": _("Social Credit Innovation Portal API"),
                "version": "1.0.0",
                "description": description(report),
            },
            "servers": [{"url": api_root}],
            "paths": paths,
            "components": {"schemas": components},
        }
    )


def resolve(value):
    """Lazy translations to plain strings, recursively, so the document serialises as JSON."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {key: resolve(item) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item) for item in value]
    return value


# The HTML page's view of the document.


def type_label(schema):
    """A short reading of a schema for the docs page, and the component it links to, if any."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return name, name
    if "anyOf" in schema:
        labels = [type_label(option) for option in schema["anyOf"]]
        return " | ".join(label for label, _link in labels), next((link for _label, link in labels if link), None)
    kind = schema.get("type", "")
    if kind == "array":
        label, link = type_label(schema["items"])
        return f"array of {label}", link
    kinds = kind if isinstance(kind, list) else [kind]
    label = " | ".join(kinds)
    if "format" in schema:
        label = label.replace("string", f"string ({schema['format']})")
    if "enum" in schema:
        label += ": " + ", ".join(str(value) for value in schema["enum"] if value is not None)
    return label, None


def operations(document):
    rows = []
    for path, methods in document["paths"].items():
        operation = methods["get"]
        parameters = []
        for parameter in operation["parameters"]:
            label, link = type_label(parameter["schema"])
            examples = parameter["schema"].get("examples", [])
            example = ", ".join(map(str, examples[-1])) if examples and isinstance(examples[-1], list) else ""
            example = example or ", ".join(map(str, examples))
            parameters.append({**parameter, "type_label": label, "type_link": link, "example": example})
        responses = []
        for status, response in operation["responses"].items():
            schema = response.get("content", {}).get("application/json", {}).get("schema")
            label, link = type_label(schema) if schema else ("", None)
            responses.append(
                {"status": status, "description": response["description"], "type_label": label, "type_link": link}
            )
        rows.append(
            {
                "path": path,
                "url": document["servers"][0]["url"] + path,
                "is_list": "{" not in path,
                "operation": operation,
                "parameters": parameters,
                "responses": responses,
            }
        )
    return rows


def schema_tables(document):
    tables = []
    for name, schema in document["components"]["schemas"].items():
        properties = []
        for property_name, property_schema in schema.get("properties", {}).items():
            label, link = type_label(property_schema)
            properties.append(
                {
                    "name": property_name,
                    "type_label": label,
                    "type_link": link,
                    "description": property_schema.get("description", ""),
                }
            )
        tables.append({"name": name, "properties": properties})
    return tables
