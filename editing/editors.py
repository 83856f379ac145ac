"""The Editors group: who may correct the report's data in admin, and what they may not touch."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from cities.models import City, InnovationModel, Lesson, Province, Source
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind
from intake.models import IntakeBatch
from votes.models import Vote

GROUP_NAME = "Editors"
CONTENT_MODELS = (Source, Province, City, InnovationModel, Lesson, InitiativeCategory, MetricKind, Initiative, Metric)
# Only what a city's page is made of may be deleted by an editor (and recovered from the history).
DELETABLE_MODELS = (Initiative, Metric)
VIEW_ONLY_MODELS = (Vote,)
# Taking in a new report (intake): its batches are the editors' own working copies.
INTAKE_MODELS = (IntakeBatch,)


def editor_permission_codenames():
    """(model, codename) pairs; import needs "change" and export "view" (settings.IMPORT_EXPORT_*)."""
    pairs = []
    for model in CONTENT_MODELS:
        actions = ("add", "change", "view", "delete") if model in DELETABLE_MODELS else ("add", "change", "view")
        pairs += [(model, f"{action}_{model._meta.model_name}") for action in actions]
    pairs += [(model, f"view_{model._meta.model_name}") for model in VIEW_ONLY_MODELS]
    pairs += [(model, f"{action}_{model._meta.model_name}") for model in INTAKE_MODELS for action in ("add", "view")]
    return pairs


def editor_permissions():
    content_types = ContentType.objects.get_for_models(*CONTENT_MODELS, *VIEW_ONLY_MODELS, *INTAKE_MODELS)
    wanted = {(content_types[model].pk, codename) for model, codename in editor_permission_codenames()}
    candidates = Permission.objects.filter(content_type__in=content_types.values())
    permissions = [p for p in candidates if (p.content_type_id, p.codename) in wanted]
    if len(permissions) != len(wanted):
        raise RuntimeError("Some permissions are missing: run `manage.py migrate` first.")
    return permissions


def create_editors_group():
    """Create the group, or reset it to exactly the editors' permissions. Returns (group, created, count)."""
    group, created = Group.objects.get_or_create(name=GROUP_NAME)
    permissions = editor_permissions()
    group.permissions.set(permissions)
    return group, created, len(permissions)


def make_editor(user, group=None):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(group or Group.objects.get(name=GROUP_NAME))
