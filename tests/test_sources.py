"""Sources as data and figures over time: every row cites a source, and a later source's figure of the same measure
for the same city becomes the city's latest, with the earlier one kept as its history.

The second source here is made up for the test and clearly fictional; it is created through the ORM, never in the
fixtures."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from cities.models import InnovationModel, Lesson, Source
from initiatives.models import Initiative, Metric

pytestmark = pytest.mark.usefixtures("report_data")

KIND = "loans-disbursed-cumulative"  # 武清區 (截至2025年2月), 伊春市 (截至2025年7月) and 河間市 (undated) report it
FICTIONAL_TITLE = "測試來源（虛構）"


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def later_source():
    return Source.objects.create(
        slug="test-later-source",
        title_zh=FICTIONAL_TITLE,
        title_en="Test source (fictional)",
        title_is_descriptive=True,
        publisher="測試出版者（虛構）",
        published=datetime.date(2026, 6, 1),
        published_precision="month",
        period_start_year=2026,
        period_end_year=2026,
        note="Made up for a test.",
    )


def newer_figure(city_slug, source, value, as_written):
    """A later figure of the measure for the city, on the initiative that gave the earlier one."""
    earlier = Metric.objects.get(kind__slug=KIND, initiative__city__slug=city_slug)
    return Metric.objects.create(
        initiative=earlier.initiative,
        position=earlier.initiative.metrics.count() + 1,
        label_zh=earlier.label_zh,
        label_en=earlier.label_en,
        value=Decimal(value),
        unit=earlier.unit,
        unit_en=earlier.unit_en,
        qualifier="exact",
        as_written=as_written,
        as_of=datetime.date(2026, 6, 1),
        as_of_precision="month",
        time_as_written="截至2026年6月",
        basis=earlier.basis,
        kind=earlier.kind,
        source=source,
        report_section="測試章節（虛構）",
        report_paragraph=1,
    )


@pytest.fixture
def newer_figures(later_source):
    return {
        "wuqing": newer_figure("wuqing", later_source, "15000000000", "150億元"),
        "yichun": newer_figure("yichun", later_source, "9500000000", "95億元"),
    }


def test_the_report_is_the_first_source_and_every_row_cites_it():
    report = Source.objects.get()
    assert report.slug == "report" and report.published is None and report.url == ""
    for model in (Initiative, Metric, InnovationModel, Lesson):
        assert model.objects.exclude(source=report).count() == 0
        assert model.objects.count() > 0
    assert Lesson.objects.get(order=1).report_section == "典型經驗提煉"
    assert InnovationModel.objects.get(order=2).report_paragraph == 2


def test_a_figure_defaults_to_its_initiatives_source():
    initiative = Initiative.objects.filter(metrics__isnull=False).first()
    figure = Metric.objects.create(
        initiative=initiative,
        position=99,
        label_zh="測試",
        label_en="Test",
        value=Decimal(1),
        unit="家",
        unit_en="enterprises",
        as_written="1家",
    )
    assert figure.source_id == initiative.source_id
    assert (figure.cited_section, figure.cited_paragraph) == (initiative.report_section, initiative.report_paragraph)


def test_a_source_cited_by_a_row_cannot_be_deleted():
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Source.objects.get().delete()


def test_the_city_page_shows_the_latest_figure_with_its_history(client, newer_figures):
    html = html_of(client, reverse("city_detail", args=["wuqing"]))
    section = html.split('id="over-time"', 1)[1].split("</section>", 1)[0]
    latest, earlier = section.index("150億元"), section.index("140億元")
    assert latest < earlier  # the latest first
    assert "2026年6月" in section and "2025年2月" in section
    assert FICTIONAL_TITLE in section
    assert Source.objects.get(slug="report").title_zh in section
    # The earlier figure, among its initiative's figures, says a later one replaces it.
    english = html_of(client, "/en" + reverse("city_detail", args=["wuqing"]))
    assert english.count("An earlier figure: a later source gives") == 1
    # The cite block names both sources.
    cite = html.split('<section class="cite"', 1)[1]
    assert FICTIONAL_TITLE in cite and Source.objects.get(slug="report").title_zh in cite


def test_a_city_without_a_later_source_shows_no_history(client, newer_figures):
    assert 'id="over-time"' not in html_of(client, reverse("city_detail", args=["hejian"]))


def test_the_measure_page_shows_both_dates_each_with_its_source(client, newer_figures):
    html = html_of(client, reverse("metric_kind_detail", args=[KIND]))
    section = html.split('id="measure-over-time"', 1)[1].split("</section>", 1)[0]
    for city, dates in (("wuqing", ("2026年6月", "2025年2月")), ("yichun", ("2026年6月", "2025年7月"))):
        assert reverse("city_detail", args=[city]) in section
        for date in dates:
            assert date in section
    assert section.count(FICTIONAL_TITLE) == 2  # each city's latest
    assert section.count(Source.objects.get(slug="report").title_zh) == 2  # each city's earlier figure
    assert reverse("city_detail", args=["hejian"]) not in section  # one source only: no history
    # The ranking lists every figure and marks the two a later source updates.
    english = html_of(client, "/en" + reverse("metric_kind_detail", args=[KIND]))
    assert english.count("An earlier figure: a later source updates it") == 2


def compare_html(client, *slugs):
    return html_of(client, reverse("compare") + "?cities=" + ",".join(slugs))


def test_the_comparison_names_each_figures_source_and_compares_the_latest(client, newer_figures):
    html = compare_html(client, "wuqing", "yichun")
    measures = html.split('id="compare-measures"', 1)[1].split("</section>", 1)[0]
    assert FICTIONAL_TITLE in measures and Source.objects.get(slug="report").title_zh in measures
    # Both cities' latest figures come from the same source: no mixing to warn of.
    english = html_of(client, "/en" + reverse("compare") + "?cities=wuqing,yichun")
    assert "from different sources" not in english
    assert english.count("An earlier figure: not compared") == 2
    cite = html.split('<section class="cite"', 1)[1]
    assert FICTIONAL_TITLE in cite


def test_a_comparison_across_sources_says_so(client, newer_figures):
    html = html_of(client, "/en" + reverse("compare") + "?cities=wuqing,hejian")
    measures = html.split('id="compare-measures"', 1)[1].split("</section>", 1)[0]
    assert FICTIONAL_TITLE in measures
    assert "from different sources" in measures


def test_the_api_lists_the_sources_and_each_figure_names_its_own(client, newer_figures):
    sources = client.get("/api/sources/").json()
    results = sources["results"] if isinstance(sources, dict) else sources
    assert [source["slug"] for source in results] == ["report", "test-later-source"]
    figure = client.get(f"/api/metrics/{newer_figures['wuqing'].pk}/").json()
    assert figure["source"]["slug"] == "test-later-source"
    assert figure["report_reference"]["section"] == "測試章節（虛構）"
    earlier = Metric.objects.get(kind__slug=KIND, initiative__city__slug="wuqing", source__slug="report")
    initiative = client.get(f"/api/initiatives/{earlier.initiative_id}/").json()
    assert initiative["source"]["slug"] == "report"
    assert {metric["source"]["slug"] for metric in initiative["metrics"]} == {"report", "test-later-source"}


def test_the_dataset_lists_the_sources_and_each_figures(client, newer_figures):
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("dataset_download")).content))
    sources = list(csv.DictReader(io.StringIO(archive.read("sources.csv").decode("utf-8-sig"))))
    assert [row["slug"] for row in sources] == ["report", "test-later-source"]
    metrics = list(csv.DictReader(io.StringIO(archive.read("metrics.csv").decode("utf-8-sig"))))
    by_id = {row["id"]: row for row in metrics}
    assert by_id[str(newer_figures["wuqing"].pk)]["source"] == "test-later-source"
    assert {row["source"] for row in metrics} == {"report", "test-later-source"}
    assert FICTIONAL_TITLE in archive.read("README.txt").decode("utf-8")


def test_the_about_page_lists_every_source(client, newer_figures):
    html = html_of(client, reverse("about"))
    assert 'id="source-report"' in html and 'id="source-test-later-source"' in html
    assert FICTIONAL_TITLE in html
    assert "2026-06" in html  # the fictional source's month, never a day


def test_the_same_number_of_queries_with_a_later_source(client, django_assert_num_queries, later_source):
    """The history is read with the figures: adding sources and histories adds no query per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = [reverse("city_detail", args=["wuqing"]), reverse("metric_kind_detail", args=[KIND])]
    urls.append(reverse("compare") + "?cities=wuqing,yichun")

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    before = counts()
    newer_figure("wuqing", later_source, "15000000000", "150億元")
    newer_figure("yichun", later_source, "9500000000", "95億元")
    assert counts() == before


def test_the_comparison_download_names_each_figures_source(client, newer_figures):
    response = client.get("/en" + reverse("compare") + "?cities=wuqing,yichun&format=csv")
    text = response.content.decode("utf-8-sig")
    assert f"source: 《{FICTIONAL_TITLE}》" in text
    assert f"source: 《{Source.objects.get(slug='report').title_zh}》" in text
    by_measure = [row for row in csv.reader(io.StringIO(text)) if row[0] == "By measure"]
    assert sum(cell.count("(an earlier figure: not compared)") for row in by_measure for cell in row) == 2
