"""The initiatives page counts its facets from the facet rows: the counts are the initiatives' own, and follow every
write (an admin edit, a delete, an import, a bulk write) in the request that moves the content version on."""

import pytest
import tablib
from django.test import Client

from core import page_cache
from core.search_index import normalize
from editing.resources import InitiativeResource
from initiatives import synthetic
from initiatives.facets import InitiativeFilter
from initiatives.models import FacetRow, Initiative, InitiativeCategory, Metric
from tests.admin_support import admin_url, post_change_form
from tests.initiative_list_support import facet_values, get_list

pytestmark = pytest.mark.django_db


def expected_counts(keyword):
    """Every facet's counts for a keyword alone, computed from the initiatives and their figures themselves."""
    initiatives = list(Initiative.objects.matching(keyword).select_related("city__province", "category"))
    figures = {}
    for figure in Metric.objects.filter(initiative__in=initiatives).select_related("kind"):
        figures.setdefault(figure.initiative_id, []).append(figure)
    counts = {name: {} for name in InitiativeFilter.FACETS}

    def add(name, value):
        counts[name][value] = counts[name].get(value, 0) + 1

    for initiative in initiatives:
        own = figures.get(initiative.pk, [])
        add("province", initiative.city.province.slug)
        add("city", initiative.city_id)
        add("category", initiative.category.slug)
        for slug in {figure.kind.slug for figure in own if figure.kind}:
            add("kind", slug)
        dates = [initiative.date] + [d for f in own for d in (f.as_of, f.period_start, f.period_end)]
        for year in {str(date.year) for date in dates if date}:
            add("year", year)
        add("has_figures", "yes" if own else "no")
    return counts, len(initiatives)


def nonzero(counts):
    return {key: n for key, n in counts.items() if n}


@pytest.mark.parametrize("keyword", ["信", "信用", "信用修復", "朝陽", "chaoyang", "無事不擾", "xyzqq", ""])
def test_a_keywords_facet_counts_are_those_of_the_initiatives_themselves(report_data, keyword):
    initiative_filter = InitiativeFilter({"q": keyword}, queryset=Initiative.objects.all())
    expected, total = expected_counts(keyword)
    for name in InitiativeFilter.FACETS:
        assert nonzero(initiative_filter.facet_counts(name)) == expected[name], name
    assert initiative_filter.result_count() == total == initiative_filter.qs.count()


def test_the_facet_rows_are_every_initiative_with_its_figures_sets(generated_data):
    rows = {row.initiative_id: row for row in FacetRow.objects.all()}
    assert set(rows) == set(Initiative.objects.values_list("pk", flat=True))
    for initiative in Initiative.objects.prefetch_related("metrics")[:200]:
        row = rows[initiative.pk]
        figures = initiative.metrics.all()
        assert (row.city_id, row.category_id, row.search_text) == (
            initiative.city_id,
            initiative.category_id,
            initiative.search_text,
        )
        assert row.has_figures == bool(figures)
        assert set(row.kinds.strip(",").split(",")) - {""} == {str(f.kind_id) for f in figures if f.kind_id}
        dates = [initiative.date] + [d for f in figures for d in (f.as_of, f.period_start, f.period_end)]
        assert set(row.years.strip(",").split(",")) - {""} == {str(d.year) for d in dates if d}


def category_counts(**params):
    """The category facet as an anonymous reader sees it (their pages come from the page cache)."""
    return {
        slug: count
        for slug, (count, _checked, _unit) in facet_values(get_list(Client(), **params)[1], "category").items()
    }


def test_an_admin_edit_changes_the_counts_in_the_request_that_moves_the_version_on(editor_client):
    initiative = Initiative.objects.get(city__slug="chaoyang", slug="wushi-burao")
    other = InitiativeCategory.objects.exclude(pk=initiative.category_id).first()
    before, keyword_before = category_counts(), category_counts(q="信用")
    version = page_cache.current_version()
    response = post_change_form(editor_client, Initiative, initiative, category=other.pk, title_zh="無事不擾信用新規")
    assert response.status_code == 302
    assert page_cache.current_version() > version
    after = category_counts()  # no filter: kept per content version, counted again
    assert after[other.slug] == before[other.slug] + 1
    assert after[initiative.category.slug] == before[initiative.category.slug] - 1
    assert category_counts(q="新規") == {**dict.fromkeys(before, 0), other.slug: 1}
    assert sum(category_counts(q="信用").values()) == sum(keyword_before.values()) + (
        0 if "信用" in initiative.search_text else 1
    )


def test_deleting_a_figure_or_an_initiative_changes_the_counts(superuser_client):
    initiative = Initiative.objects.filter(metrics__kind__isnull=False).distinct().first()
    figure = initiative.metrics.filter(kind__isnull=False).first()
    kind = figure.kind.slug
    kinds = facet_values(get_list(Client(), city=initiative.city.slug)[1], "kind")
    shared = initiative.metrics.filter(kind=figure.kind).count() > 1
    response = superuser_client.post(admin_url(Metric, "delete", figure.pk), {"post": "yes"})
    assert response.status_code == 302
    after = facet_values(get_list(Client(), city=initiative.city.slug)[1], "kind")
    assert after[kind][0] == kinds[kind][0] - (0 if shared else 1)
    total = InitiativeFilter({}, queryset=Initiative.objects.all()).result_count()
    response = superuser_client.post(admin_url(Initiative, "delete", initiative.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not FacetRow.objects.filter(pk=initiative.pk).exists()
    assert InitiativeFilter({}, queryset=Initiative.objects.all()).result_count() == total - 1


def test_an_import_and_bulk_writes_change_the_counts(report_data):
    dataset = InitiativeResource().export(Initiative.objects.filter(city__slug="chaoyang", slug="wushi-burao"))
    row = dict(zip(dataset.headers, dataset[0], strict=True)) | {"slug": "imported-programme", "title_zh": "匯入測試"}
    InitiativeResource().import_data(
        tablib.Dataset([row[h] for h in dataset.headers], headers=dataset.headers), dry_run=False
    )
    assert category_counts(q="匯入測試")[row["category"]] == 1
    finance = InitiativeCategory.objects.get(slug="finance")
    Initiative.objects.filter(title_zh="匯入測試").update(category=finance)
    assert category_counts(q="匯入測試") == {**dict.fromkeys(category_counts(), 0), "finance": 1}
    synthetic.generate(cities=2, initiatives_per_city=3, metrics_per_initiative=2, seed=3)
    generated = Initiative.objects.filter(city__slug__startswith=synthetic.GENERATED_PREFIX)
    assert FacetRow.objects.filter(pk__in=generated.values("pk"), has_figures=True).count() == 6
    synthetic.remove()
    assert FacetRow.objects.count() == Initiative.objects.count()


def test_migrate_installs_the_triggers_again(report_data):
    """A migration that rebuilds a table on SQLite drops its triggers; `migrate` then installs them again."""
    from django.db import connection

    from initiatives import facet_copy

    with connection.cursor() as cursor:
        for statement in facet_copy.drop_statements(connection.vendor):
            cursor.execute(statement)
    initiative = Initiative.objects.get(city__slug="chaoyang", slug="wushi-burao")
    initiative.title_zh = "觸發器重裝測試"
    initiative.save()
    assert normalize("觸發器") in initiative.search_text
    assert normalize("觸發器") not in FacetRow.objects.get(pk=initiative.pk).search_text
    facet_copy.installed_after_migrate(sender=None, using=connection.alias)
    initiative.save()
    assert FacetRow.objects.get(pk=initiative.pk).search_text == initiative.search_text


def test_a_renamed_city_is_counted_under_its_new_name(report_data):
    """A city's initiatives are found by its names: renaming it reindexes them, and their facet rows follow."""
    from cities.models import City

    city = City.objects.get(slug="chaoyang")
    initiatives = city.initiatives.count()
    assert InitiativeFilter({"q": "新名區"}, queryset=Initiative.objects.all()).result_count() == 0
    city.name_zh = "新名區"
    city.save()
    renamed = InitiativeFilter({"q": "新名區"}, queryset=Initiative.objects.all())
    assert renamed.result_count() == initiatives == renamed.qs.count() > 0
    assert nonzero(renamed.facet_counts("city")) == {city.pk: initiatives}
