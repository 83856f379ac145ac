"""The report's own pages: the innovation model types and their comparison table, the lessons, about the data."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from cities.models import InnovationModel, Lesson, Source
from initiatives import display
from initiatives.models import Metric, Precision

pytestmark = pytest.mark.django_db

POINTS = ("focus", "approach", "scenarios", "results")


def html_of(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def comparison_rows(html):
    """{type name: [cells]} of the comparison table."""
    table = html.split('class="model-comparison"', 1)[1].split("</table>", 1)[0]
    assert "<caption>" in table and "創新特點對比" in table
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], flags=re.S):
        header = re.search(r'<th scope="row"><a href="[^"]+">(.*?)</a></th>', row, flags=re.S).group(1)
        rows[header.strip()] = [cell.strip() for cell in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]
    return rows


def test_model_list_compares_the_five_types_point_by_point(client, report_data):
    html = html_of(client, reverse("innovation_model_list"))
    rows = comparison_rows(html)
    models = list(InnovationModel.objects.select_related("representative_city"))
    assert len(models) == 5
    assert list(rows) == [model.name_zh for model in models]
    for model in models:
        cells = rows[model.name_zh]
        assert model.representative_city.name_zh in cells[0]
        assert cells[1:] == [escape(getattr(model, f"{point}_zh")) for point in POINTS]
        assert all(cells[1:]), f"{model.slug} has an empty point"
    for header in ("Representative city", "Innovation focus", "Implementation path", "Application scenarios"):
        with translation.override("zh-hant"):
            assert f'<th scope="col">{translation.gettext(header)}</th>' in html


def test_model_list_in_english_uses_the_english_points(client, report_data):
    html = html_of(client, "/en" + reverse("innovation_model_list"))
    model = InnovationModel.objects.get(slug="ai-empowered")
    assert escape(model.focus_en) in html
    assert "Ordos" in html and "鄂爾多斯市" in html


def test_model_page_shows_its_row_and_its_cities(client, report_data):
    model = InnovationModel.objects.get(slug="cross-regional")
    html = html_of(client, model.get_absolute_url())
    rows = comparison_rows(html)
    assert list(rows) == [model.name_zh]
    assert rows[model.name_zh][1:] == [escape(getattr(model, f"{point}_zh")) for point in POINTS]
    for city in model.cities.all():
        assert f'href="{city.get_absolute_url()}"' in html
    other = InnovationModel.objects.get(slug="data-opening")
    assert escape(other.focus_zh) not in html
    assert f'href="{other.get_absolute_url()}"' in html


def test_unknown_model_is_404(client, report_data):
    assert client.get(reverse("innovation_model_detail", args=["no-such-type"])).status_code == 404


def test_lessons_show_each_lesson_and_the_cities_it_cites(client, report_data):
    html = html_of(client, reverse("lesson_list"))
    lessons = list(Lesson.objects.prefetch_related("cities"))
    assert len(lessons) == 5
    positions = [html.index(escape(lesson.title_zh)) for lesson in lessons]
    assert positions == sorted(positions)
    for lesson in lessons:
        section = html.split(f'id="lesson-{lesson.slug}"', 1)[1].split("</section>", 1)[0]
        assert escape(lesson.description_zh) in section
        for city in lesson.cities.all():
            assert f'href="{city.get_absolute_url()}"' in section


def test_about_describes_the_source_report(client, report_data):
    report = Source.objects.get()
    html = html_of(client, reverse("about"))
    for value in (report.title_zh, report.publisher, report.platform, report.editor, report.proofreader):
        assert escape(value) in html
    assert f"{report.period_start_year}–{report.period_end_year}" in html
    assert escape(report.disclaimer_zh) in html
    assert escape(report.platform_notice) in html
    assert report.title_is_descriptive
    with translation.override("zh-hant"):
        assert (
            translation.gettext(
                "The report carries no title of its own: this one describes it and was supplied by the portal."
            )
            in html
        )


def test_about_explains_the_transcription_and_how_to_cite(client, report_data):
    html = html_of(client, reverse("about"))
    assert 'id="transcription"' in html and 'id="cite"' in html
    with translation.override("zh-hant"):
        for _value, label in Precision.choices:
            assert f"<q>{label}</q>" in html
    # A real figure from the data shows its writing, its expanded value and its qualifier.
    example = html.split('class="example-figure"', 1)[1].split("</table>", 1)[0]
    metric = Metric.objects.transcription_example()
    assert metric.qualifier != "exact" and metric.as_of
    assert escape(metric.as_written) in example
    assert f"<td>{display.machine_number(metric.value)} {metric.unit_en}</td>" in example
    with translation.override("zh-hant"):
        assert f"<td>{metric.get_qualifier_display()}</td>" in example
    assert "http://testserver/about/" in html


def test_about_in_english_uses_the_english_disclaimer(client, report_data):
    report = Source.objects.get()
    html = html_of(client, "/en" + reverse("about"))
    assert escape(report.disclaimer_en) in html
    assert escape(report.title_en) in html
