"""An editor takes in a made-up second source: the portal proposes, the editor reviews and accepts, the portal
publishes once, in one revision of the history. The text below is fictional, written for these tests only."""

from decimal import Decimal

import pytest
from admin_support import make_editor
from django.urls import reverse
from reversion.models import Revision

from initiatives.models import Initiative, Metric
from intake.forms import ProposedFigureForm
from intake.models import FIGURE_FIELDS, IntakeBatch, ProposedFigure, ProposedInitiative

FICTIONAL_REPORT = """虛構測試報告（為測試而虛構，並非真實數據）
天津市創新示范研究
武清區
武清區的這一段介紹為測試而虛構。
惠民便企創新方面，截至2026年3月，全區放貸金額突破 160 億元。
黑龍江省創新示范研究
伊春市
伊春市的這一段介紹為測試而虛構。
平臺建設創新方面，截至2026年3月，伊春市“信易貸”累計放款近 95 億元。
"""
DUPLICATE_REPORT = """虛構測試報告之二
北京市創新示范研究
朝陽區
朝陽區的這一段介紹為測試而虛構。
平臺建設方面，2024年全年歸集共享信用信息超 3.6 萬條。
"""


@pytest.fixture
def editor(report_data):
    return make_editor("intake-editor")


@pytest.fixture
def editor_client(client, editor):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the messages' English msgids
    client.force_login(editor)
    return client


NEW_SOURCE = {
    "new_title_zh": "虛構測試報告",
    "new_title_en": "A fictional test report",
    "new_publisher": "虛構出版者（測試用）",
    "new_period_start_year": "2026",
    "new_period_end_year": "2026",
}


def submit(client, text, **fields):
    return client.post(reverse("intake_start"), {"text": text, **NEW_SOURCE, **fields})


def review_data(batch, **changes):
    """The review form as the page posts it, with the given figure fields changed (by as_written)."""
    data = {}
    for proposal in ProposedInitiative.objects.filter(batch=batch):
        prefix = f"i{proposal.pk}"
        data.update(
            {
                f"{prefix}-status": proposal.status,
                f"{prefix}-category": proposal.category_id or "",
                f"{prefix}-merge_into": proposal.merge_into_id or "",
                f"{prefix}-title_zh": proposal.title_zh,
                f"{prefix}-title_en": proposal.title_en,
                f"{prefix}-description_zh": proposal.description_zh,
                f"{prefix}-description_en": proposal.description_en,
            }
        )
        for figure in proposal.figures.all():
            prefix = f"f{figure.pk}"
            for name in (
                "status", "label_zh", "label_en", "as_written", "value", "value_max", "unit", "unit_en", "qualifier",
                "second_qualifier", "time_as_written", "as_of", "as_of_precision", "period_start", "period_precision",
                "period_end", "basis",
            ):  # fmt: skip
                value = getattr(figure, name)
                data[f"{prefix}-{name}"] = "" if value is None else str(value)
            data[f"{prefix}-kind"] = figure.kind_id or ""
            for name, value in changes.get(figure.as_written, {}).items():
                data[f"{prefix}-{name}"] = value
    return data


def test_the_intake_is_for_editors_only(client, report_data):
    url = reverse("intake_start")
    assert client.get(url).status_code == 302  # to the login page
    from django.contrib.auth import get_user_model

    reader = get_user_model().objects.create_user("staff-without-permission", is_staff=True)
    client.force_login(reader)
    assert client.get(url).status_code == 403


def test_a_pasted_report_is_proposed_not_published(editor_client):
    before = Metric.objects.count(), Initiative.objects.count()
    response = submit(editor_client, FICTIONAL_REPORT)
    batch = IntakeBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("intake_review", args=[batch.pk])
    assert (Metric.objects.count(), Initiative.objects.count()) == before
    figures = ProposedFigure.objects.filter(initiative__batch=batch).select_related("kind", "initiative__merge_into")
    wuqing, yichun = sorted(figures, key=lambda f: f.initiative.order)
    assert (wuqing.as_written, wuqing.value, wuqing.qualifier) == ("突破160億元", Decimal("16000000000"), "over")
    assert (yichun.as_written, yichun.value, yichun.qualifier) == ("近95億元", Decimal("9500000000"), "nearly")
    # The measure and the initiative the city already reports it under are suggested from the published figures.
    assert wuqing.kind.slug == yichun.kind.slug == "loans-disbursed-cumulative"
    assert wuqing.initiative.merge_into.slug == "credit-finance-xinyidai"
    assert (wuqing.time_as_written, str(wuqing.as_of), wuqing.as_of_precision) == (
        "截至2026年3月",
        "2026-03-01",
        "month",
    )
    assert wuqing.duplicate_of is None

    page = editor_client.get(reverse("intake_review", args=[batch.pk]))
    assert page.status_code == 200
    assert "惠民便企創新方面，截至2026年3月，全區放貸金額突破 160 億元。" in page.content.decode()


def test_accepting_publishes_the_batch_in_one_revision_by_the_editor(editor_client, editor):
    submit(editor_client, FICTIONAL_REPORT)
    batch = IntakeBatch.objects.get()
    for proposal in ProposedInitiative.objects.filter(batch=batch):
        proposal.status = "merged"  # new figures of the initiatives the cities already report
        proposal.save()
    accept_all = {f.as_written: {"status": "accepted"} for f in ProposedFigure.objects.filter(initiative__batch=batch)}
    revisions = Revision.objects.count()
    response = editor_client.post(
        reverse("intake_review", args=[batch.pk]), {**review_data(batch, **accept_all), "publish": "1"}
    )
    assert response.status_code == 302, response.context["problems"]
    assert Revision.objects.count() == revisions + 1
    revision = Revision.objects.latest("pk")
    assert revision.user == editor and f"#{batch.pk}" in revision.get_comment()
    new = Metric.objects.get(as_written="突破160億元")
    assert new.initiative.slug == "credit-finance-xinyidai" and new.kind.slug == "loans-disbursed-cumulative"
    assert {v.object for v in revision.version_set.all() if v.content_type.model == "metric"} >= {new}
    assert Metric.objects.filter(as_written="近95億元", initiative__city__slug="yichun").exists()
    batch.refresh_from_db()
    assert batch.accepted is not None


def test_a_figure_the_portal_already_holds_is_shown_for_merging_not_added_twice(editor_client):
    submit(editor_client, DUPLICATE_REPORT)
    batch = IntakeBatch.objects.get()
    figure = ProposedFigure.objects.get(initiative__batch=batch)
    existing = Metric.objects.get(initiative__city__slug="chaoyang", as_written="超3.6萬條")
    assert figure.duplicate_of == existing
    page = editor_client.get(reverse("intake_review", args=[batch.pk])).content.decode()
    assert "Already published" in page
    count = Metric.objects.count()
    data = review_data(batch, **{"超3.6萬條": {"status": "accepted"}})
    response = editor_client.post(reverse("intake_review", args=[batch.pk]), {**data, "publish": "1"})
    assert response.status_code == 400
    assert "merge it instead of adding it" in response.content.decode()
    assert Metric.objects.count() == count
    data = review_data(batch, **{"超3.6萬條": {"status": "merged"}})
    assert editor_client.post(reverse("intake_review", args=[batch.pk]), data).status_code == 302
    figure.refresh_from_db()
    assert (figure.status, figure.published) == ("merged", existing)
    assert Metric.objects.count() == count


def test_the_admin_index_leads_editors_to_the_intake(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("intake_start")}"' in page and "Take in a report" in page


def test_the_review_forms_figure_fields_are_the_models():
    """A figure field declared on Metric reaches the proposals and their review form without a second declaration."""
    assert set(ProposedFigureForm.base_fields) == {"status", "kind", *FIGURE_FIELDS}
    for name in FIGURE_FIELDS:
        field, model_field = ProposedFigureForm.base_fields[name], ProposedFigure._meta.get_field(name)
        if not model_field.choices:
            assert getattr(field, "max_length", None) == getattr(model_field, "max_length", None)
        assert field.required == (name in ("as_written", "qualifier"))
