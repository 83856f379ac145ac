"""The JSON API answers a repeat request for unchanged data with a 304, and changed data never."""

import pytest

from initiatives.display import machine_number
from initiatives.models import Metric

pytestmark = pytest.mark.usefixtures("report_data")


@pytest.mark.parametrize(
    "url", ["/api/cities/", "/api/initiatives/?city=chaoyang", "/api/metrics/1/", "/api/openapi.json"]
)
def test_a_repeat_request_for_unchanged_data_gets_304(client, url):
    url = url.replace("/1/", f"/{Metric.objects.first().pk}/")
    first = client.get(url)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and last_modified.endswith("GMT")
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_changed_data_is_never_answered_with_304(client):
    metric = Metric.objects.filter(initiative__city__slug="chaoyang").first()
    url = "/api/metrics/?city=chaoyang"
    etag = client.get(url)["ETag"]
    metric.label_en = metric.label_en + " (corrected)"
    metric.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    # A bulk update sends no save signal; the ETag, a hash of the body, still changes.
    etag = changed["ETag"]
    Metric.objects.filter(pk=metric.pk).update(value=metric.value + 1)
    bulk = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert bulk.status_code == 200
    assert f'"value":"{machine_number(metric.value + 1)}"' in bulk.content.decode()
