"""Helpers for the admin tests: an editor and a superuser, admin URLs, a figure to edit, and a change form's data as
a browser would post it (the logged-in clients are the fixtures `editor_client` and `superuser_client`)."""

from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse

from editing import editors
from initiatives.models import Metric

PASSWORD = "a long enough editor password 42"


def make_editor(username="editor", password=None):
    """A staff user in the Editors group, as `create_editors_group --user` makes one (without a password
    unless one is given: hashing it takes a second, and the tests log in with force_login)."""
    group, _, _ = editors.create_editors_group()
    user = get_user_model().objects.create_user(username=username, password=password)
    editors.make_editor(user, group)
    return user


def make_superuser(username="admin"):
    return get_user_model().objects.create_superuser(username=username, password=None, email="")


def _bound_field_data(form, name):
    bound = form[name]
    value = bound.value()
    key = bound.html_name
    if isinstance(bound.field.widget, forms.CheckboxInput):
        return {key: "on"} if value else {}
    if value is None:
        return {key: ""}
    if isinstance(value, list | tuple):
        return {key: [str(item) for item in value]}
    return {key: str(value)}


def form_data(response):
    """Everything an admin change form (with its inlines) would post unchanged: edit it, then post it."""
    context = response.context
    data = {}
    form = context["adminform"].form
    for name in form.fields:
        data.update(_bound_field_data(form, name))
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for inline_form in formset.forms:
            for name in inline_form.fields:
                data.update(_bound_field_data(inline_form, name))
    data["_save"] = "Save"
    return data


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def content_admin_pages(model, obj):
    """A content model's admin pages: the list, the row's change form and history, import, export, deleted rows."""
    return [
        admin_url(model, "changelist"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "history", obj.pk),
        admin_url(model, "import"),
        admin_url(model, "export"),
        admin_url(model, "recoverlist"),
    ]


def chaoyang_enterprises():
    """The report's first figure: Chaoyang's 7.58萬 enterprises."""
    return Metric.objects.get(initiative__city__slug="chaoyang", initiative__slug="wushi-burao", position=1)


def post_change_form(client, model, obj, **changes):
    """The change form posted as a browser would, with `changes` made to it."""
    data = form_data(client.get(admin_url(model, "change", obj.pk)))
    data.update({key: str(value) for key, value in changes.items()})
    return client.post(admin_url(model, "change", obj.pk), data)
