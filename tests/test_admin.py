"""Editors correct the data in admin: every page works, editors are kept out of users, figures are validated."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from cities.models import City, InnovationModel, Lesson, Province, Source
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind, ReviewStatus
from tests.admin_support import form_data, make_editor, make_superuser
from votes.models import Vote

# The admin's messages are checked as written in the code: an editor whose browser asks for English.
pytestmark = pytest.mark.usefixtures("english_admin")

CONTENT_MODELS = [Source, Province, City, InnovationModel, Lesson, InitiativeCategory, MetricKind, Initiative, Metric]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def editor_client(client, report_data):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the messages' English msgids
    client.force_login(make_editor())
    return client


@pytest.fixture
def superuser_client(client, report_data):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(make_superuser())
    return client


def chaoyang_enterprises():
    return Metric.objects.get(initiative__city__slug="chaoyang", initiative__slug="wushi-burao", position=1)


@pytest.mark.django_db
@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m._meta.model_name)
def test_an_editor_opens_every_list_change_form_history_and_import_page(editor_client, model):
    obj = model.objects.first()
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "history", obj.pk),
        admin_url(model, "import"),
        admin_url(model, "export"),
        admin_url(model, "recoverlist"),
    ):
        assert editor_client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model, query",
    [
        (City, "朝陽"),
        (City, "Chaoyang"),
        (City, "haidian"),
        (Initiative, "無事不擾"),
        (Initiative, "no disturbance"),
        (Initiative, "wushi-burao"),
        (Metric, "7.58萬家"),
        (Metric, "no disturbance"),
        (InitiativeCategory, "supervision"),
    ],
)
def test_search_finds_chinese_and_english_names_and_slugs(editor_client, model, query):
    response = editor_client.get(admin_url(model, "changelist"), {"q": query})
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.django_db
def test_search_reaches_descriptions(editor_client):
    initiative = Initiative.objects.get(city__slug="chaoyang", slug="wushi-burao")
    words = initiative.description_en.split()[3:7]
    response = editor_client.get(admin_url(Initiative, "changelist"), {"q": " ".join(words)})
    assert initiative in response.context["cl"].result_list


@pytest.mark.django_db
def test_list_filters_narrow_figures_by_province_city_kind_qualifier_precision_and_review(editor_client):
    chaoyang = City.objects.get(slug="chaoyang")
    response = editor_client.get(
        admin_url(Metric, "changelist"),
        {"initiative__city__id__exact": chaoyang.pk, "qualifier__exact": "exact", "as_of_precision__exact": "month"},
    )
    figures = list(response.context["cl"].result_list)
    assert figures and {m.initiative.city_id for m in figures} == {chaoyang.pk}
    assert "7.58萬家" in response.content.decode()
    for params in (
        {"initiative__city__province__id__exact": chaoyang.province_id},
        {"kind__id__exact": MetricKind.objects.get(slug="loans-disbursed-cumulative").pk},
        {"review_status__exact": "unchecked"},
        {"initiative__category__id__exact": InitiativeCategory.objects.first().pk},
    ):
        assert editor_client.get(admin_url(Metric, "changelist"), params).context["cl"].result_count >= 1, params


@pytest.mark.django_db
def test_month_precision_is_listed_as_a_month(editor_client):
    response = editor_client.get(admin_url(Metric, "changelist"), {"q": "7.58萬家"})
    assert "as of January 2026" in response.content.decode()


@pytest.mark.django_db
def test_autocomplete_finds_cities_for_an_initiative(editor_client):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "朝陽", "app_label": "initiatives", "model_name": "initiative", "field_name": "city"},
    )
    assert [result["text"] for result in response.json()["results"]] == ["朝陽區"]


@pytest.mark.django_db
def test_the_city_page_lists_its_initiatives_inline_and_the_initiative_its_figures(editor_client):
    chaoyang = City.objects.get(slug="chaoyang")
    response = editor_client.get(admin_url(City, "change", chaoyang.pk))
    titles = [form.instance.title_zh for form in response.context["inline_admin_formsets"][0].formset.forms]
    assert titles == list(chaoyang.initiatives.values_list("title_zh", flat=True))
    initiative = Initiative.objects.get(city=chaoyang, slug="wushi-burao")
    response = editor_client.get(admin_url(Initiative, "change", initiative.pk))
    written = [form.instance.as_written for form in response.context["inline_admin_formsets"][0].formset.forms]
    assert written == ["7.58萬家"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", ["admin:auth_user_changelist", "admin:auth_group_changelist", "admin:auth_user_add"]
)
def test_an_editor_cannot_open_user_or_group_admin(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


@pytest.mark.django_db
def test_an_editor_cannot_delete_a_city_but_can_delete_a_figure(editor_client):
    city = City.objects.get(slug="chaoyang")
    assert editor_client.get(admin_url(City, "delete", city.pk)).status_code == 403
    figure = chaoyang_enterprises()
    assert editor_client.get(admin_url(Metric, "delete", figure.pk)).status_code == 200


@pytest.mark.django_db
def test_votes_are_read_only_even_for_a_superuser(superuser_client):
    vote = Vote.objects.create(city=City.objects.get(slug="chaoyang"), voter_hash="a" * 64)
    assert superuser_client.get(admin_url(Vote, "changelist")).status_code == 200
    assert superuser_client.get(admin_url(Vote, "add")).status_code == 403
    response = superuser_client.post(admin_url(Vote, "change", vote.pk), {"city": vote.city_id, "voter_hash": "b"})
    assert response.status_code == 403
    assert superuser_client.post(admin_url(Vote, "delete", vote.pk), {"post": "yes"}).status_code == 403
    vote.refresh_from_db()
    assert vote.voter_hash == "a" * 64


@pytest.mark.django_db
@pytest.mark.parametrize("user", ["anonymous", "non-staff"])
def test_every_admin_page_needs_staff(client, report_data, django_user_model, user):
    if user == "non-staff":
        client.force_login(django_user_model.objects.create_user("reader"))
    figure = chaoyang_enterprises()
    for url in (
        reverse("admin:index"),
        admin_url(Metric, "changelist"),
        admin_url(Metric, "change", figure.pk),
        admin_url(Metric, "history", figure.pk),
        admin_url(Metric, "import"),
        admin_url(Metric, "export"),
        admin_url(Metric, "recoverlist"),
        admin_url(Metric, "compare", figure.pk),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login")), url


@pytest.mark.django_db
def test_the_editors_group_command_is_idempotent_and_grants_no_user_or_history_management(report_data):
    call_command("create_editors_group", verbosity=0)
    group = Group.objects.get(name="Editors")
    first = set(group.permissions.values_list("content_type__app_label", "codename"))
    call_command("create_editors_group", verbosity=0)
    assert set(group.permissions.values_list("content_type__app_label", "codename")) == first
    assert Group.objects.filter(name="Editors").count() == 1
    apps = {app for app, _ in first}
    # Nothing of auth (users, groups, permissions) or reversion (history); the intake of a new report.
    assert apps == {"cities", "initiatives", "votes", "intake"}
    assert {codename for app, codename in first if app == "intake"} == {"add_intakebatch", "view_intakebatch"}
    deletable = {codename for _, codename in first if codename.startswith("delete_")}
    assert deletable == {"delete_initiative", "delete_metric"}
    assert ("cities", "change_city") in first and ("votes", "view_vote") in first
    assert ("votes", "change_vote") not in first


@pytest.mark.django_db
def test_the_editors_group_command_makes_a_user_an_editor(report_data, django_user_model):
    django_user_model.objects.create_user("alice")
    call_command("create_editors_group", user=["alice"], verbosity=0)
    alice = django_user_model.objects.get(username="alice")
    assert alice.is_staff and alice.groups.filter(name="Editors").exists()


def post_figure_change(client, figure, **changes):
    response = client.get(admin_url(Metric, "change", figure.pk))
    data = form_data(response)
    data.update({key: str(value) for key, value in changes.items()})
    return client.post(admin_url(Metric, "change", figure.pk), data)


@pytest.mark.django_db
def test_a_negative_figure_is_refused_with_a_message(editor_client):
    figure = chaoyang_enterprises()
    response = post_figure_change(editor_client, figure, value="-75800")
    assert response.status_code == 200
    assert "cannot be negative" in str(response.context["adminform"].form.errors["value"])
    assert chaoyang_enterprises().value == Decimal("75800")


@pytest.mark.django_db
def test_a_value_that_disagrees_with_the_text_as_written_is_refused(editor_client):
    response = post_figure_change(editor_client, chaoyang_enterprises(), value="75000")
    assert response.status_code == 200
    assert "75800" in str(response.context["adminform"].form.errors["value"])


@pytest.mark.django_db
def test_a_qualifier_that_the_text_does_not_say_is_refused(editor_client):
    response = post_figure_change(editor_client, chaoyang_enterprises(), qualifier="over")
    assert "qualifier" in response.context["adminform"].form.errors


@pytest.mark.django_db
def test_month_precision_is_stored_as_the_first_of_the_month(editor_client):
    figure = chaoyang_enterprises()
    response = post_figure_change(editor_client, figure, as_of="2026-01-15")
    assert "enter 2026-01-01 for 2026-01" in str(response.context["adminform"].form.errors["as_of"])
    assert post_figure_change(editor_client, figure, as_of="2025-12-01").status_code == 302
    assert chaoyang_enterprises().as_of == datetime.date(2025, 12, 1)
    assert post_figure_change(editor_client, figure, as_of="2025-01-01", as_of_precision="year").status_code == 302
    response = post_figure_change(editor_client, figure, as_of="2025-06-01", as_of_precision="year")
    assert "enter 2025-01-01 for 2025" in str(response.context["adminform"].form.errors["as_of"])


@pytest.mark.django_db
def test_a_date_without_precision_is_refused(editor_client):
    response = post_figure_change(editor_client, chaoyang_enterprises(), as_of_precision="")
    assert "as_of_precision" in response.context["adminform"].form.errors


@pytest.mark.django_db
def test_a_percentage_above_100_is_questioned_until_confirmed(editor_client):
    figure = Metric.objects.get(as_written="77.14%")
    response = post_figure_change(editor_client, figure, value="107.14", as_written="107.14%")
    assert response.status_code == 200
    assert "more than 100%" in str(response.context["adminform"].form.errors["confirm_over_100"])
    assert Metric.objects.get(pk=figure.pk).value == Decimal("77.14")
    response = post_figure_change(editor_client, figure, value="107.14", as_written="107.14%", confirm_over_100="on")
    assert response.status_code == 302
    assert Metric.objects.get(pk=figure.pk).value == Decimal("107.14")


@pytest.mark.django_db
def test_the_reports_own_102_6_percent_can_be_edited_without_asking_again(editor_client):
    figure = Metric.objects.get(as_written="102.6%")
    response = post_figure_change(editor_client, figure, label_en="Cross-border e-commerce exports, year on year")
    assert response.status_code == 302
    assert Metric.objects.get(pk=figure.pk).value == Decimal("102.6")


@pytest.mark.django_db
def test_every_row_of_the_report_passes_the_admins_validation(report_data):
    """An editor can open and save any row as transcribed: no check refuses the report's own data."""
    for model in CONTENT_MODELS:
        for obj in model.objects.all():
            obj.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["Chao Yang", "朝陽", "chaoyang/2"])
def test_slugs_must_be_url_safe(superuser_client, slug):
    city = City.objects.get(slug="haidian")
    data = form_data(superuser_client.get(admin_url(City, "change", city.pk)))
    data["slug"] = slug
    response = superuser_client.post(admin_url(City, "change", city.pk), data)
    assert "slug" in response.context["adminform"].form.errors
    assert City.objects.filter(slug="haidian").exists()


@pytest.mark.django_db
def test_slugs_must_be_unique(superuser_client):
    city = City.objects.get(slug="haidian")
    data = form_data(superuser_client.get(admin_url(City, "change", city.pk)))
    data["slug"] = "chaoyang"
    response = superuser_client.post(admin_url(City, "change", city.pk), data)
    with translation.override("en"):  # the form's errors are read here, in the test's thread
        assert "already exists" in str(response.context["adminform"].form.errors)


@pytest.mark.django_db
def test_changing_the_review_status_records_who_and_when(editor_client):
    figure = chaoyang_enterprises()
    assert not figure.checked
    response = post_figure_change(editor_client, figure, review_status="checked")
    assert response.status_code == 302
    figure = chaoyang_enterprises()
    assert figure.checked and figure.reviewed_by.username == "editor" and figure.reviewed_at is not None
    assert figure in Metric.objects.checked()


@pytest.mark.django_db
def test_reviewed_by_cannot_be_posted_by_the_editor(editor_client, django_user_model):
    other = django_user_model.objects.create_user("someone-else")
    post_figure_change(editor_client, chaoyang_enterprises(), reviewed_by=other.pk, label_en="Enterprises")
    assert chaoyang_enterprises().reviewed_by is None


@pytest.mark.django_db
def test_bulk_action_marks_initiatives_checked_with_who_and_when(editor_client):
    initiatives = Initiative.objects.filter(city__slug="chaoyang")
    response = editor_client.post(
        admin_url(Initiative, "changelist"),
        {"action": "mark_checked", "_selected_action": [str(pk) for pk in initiatives.values_list("pk", flat=True)]},
    )
    assert response.status_code == 302
    assert all(i.review_status == ReviewStatus.CHECKED and i.reviewed_by.username == "editor" for i in initiatives)
    assert set(Initiative.objects.checked()) == set(initiatives)


@pytest.mark.django_db
@pytest.mark.parametrize("model", [City, Initiative, Metric], ids=lambda m: m._meta.model_name)
@pytest.mark.parametrize("data", ["report", "ten times the report"])
def test_admin_lists_take_a_fixed_number_of_queries(editor_client, django_assert_max_num_queries, request, model, data):
    """10 to 14 queries (session, user, permissions, filters with the sources', count, rows) however many rows
    there are."""
    if data != "report":
        request.getfixturevalue("generated_data")
    with django_assert_max_num_queries(14):
        response = editor_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
