"""A prepared query (core/prepared.py) runs the SQL its queryset compiles to and gives the objects the ORM gives:
the same fields, the same select_related rows, for every initiative of the report, on any database."""

import pytest

from cities.models import City
from core.prepared import PreparedQuery
from initiatives.models import Initiative
from initiatives.views import initiatives as views

pytestmark = pytest.mark.django_db

# The relation a related manager fills with the object it was reached from (the page sets it to the real one).
KNOWN = {"FIGURES": "initiative"}


def described(obj, known=None):
    """An object's own field values and those of the rows select_related joined to it, recursively."""
    values = {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
    for name, related in obj._state.fields_cache.items():
        if name != known:
            values[name] = described(related) if related is not None else None
    return values


@pytest.mark.parametrize("name", ["INITIATIVE", "FIGURES", "ADDITIONAL_CATEGORIES", "TOPICS"])
def test_each_read_of_an_initiative_page_gives_what_its_queryset_gives(report_data, name):
    prepared = getattr(views, name)
    for pk in Initiative.objects.values_list("pk", flat=True):
        expected = [described(obj, KNOWN.get(name)) for obj in prepared.build(pk)]
        assert [described(obj, KNOWN.get(name)) for obj in prepared.objects(pk)] == expected


def test_the_city_s_other_initiatives_are_what_its_queryset_gives(report_data):
    for pk, city in Initiative.objects.values_list("pk", "city"):
        expected = [described(obj, "city") for obj in views.CITY_INITIATIVES.build(city, pk)]
        assert [described(obj, "city") for obj in views.CITY_INITIATIVES.objects(city, pk)] == expected
        assert expected or not Initiative.objects.filter(city=city).exclude(pk=pk).exists()


@pytest.mark.parametrize("name", ["INITIATIVE", "FIGURES", "ADDITIONAL_CATEGORIES", "TOPICS", "CITY_INITIATIVES"])
def test_the_sql_is_the_querysets_own(report_data, django_assert_num_queries, name):
    prepared = getattr(views, name)
    initiative = Initiative.objects.last()
    values = (initiative.city_id, initiative.pk) if prepared.arity == 2 else (initiative.pk,)
    with django_assert_num_queries(1) as orm:
        list(prepared.build(*values))
    with django_assert_num_queries(1) as compiled:
        prepared.objects(*values)
    assert compiled.captured_queries[0]["sql"] == orm.captured_queries[0]["sql"]


def test_a_value_out_of_the_databases_range_gives_no_rows_as_the_orm_does(report_data):
    assert views.INITIATIVE.objects(10**30) == []
    assert views.INITIATIVE.objects(-(10**30)) == []


def test_a_value_must_be_a_parameter_once():
    with pytest.raises(ValueError):
        PreparedQuery(City, lambda pk: City.objects.filter(pk=pk) | City.objects.filter(province_id=pk)).objects(1)


def test_an_initiative_page_out_of_range_is_not_found(client, report_data):
    assert client.get("/initiatives/99999999999999999999999999/").status_code == 404
