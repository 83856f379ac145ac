"""A made-up second source (the fictional text of test_intake_flow) taken in and accepted: the pages show the
latest figure with its history, both dates on the measure page, the sources in the comparison, and the history
holds one revision per accepted batch."""

import pytest
from admin_support import make_editor
from django.urls import reverse
from reversion.models import Revision
from test_intake_flow import FICTIONAL_REPORT, review_data, submit

from cities.models import Source
from intake.models import IntakeBatch, ProposedFigure, ProposedInitiative

SECOND = "虛構測試報告"


@pytest.fixture
def accepted(client, report_data):
    """The fictional source accepted: its two figures join the initiatives the cities already report."""
    editor = make_editor("intake-editor")
    client.force_login(editor)
    revisions = Revision.objects.count()
    submit(client, FICTIONAL_REPORT)
    batch = IntakeBatch.objects.get()
    ProposedInitiative.objects.filter(batch=batch).update(status="merged")
    data = review_data(batch, **{f.as_written: {"status": "accepted"} for f in ProposedFigure.objects.all()})
    response = client.post(reverse("intake_review", args=[batch.pk]), {**data, "publish": "1"})
    assert response.status_code == 302
    client.logout()
    return {"editor": editor, "batch": batch, "revisions_before": revisions}


def page(client, name, *args, query=""):
    response = client.get(reverse(name, args=args) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_history_holds_one_revision_per_accepted_batch(client, accepted):
    assert Revision.objects.count() == accepted["revisions_before"] + 1
    revision = Revision.objects.latest("pk")
    assert revision.user == accepted["editor"]
    assert {v.object.as_written for v in revision.version_set.all() if v.content_type.model == "metric"} == {
        "突破160億元",
        "近95億元",
    }
    # A second batch accepted later is a second revision.
    client.force_login(accepted["editor"])
    text = FICTIONAL_REPORT.replace("160", "170").replace("2026年3月", "2026年6月").replace("95", "99")
    submit(client, text, source=Source.objects.get(title_zh=SECOND).pk)
    batch = IntakeBatch.objects.latest("pk")
    ProposedInitiative.objects.filter(batch=batch).update(status="merged")
    figures = ProposedFigure.objects.filter(initiative__batch=batch)
    data = review_data(batch, **{f.as_written: {"status": "accepted"} for f in figures})
    assert client.post(reverse("intake_review", args=[batch.pk]), {**data, "publish": "1"}).status_code == 302
    assert Revision.objects.count() == accepted["revisions_before"] + 2


def test_the_city_page_shows_the_latest_figure_with_its_history(client, accepted):
    html = page(client, "city_detail", "wuqing")
    assert "突破160億元" in html and "突破140億元" in html
    assert html.index("突破160億元") < html.index("突破140億元")  # the latest first, then its history
    assert SECOND in html


def test_the_measure_page_shows_both_dates(client, accepted):
    html = page(client, "metric_kind_detail", "loans-disbursed-cumulative")
    for text in ("突破160億元", "截至2026年3月", "突破140億元", "截至2025年2月", "近95億元", "近90億元"):
        assert text in html, text


def test_the_comparison_names_the_sources(client, accepted):
    html = page(client, "compare", query="?cities=wuqing,yichun")
    assert SECOND in html
    assert Source.objects.order_by("id").first().title_zh in html
