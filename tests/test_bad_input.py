"""Bad input never reaches a view as a 500: NUL characters, broken UTF-8 and over-long values, in every URL pattern
and every parameter a filter reads, answer 400 (credit_portal/bad_input.py) or whatever the view says of a plain
wrong value, never 5xx. Enumerated from the URL conf and the filters, so a new page or filter is covered at once.
"""

import re
from urllib.parse import quote

import django_filters
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CONVERTER = re.compile(r"<(?:\w+:)?\w+>")


def routes(patterns=None, prefix=""):
    """Every URL pattern as a route string, `<converters>` still in it (the default language's, unprefixed)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        pattern = entry.pattern
        text = getattr(pattern, "_route", None)
        if text is None:  # a regex (admin's few) or the language prefix (empty for the default language)
            text = "" if type(pattern).__name__ == "LocalePrefixPattern" else None
            if text is None:
                text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", str(pattern.regex.pattern)).lstrip("^").rstrip("$")
                text = text.replace("\\", "")
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, prefix + text)
        elif isinstance(entry, URLPattern):
            yield prefix + text


def filter_parameters():
    """The name of every parameter a filter reads: the FilterSets the pages and the API share."""
    names = set()
    pending = list(django_filters.FilterSet.__subclasses__())
    while pending:
        filterset = pending.pop()
        pending += filterset.__subclasses__()
        names.update(filterset.base_filters)
    return sorted(names)


ROUTES = sorted(set(routes()))
# What views read themselves, beside their filters: the page, the API's page size, the download format, the search,
# the comparison.
PARAMETERS = filter_parameters() + ["page", "page_size", "format", "q", "cities", "next"]

bad_text = st.one_of(
    st.text(max_size=20).map(lambda text: text + "\x00" + text),  # NUL
    st.binary(min_size=1, max_size=8).map(lambda raw: b"a\xff" + raw + b"\xc3"),  # not UTF-8
    st.integers(1001, 4000).map(lambda size: "长" * size),  # over-long
    st.text(max_size=30),  # anything else, as a reader might type it
)


def encoded(value):
    return quote(value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass"), safe="")


def test_the_enumeration_finds_the_pages_and_the_filters():
    assert "cities/<slug:slug>/" in ROUTES and "compare/" in ROUTES and "api/initiatives/" in ROUTES
    assert {"province", "city", "category", "q"} <= set(PARAMETERS)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.dictionaries(st.sampled_from(PARAMETERS), bad_text, min_size=1, max_size=3),
    path_value=bad_text,
    in_path=st.booleans(),
)
def test_bad_values_in_any_path_or_parameter_never_give_a_server_error(
    client, report_data, route, query, path_value, in_path
):
    client.raise_request_exception = False
    path = "/" + CONVERTER.sub(lambda _match: encoded(path_value) if in_path else "chaoyang", route)
    query_string = "&".join(f"{encoded(name)}={encoded(value)}" for name, value in query.items())
    response = client.get(f"{path}?{query_string}")
    assert response.status_code < 500, (path, query, response.content[:300])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/compare/?cities=a%00b", "/cities/?province=%00", "/initiatives/?q=%ff%fe", "/search/?q=" + "x" * 1001],
)
def test_the_reported_cases_answer_400_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().strip()


@pytest.mark.django_db
def test_a_nul_in_a_form_field_is_refused_before_any_write(client):
    response = client.post("/admin/login/", {"username": "editor\x00", "password": "x"})
    assert response.status_code == 400
    assert "username" in response.content.decode()


@pytest.mark.django_db
def test_every_response_says_other_sites_may_not_embed_it(client):
    assert client.get("/healthz")["Cross-Origin-Resource-Policy"] == "same-origin"


def test_a_request_for_an_unknown_host_is_logged_as_a_warning_without_a_traceback(client, caplog):
    with caplog.at_level("INFO", logger="django.security.DisallowedHost"):
        assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    records = [record for record in caplog.records if record.name == "django.security.DisallowedHost"]
    assert records and all(record.levelname == "WARNING" and not record.exc_info for record in records)
