"""Two editors open the same figure; the first saves a correction, the second then saves the form they opened:
refused, with what changed, and the second editor's input kept to apply again knowingly. The edits are made up."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from initiatives.models import Metric
from tests.admin_support import form_data, make_editor


@pytest.fixture
def figure(report_data):
    return Metric.objects.filter(initiative__slug="wushi-burao").order_by("pk").first()


def editor(name):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(make_editor(username=name))
    return client


@pytest.mark.django_db
def test_a_stale_form_is_refused_showing_the_change_and_keeping_the_input(figure):
    url = reverse("admin:initiatives_metric_change", args=[figure.pk])
    first, second = editor("first"), editor("second")
    first_form, second_form = first.get(url), second.get(url)
    assert second_form.content.decode().count('name="edited_version"') >= 1
    original = figure.label_en

    first_data = form_data(first_form) | {"label_en": "First editor label (made up)"}
    assert first.post(url, first_data).status_code == 302
    second_data = form_data(second_form) | {"label_en": "Second editor label (made up)"}
    refused = second.post(url, second_data)

    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Someone saved this row after you opened it" in html
    assert escape(f"you opened “{original}”, now stored “First editor label (made up)”") in html
    assert 'value="Second editor label (made up)"' in html  # their input, still in the form
    figure.refresh_from_db()
    assert figure.label_en == "First editor label (made up)"

    # Saving the refused form again applies the second editor's input, now that they have seen the change.
    assert second.post(url, form_data(refused)).status_code == 302
    figure.refresh_from_db()
    assert figure.label_en == "Second editor label (made up)"


@pytest.mark.django_db
def test_a_form_nobody_else_saved_goes_through(figure):
    url = reverse("admin:initiatives_metric_change", args=[figure.pk])
    client = editor("only")
    assert client.post(url, form_data(client.get(url)) | {"label_en": "A made-up label"}).status_code == 302
    figure.refresh_from_db()
    assert figure.label_en == "A made-up label"
