"""The OpenAPI document is valid, every answer of the API matches it, and its HTML page shows all of it."""

import os

import pytest
import schemathesis
from django.core.management import call_command
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from cities.models import City
from initiatives.models import Initiative, Metric

# A path of the document, a URL to fill it with, and the status to expect.
EXAMPLES = [
    ("/sources/", "/api/sources/", 200),
    ("/sources/{slug}/", "/api/sources/report/", 200),
    ("/sources/{slug}/", "/api/sources/nowhere/", 404),
    ("/provinces/", "/api/provinces/", 200),
    ("/provinces/{slug}/", "/api/provinces/{province}/", 200),
    ("/cities/", "/api/cities/?sort=initiatives&level=municipal_district,prefecture_city", 200),
    ("/cities/{slug}/", "/api/cities/chaoyang/", 200),
    ("/categories/", "/api/categories/", 200),
    ("/categories/{slug}/", "/api/categories/{category}/", 200),
    ("/metric-kinds/", "/api/metric-kinds/", 200),
    ("/metric-kinds/{slug}/", "/api/metric-kinds/{kind}/", 200),
    ("/innovation-models/", "/api/innovation-models/", 200),
    ("/innovation-models/{slug}/", "/api/innovation-models/{model}/", 200),
    ("/initiatives/", "/api/initiatives/?page_size=500", 200),
    ("/initiatives/", "/api/initiatives/?page_size=1&page=2&has_figures=true", 200),
    ("/initiatives/{id}/", "/api/initiatives/{initiative}/", 200),
    ("/metrics/", "/api/metrics/?page_size=500", 200),
    ("/metrics/{id}/", "/api/metrics/{metric}/", 200),
    ("/cities/", "/api/cities/?province=nowhere", 400),
    ("/initiatives/", "/api/initiatives/?year=twenty", 400),
    ("/metrics/{id}/", "/api/metrics/0/", 404),
    ("/cities/{slug}/", "/api/cities/nowhere/", 404),
]


@pytest.fixture
def document(client, report_data):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def fill(url):
    from cities.models import InnovationModel, Province
    from initiatives.models import InitiativeCategory, MetricKind

    return url.format(
        province=Province.objects.first().slug,
        category=InitiativeCategory.objects.first().slug,
        kind=MetricKind.objects.first().slug,
        model=InnovationModel.objects.first().slug,
        initiative=Initiative.objects.filter(metrics__isnull=False).first().pk,
        metric=Metric.objects.filter(kind__isnull=False).first().pk,
    )


def test_the_document_is_valid_openapi_3_1(document):
    validate(document)
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        f"/{segment}/{suffix}"
        for segment in (
            "sources",
            "provinces",
            "cities",
            "categories",
            "metric-kinds",
            "innovation-models",
            "initiatives",
            "metrics",
        )
        for suffix in ("", "{slug}/" if segment not in ("initiatives", "metrics") else "{id}/")
    }


def test_the_documented_parameters_are_the_accepted_ones(client, document):
    """Each documented query parameter is accepted (not an "unknown parameter" 400), and nothing else is."""
    for path, methods in document["paths"].items():
        if "{" in path:
            continue
        names = {parameter["name"] for parameter in methods["get"]["parameters"]}
        for name in names:
            response = client.get(f"/api{path}?{name}=")
            error = response.json().get("error") if response.status_code == 400 else None
            assert not error or "Unknown parameter" not in error["message"], (path, name)
        assert client.get(f"/api{path}?undocumented=1").status_code == 400
    filters = {p["name"] for p in document["paths"]["/initiatives/"]["get"]["parameters"]}
    assert filters == {
        *(
            "city",
            "province",
            "category",
            "metric_kind",
            "kind",
            "year",
            "has_figures",
            "q",
            "sort",
            "page",
            "page_size",
        )
    }
    cities = {p["name"] for p in document["paths"]["/cities/"]["get"]["parameters"]}
    assert {"province", "level", "innovation_model", "category"} <= cities


@pytest.mark.parametrize(("path", "url", "status"), EXAMPLES)
def test_every_answer_matches_its_schema_in_the_document(client, document, path, url, status):
    response = client.get(fill(url))
    assert response.status_code == status
    content = document["paths"][path]["get"]["responses"][str(status)]["content"]["application/json"]
    validator = Draft202012Validator(
        {**content["schema"], "components": document["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    errors = sorted(validator.iter_errors(response.json()), key=str)
    assert not errors, errors[0]


def test_schemas_forbid_fields_they_do_not_describe(document):
    for name, schema in document["components"]["schemas"].items():
        assert schema["additionalProperties"] is False, name
        assert set(schema["required"]) == set(schema["properties"]), name


def test_slugs_in_the_document_are_real(document):
    city = next(p for p in document["paths"]["/initiatives/"]["get"]["parameters"] if p["name"] == "city")
    for example in city["schema"]["examples"]:
        assert City.objects.filter(slug__in=example).count() == len(example)


def test_the_documentation_page_shows_every_endpoint_and_field(client, document):
    response = client.get("/api/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'href="/api/openapi.json"' in html
    for path, methods in document["paths"].items():
        assert f"GET {path}" in html
        for parameter in methods["get"]["parameters"]:
            assert f"<code>{parameter['name']}</code>" in html
    for name, schema in document["components"]["schemas"].items():
        assert f'id="schema-{name}"' in html
        for field in schema["properties"]:
            assert f"<code>{field}</code>" in html
    assert html.count("<caption>") == html.count("<table")
    assert "<script" not in html and "style=" not in html


def test_the_document_is_english_whatever_the_reader_language(client, report_data):
    with translation.override("zh-hant"):
        first = client.get("/api/openapi.json", HTTP_ACCEPT_LANGUAGE="zh-hant").json()
    second = client.get("/api/openapi.json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert first == second


@pytest.fixture
def live_api(live_server, transactional_db):
    call_command("load_report", force=True, verbosity=0)
    return live_server


# Per operation and mode (valid, invalid): 14 × 2 × 10 requests, about 30 s. The same examples on every run, so CI
# does not fail by chance; API_FUZZ_EXAMPLES=200 API_FUZZ_RANDOM=1 explores further by hand.
EXAMPLES_PER_OPERATION = int(os.environ.get("API_FUZZ_EXAMPLES", 10))
DERANDOMIZE = not os.environ.get("API_FUZZ_RANDOM")


def test_schemathesis_finds_no_failure_against_the_running_server(live_api):
    """Generated requests, valid and invalid, against every operation of the live server: no server error,
    every status, header, content type and body as documented, invalid input refused.

    Not checked: "valid input is accepted". The document cannot say which slugs exist or how many pages there
    are, and an unknown slug or a page past the last is a 400 by design.
    """
    schema = schemathesis.openapi.from_url(f"{live_api.url}/api/openapi.json")
    excluded = [schemathesis.checks.positive_data_acceptance]
    calls = 0
    for path in schema.raw_schema["paths"]:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @given(case=schema[path]["GET"].as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                derandomize=DERANDOMIZE,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case):
                nonlocal calls
                calls += 1
                case.call_and_validate(excluded_checks=excluded)

            try:
                check()
            except Unsatisfiable:
                # Only a slug in the path: any string is a valid one, so there is no invalid request to make.
                assert mode == schemathesis.GenerationMode.NEGATIVE and path.endswith("{slug}/"), path
    assert calls >= len(schema.raw_schema["paths"]) * 2
