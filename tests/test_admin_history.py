"""Nothing an editor does is lost: every change is a revision, with a diff, a revert and a recovery."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Revision, Version

from cities.models import City
from initiatives.models import Initiative, Metric
from tests.admin_support import admin_url, chaoyang_enterprises, form_data, make_editor, post_change_form

# The admin's messages are checked as written in the code: an editor whose browser asks for English.
pytestmark = pytest.mark.usefixtures("english_admin")


def post_unchanged(client, url):
    """Open a history form (a revision to revert to, or a deleted row to recover) and save it as it is."""
    response = client.get(url)
    assert response.status_code == 200, url
    return client.post(url, form_data(response))


def correct_chaoyang(client):
    """The editor's correction: 7.58萬家 becomes 7.85萬家 (as written and as a number)."""
    figure = chaoyang_enterprises()
    response = post_change_form(client, Metric, figure, as_written="7.85萬家", value="78500")
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return figure


def city_page(client):
    return client.get(reverse("city_detail", args=["chaoyang"]), HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()


@pytest.mark.django_db
def test_an_editor_changes_a_figure_and_reverts_it_through_the_history(editor_client):
    figure = correct_chaoyang(editor_client)
    assert chaoyang_enterprises().as_written == "7.85萬家"
    assert chaoyang_enterprises().value == Decimal("78500")

    versions = Version.objects.get_for_object(figure)  # newest first
    assert versions[0].revision.user.username == "editor"
    assert versions[0].field_dict["as_written"] == "7.85萬家"
    as_loaded = versions[1]
    assert as_loaded.field_dict["as_written"] == "7.58萬家"

    history = editor_client.get(admin_url(Metric, "history", figure.pk)).content.decode()
    revert_url = admin_url(Metric, "revision", figure.pk, as_loaded.pk)
    assert revert_url in history
    response = post_unchanged(editor_client, revert_url)
    assert response.status_code == 302
    assert chaoyang_enterprises().as_written == "7.58萬家"
    assert chaoyang_enterprises().value == Decimal("75800")
    assert "Reverted" in Version.objects.get_for_object(figure)[0].revision.comment


AS_LOADED = '<data class="figure__value" value="75800">7.58萬家</data>'
CORRECTED = '<data class="figure__value" value="78500">7.85萬家</data>'


@pytest.mark.django_db
def test_the_change_and_the_revert_show_on_the_public_city_page(editor_client):
    assert AS_LOADED in city_page(editor_client)
    figure = correct_chaoyang(editor_client)
    page = city_page(editor_client)
    assert CORRECTED in page and AS_LOADED not in page
    as_loaded = Version.objects.get_for_object(figure)[1]
    post_unchanged(editor_client, admin_url(Metric, "revision", figure.pk, as_loaded.pk))
    page = city_page(editor_client)
    assert AS_LOADED in page and CORRECTED not in page


@pytest.mark.django_db
def test_an_editor_sees_the_difference_between_two_versions(editor_client):
    figure = correct_chaoyang(editor_client)
    newer, older = Version.objects.get_for_object(figure)[:2]
    response = editor_client.get(
        admin_url(Metric, "compare", figure.pk), {"version_id1": older.pk, "version_id2": newer.pk}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "7.58" in page and "7.85" in page
    assert "as the report writes it" in page.lower()  # the changed field, by its label


@pytest.mark.django_db
def test_a_deleted_figure_is_recovered(editor_client):
    figure = chaoyang_enterprises()
    response = editor_client.post(admin_url(Metric, "delete", figure.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Metric.objects.filter(pk=figure.pk).exists()

    recover_list = editor_client.get(admin_url(Metric, "recoverlist")).content.decode()
    version = Version.objects.get_deleted(Metric).get(object_id=str(figure.pk))
    assert admin_url(Metric, "recover", version.pk) in recover_list
    assert post_unchanged(editor_client, admin_url(Metric, "recover", version.pk)).status_code == 302
    assert chaoyang_enterprises().as_written == "7.58萬家"


@pytest.mark.django_db
def test_a_city_is_deleted_only_after_a_page_listing_its_initiatives_and_figures(superuser_client):
    city = City.objects.get(slug="chaoyang")
    page = superuser_client.get(admin_url(City, "delete", city.pk)).content.decode()
    for initiative in city.initiatives.all():
        assert initiative.title_zh in page
    assert "7.58萬家" in page
    assert City.objects.filter(slug="chaoyang").exists()

    figures = Metric.objects.filter(initiative__city=city).count()
    initiatives = city.initiatives.count()
    assert superuser_client.post(admin_url(City, "delete", city.pk), {"post": "yes"}).status_code == 302
    assert not City.objects.filter(slug="chaoyang").exists()
    assert not Metric.objects.filter(initiative__city__slug="chaoyang").exists()

    version = Version.objects.get_deleted(City).get(object_id=str(city.pk))
    assert post_unchanged(superuser_client, admin_url(City, "recover", version.pk)).status_code == 302
    city = City.objects.get(slug="chaoyang")
    assert city.initiatives.count() == initiatives
    assert Metric.objects.filter(initiative__city=city).count() == figures
    assert chaoyang_enterprises().as_written == "7.58萬家"


@pytest.mark.django_db
def test_an_initiative_deleted_by_bulk_action_comes_back_with_its_latest_figures(editor_client):
    correct_chaoyang(editor_client)
    initiative = Initiative.objects.get(city__slug="chaoyang", slug="wushi-burao")
    changelist = admin_url(Initiative, "changelist")
    selection = {"action": "delete_selected", "_selected_action": [str(initiative.pk)]}
    confirmation = editor_client.post(changelist, selection).content.decode()
    assert "7.85萬家" in confirmation  # the confirmation lists its figures
    assert editor_client.post(changelist, {**selection, "post": "yes"}).status_code == 302
    assert not Initiative.objects.filter(pk=initiative.pk).exists()

    version = Version.objects.get_deleted(Initiative).get(object_id=str(initiative.pk))
    assert version.revision.comment == "Before deletion"
    assert post_unchanged(editor_client, admin_url(Initiative, "recover", version.pk)).status_code == 302
    assert chaoyang_enterprises().as_written == "7.85萬家"


@pytest.mark.django_db
def test_a_figure_deleted_from_its_initiatives_page_is_recoverable(editor_client):
    initiative = Initiative.objects.get(city__slug="chaoyang", slug="wushi-burao")
    figure = chaoyang_enterprises()
    data = form_data(editor_client.get(admin_url(Initiative, "change", initiative.pk)))
    data["metrics-0-DELETE"] = "on"
    assert editor_client.post(admin_url(Initiative, "change", initiative.pk), data).status_code == 302
    assert not Metric.objects.filter(pk=figure.pk).exists()
    version = Version.objects.get_deleted(Metric).get(object_id=str(figure.pk))
    assert post_unchanged(editor_client, admin_url(Metric, "recover", version.pk)).status_code == 302
    assert chaoyang_enterprises().value == Decimal("75800")


@pytest.mark.django_db
def test_a_bulk_action_creates_one_revision_with_who_and_what(editor_client):
    initiatives = list(Initiative.objects.filter(city__slug="haidian"))
    before = Revision.objects.count()
    editor_client.post(
        admin_url(Initiative, "changelist"),
        {"action": "mark_checked", "_selected_action": [str(i.pk) for i in initiatives]},
    )
    assert Revision.objects.count() == before + 1
    revision = Revision.objects.latest("pk")
    assert revision.user.username == "editor"
    assert revision.comment == "Marked checked against the report"
    versions = revision.version_set.filter(content_type__model="initiative")
    assert {int(v.object_id) for v in versions} == {i.pk for i in initiatives}
    assert {v.field_dict["review_status"] for v in versions} == {"checked"}


@pytest.mark.django_db
def test_an_initiatives_revision_holds_its_figures_so_reverting_restores_them(editor_client):
    initiative = Initiative.objects.get(city__slug="chaoyang", slug="wushi-burao")
    data = form_data(editor_client.get(admin_url(Initiative, "change", initiative.pk)))
    data.update({"metrics-0-as_written": "7.85萬家", "metrics-0-value": "78500", "title_en": "Edited title"})
    assert editor_client.post(admin_url(Initiative, "change", initiative.pk), data).status_code == 302
    assert chaoyang_enterprises().as_written == "7.85萬家"

    as_loaded = Version.objects.get_for_object(initiative)[1]
    post_unchanged(editor_client, admin_url(Initiative, "revision", initiative.pk, as_loaded.pk))
    initiative.refresh_from_db()
    assert initiative.title_en != "Edited title"
    assert chaoyang_enterprises().as_written == "7.58萬家"


@pytest.mark.django_db
def test_reloading_the_report_by_command_is_a_revision_too(report_data):
    before = Revision.objects.count()
    call_command("load_report", force=True, verbosity=0)
    revision = Revision.objects.latest("pk")
    assert Revision.objects.count() == before + 1
    assert revision.comment == "Loaded the report's data from fixtures/"
    assert revision.version_set.filter(content_type__model="metric").count() == Metric.objects.count()


@pytest.mark.django_db
def test_editors_have_no_way_to_delete_history(editor_client):
    assert editor_client.get("/admin/reversion/").status_code == 404
    editor = make_editor("second-editor")
    assert not any(perm.startswith("reversion.") for perm in editor.get_all_permissions())
