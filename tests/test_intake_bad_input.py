"""Bad input to the intake: a clear message, and no row written (no batch, no source, nothing published)."""

import pytest
from admin_support import make_editor
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from reversion.models import Revision
from test_intake_flow import FICTIONAL_REPORT, NEW_SOURCE, review_data, submit

from cities.models import Source
from initiatives.models import Initiative, Metric
from intake.models import IntakeBatch, ProposedFigure, ProposedInitiative


@pytest.fixture
def editor_client(client, report_data):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the messages' English msgids
    client.force_login(make_editor("intake-editor"))
    return client


def counts():
    return (IntakeBatch.objects.count(), Source.objects.count(), Initiative.objects.count(), Metric.objects.count())


def upload(client, content, name="report.txt"):
    return client.post(reverse("intake_start"), {**NEW_SOURCE, "upload": SimpleUploadedFile(name, content)})


def test_text_without_a_city_heading(editor_client):
    before = counts()
    response = submit(editor_client, "這是一段沒有城市標題的文字，其中有 3 家企業。\n另一段文字。")
    assert response.status_code == 400
    assert "No city heading was found" in response.content.decode()
    assert counts() == before


def test_an_unknown_city_is_offered_for_creation_with_its_province(editor_client):
    before = counts()
    text = (
        FICTIONAL_REPORT
        + "河北省創新示范研究\n虛構縣\n虛構縣的介紹。\n金融服務創新方面，截至2026年3月，放款 5 億元。\n"
    )
    response = submit(editor_client, text)
    page = response.content.decode()
    assert response.status_code == 400
    assert "虛構縣" in page and "Create them first" in page
    # The link opens admin's form for a new city, its name and province filled in.
    assert response.context["create_links"][0]["province"] == "河北省"
    assert "/admin/cities/city/add/?name_zh=" in page
    assert counts() == before


def test_an_unknown_province_is_offered_first(editor_client):
    text = "虛構省創新示范研究\n虛構市\n虛構市的介紹。\n金融服務創新方面，放款 5 億元。\n"
    response = submit(editor_client, text)
    assert response.status_code == 400
    assert response.context["create_links"][0]["province_missing"] is True
    assert "/admin/cities/province/add/?name_zh=" in response.content.decode()


def test_a_number_the_parser_cannot_read_is_kept_with_its_reason_and_not_published(editor_client):
    text = FICTIONAL_REPORT.replace("全區放貸金額突破 160 億元", "全區減少碳排放超 12 萬噸")
    assert submit(editor_client, text).status_code == 302
    batch = IntakeBatch.objects.get()
    figure = ProposedFigure.objects.get(initiative__batch=batch, as_written="超12萬噸")
    assert figure.value is None and "噸" in figure.problem
    page = editor_client.get(reverse("intake_review", args=[batch.pk])).content.decode()
    assert "Could not read this number" in page and "噸" in page
    before, revisions = counts(), Revision.objects.count()
    for proposal in ProposedInitiative.objects.filter(batch=batch).select_related("city"):
        proposal.status = "merged"
        proposal.merge_into = Initiative.objects.filter(city=proposal.city).order_by("order").last()
        proposal.save()
    data = review_data(batch, **{f.as_written: {"status": "accepted"} for f in ProposedFigure.objects.all()})
    response = editor_client.post(reverse("intake_review", args=[batch.pk]), {**data, "publish": "1"})
    assert response.status_code == 400
    assert "超12萬噸" in " ".join(response.context["problems"])
    # The other figure (伊春, readable) is not published either: a batch is published whole or not at all.
    assert counts() == before and Revision.objects.count() == revisions


def test_a_new_initiative_without_its_english_title_stops_the_whole_batch(editor_client):
    submit(editor_client, FICTIONAL_REPORT)
    batch = IntakeBatch.objects.get()
    first, second = ProposedInitiative.objects.filter(batch=batch)
    first.status, first.merge_into = "accepted", None
    first.title_zh, first.description_zh, first.description_en = (
        "虛構的新做法",
        "虛構的描述。",
        "A made-up description.",
    )
    first.save()
    second.status = "merged"
    second.save()
    data = review_data(batch, **{f.as_written: {"status": "accepted"} for f in ProposedFigure.objects.all()})
    before = counts()
    response = editor_client.post(reverse("intake_review", args=[batch.pk]), {**data, "publish": "1"})
    assert response.status_code == 400
    assert any("title_en" in problem for problem in response.context["problems"])
    assert counts() == before
    data[f"i{first.pk}-title_en"] = "A made-up new practice"
    assert editor_client.post(reverse("intake_review", args=[batch.pk]), {**data, "publish": "1"}).status_code == 302
    created = Initiative.objects.get(title_zh="虛構的新做法")
    assert created.source.title_zh == "虛構測試報告" and created.metrics.get().as_written == "突破160億元"


def test_nul_in_pasted_text(editor_client):
    before = counts()
    response = submit(editor_client, FICTIONAL_REPORT + "\x00")
    assert response.status_code == 400 and "NUL" in response.content.decode()
    assert counts() == before


def test_nul_in_an_uploaded_file(editor_client):
    before = counts()
    response = upload(editor_client, FICTIONAL_REPORT.encode() + b"\x00\x00")
    assert response.status_code == 400 and "NUL characters" in response.content.decode()
    assert counts() == before


@override_settings(INTAKE_MAX_UPLOAD_BYTES=100)
def test_an_oversize_upload(editor_client):
    before = counts()
    response = upload(editor_client, FICTIONAL_REPORT.encode())
    assert response.status_code == 400 and "the intake takes files up to 100" in response.content.decode()
    assert counts() == before


def test_a_file_that_is_not_utf8(editor_client):
    before = counts()
    response = upload(editor_client, FICTIONAL_REPORT.encode("big5", errors="replace"))
    assert response.status_code == 400 and "not UTF-8 text" in response.content.decode()
    assert counts() == before


def test_an_uploaded_utf8_file_is_taken_in(editor_client):
    response = upload(editor_client, "\ufeff".encode() + FICTIONAL_REPORT.encode())
    assert response.status_code == 302
    assert IntakeBatch.objects.get().file_name == "report.txt"


def test_a_new_source_needs_its_title_publisher_and_period(editor_client):
    before = counts()
    response = editor_client.post(reverse("intake_start"), {"text": FICTIONAL_REPORT})
    assert response.status_code == 400 and "Needed for a new source" in response.content.decode()
    assert counts() == before
