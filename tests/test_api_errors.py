"""The JSON API's errors, all in JSON: bad input is a 400 naming the parameter, an unknown object a 404, a write
a 405, a failure a 500."""

import contextlib
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.usefixtures("report_data")


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/initiatives/?colour=red", "colour"),
        ("/api/initiatives/?year=abc", "year"),
        ("/api/initiatives/?year=99999", "year"),
        ("/api/initiatives/?year=-1", "year"),
        ("/api/initiatives/?has_figures=maybe", "has_figures"),
        ("/api/initiatives/?city=nowhere", "city"),
        ("/api/initiatives/?city=chaoyang,nowhere", "city"),
        ("/api/initiatives/?city=no%20slug", "city"),
        ("/api/initiatives/?q=" + "x" * 201, "q"),
        ("/api/initiatives/?q=a%00b", "q"),
        ("/api/initiatives/?page=0", "page"),
        ("/api/initiatives/?page=abc", "page"),
        ("/api/initiatives/?page=1.5", "page"),
        ("/api/initiatives/?page=" + "9" * 5000, "page"),
        ("/api/initiatives/?page=1&page=2", "page"),
        ("/api/initiatives/?page=100000", "page"),
        ("/api/initiatives/?page_size=501", "page_size"),
        ("/api/initiatives/?page_size=0", "page_size"),
        ("/api/metrics/?qualifier=roughly", "qualifier"),
        ("/api/metrics/?" + "&".join(["qualifier=over"] * 51), "qualifier"),
        ("/api/initiatives/?city=" + ",".join(["chaoyang"] * 51), "city"),
        ("/api/metrics/?sort=value,-value", "sort"),
        ("/api/metrics/?initiative=x", "initiative"),
        ("/api/metrics/?initiative=99999999999999999999", "initiative"),
        ("/api/cities/?level=village", "level"),
        ("/api/cities/?innovation_model=nowhere", "innovation_model"),
        ("/api/cities/chaoyang/?page=1", "page"),
        ("/api/openapi.json?x=1", "x"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["parameter"] == parameter
    assert error["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/cities/nowhere/",
        "/api/provinces/nowhere/",
        "/api/categories/nowhere/",
        "/api/metric-kinds/nowhere/",
        "/api/innovation-models/nowhere/",
        "/api/initiatives/999999/",
        "/api/initiatives/abc/",
        "/api/initiatives/99999999999999999999999/",
        "/api/metrics/999999/",
        "/api/metrics/-1/",
        "/api/cities/%E6%9C%9D%E9%99%BD/",
        "/api/categories/a%0Ab/",
        "/api/nothing-here/",
        "/api/cities/chaoyang/initiatives/",
    ],
)
def test_unknown_objects_are_a_404_in_json(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["message"]


def test_a_missing_slash_redirects_and_writes_are_refused(client):
    response = client.get("/api/cities?province=beijing")
    assert response.status_code == 301
    assert response["Location"] == "/api/cities/?province=beijing"
    for method in (client.post, client.put, client.delete, client.patch):
        response = method("/api/cities/")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert response.json()["error"]["message"]


@contextlib.contextmanager
def database_down():
    """Every new query fails as it would with the database server gone."""

    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server")

    with mock.patch.object(connection, "create_cursor", refuse):
        yield


@pytest.mark.parametrize("url", ["/api/cities/", "/api/initiatives/?city=chaoyang", "/api/metrics/1/", "/api/"])
def test_a_server_error_is_json_even_with_the_database_down(url):
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get(url)
        page = client.get("/cities/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["message"]
    # The site's pages keep their HTML error page.
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")
