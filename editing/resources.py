"""Import and export of the content models (django-import-export), keyed by slugs instead of database ids.

Every column is a model field under its own name; a row is matched to an existing row by its natural key
(slug; city and slug for an initiative; city, initiative and position for a figure). An import is all or
nothing: any invalid row rolls the whole file back, and an applied import is one revision in the history.
"""

import datetime
import logging
from decimal import InvalidOperation

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from cities.models import City, InnovationModel, Lesson, Province, Source
from initiatives import exports
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind, Topic

logger = logging.getLogger(__name__)

REVIEW_STAMP_FIELDS = ("reviewed_by", "reviewed_at")


class SlugWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the related row's slug."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("There is no %(model)s with the slug “%(slug)s”.")
                % {"model": self.model._meta.verbose_name, "slug": value}
            ) from None


class SlugListWidget(widgets.ManyToManyWidget):
    """Many related rows written as their slugs, separated by commas."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        related = super().clean(value, row, **kwargs)
        slugs = {slug.strip() for slug in str(value or "").split(self.separator) if slug.strip()}
        missing = slugs - {obj.slug for obj in related}
        if missing:
            raise ValueError(
                _("There is no %(model)s with the slug “%(slug)s”.")
                % {"model": self.model._meta.verbose_name, "slug": ", ".join(sorted(missing))}
            )
        return related


class InitiativeWidget(SlugWidget):
    """An initiative by its slug, looked up within the city of the row's ``city`` column."""

    def __init__(self, **kwargs):
        super().__init__(Initiative, **kwargs)

    def get_queryset(self, value, row, *args, **kwargs):
        return Initiative.objects.filter(city__slug=(row or {}).get("city"))

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(
                _("The city “%(city)s” has no initiative with the slug “%(slug)s”.")
                % {"city": (row or {}).get("city"), "slug": value}
            ) from None


class CalendarDateWidget(widgets.DateWidget):
    """A date; Excel hands dates back as datetimes at midnight, which must still equal the stored date."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        return super().clean(value, row, **kwargs)


class NumberWidget(widgets.DecimalWidget):
    """A decimal number; text that is not one is an error in its column, not a crash of the row."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (InvalidOperation, TypeError):
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from None


UNQUOTED_WIDGETS = (widgets.NumberWidget, widgets.DateWidget, widgets.DateTimeWidget, widgets.BooleanWidget)


class ContentResource(resources.ModelResource):
    """What every content resource shares: all-or-nothing imports, recorded as one revision, model validation."""

    class Meta:
        # The search columns are derived from the row on every save: not for editors to read or write.
        exclude = ("id", "search_name", "search_text")
        skip_unchanged = True  # an unchanged row is not saved: re-importing an export changes nothing
        report_skipped = True
        clean_model_instances = True  # the model's own validation, with the admin's messages

    WIDGETS_MAP = {**resources.ModelResource.WIDGETS_MAP, "DateField": CalendarDateWidget, "DecimalField": NumberWidget}
    # Most rows one admin import takes (settings.IMPORT_MAX_ROWS); the import_content command sets no limit.
    unlimited = False

    def export_field(self, field, instance, **kwargs):
        """Every text cell of the CSV and XLSX exports under the portal's one formula rule (initiatives/exports.py);
        numbers, dates and booleans are left as they are, so a negative figure stays a number."""
        value = super().export_field(field, instance, **kwargs)
        if isinstance(value, str) and not isinstance(field.widget, UNQUOTED_WIDGETS):
            return exports.spreadsheet_text(value)
        return value

    def get_or_init_instance(self, instance_loader, row):
        """A row whose key names no existing parent (an unknown city, say) is invalid in that column."""
        try:
            return super().get_or_init_instance(instance_loader, row)
        except ValueError as error:
            raise ValidationError({self._meta.import_id_fields[0]: str(error)}) from None

    def before_import(self, dataset, **kwargs):
        known = {field.column_name for field in self.fields.values()}
        unknown = [header for header in dataset.headers or [] if header not in known]
        if unknown:
            raise ValueError(
                _("Unknown column “%(column)s”: the columns are %(known)s.")
                % {"column": unknown[0], "known": ", ".join(field.column_name for field in self.fields.values())}
            )

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        kwargs["rollback_on_validation_errors"] = True  # never half-apply a file
        if not self.unlimited and len(dataset) > settings.IMPORT_MAX_ROWS:
            return self.refused_as_too_large(dataset)
        if dry_run:
            return without_tracebacks(super().import_data(dataset, dry_run, raise_errors, use_transactions, **kwargs))
        try:
            with reversion.create_revision():
                result = super().import_data(dataset, dry_run, raise_errors, use_transactions, **kwargs)
                if result.has_errors() or result.has_validation_errors():
                    raise _NothingApplied(result)
                user = kwargs.get("user")
                if user is not None and user.is_authenticated:
                    reversion.set_user(user)
                reversion.set_comment(_("Imported from %(file)s") % {"file": kwargs.get("file_name") or _("a file")})
        except _NothingApplied as rolled_back:
            return without_tracebacks(rolled_back.result)
        return result

    def refused_as_too_large(self, dataset):
        """Before any row is read: a file larger than one request can import, and how to import it instead."""
        result = self.get_result_class()()
        result.add_dataset_headers(dataset.headers)
        message = _(
            "This file has %(rows)s rows; an import in the admin takes at most %(limit)s. Split the file, or "
            "have it imported on the server with: python manage.py import_content %(model)s FILE"
        ) % {
            "rows": f"{len(dataset):,}",
            "limit": f"{settings.IMPORT_MAX_ROWS:,}",
            "model": self._meta.model._meta.label,
        }
        result.append_base_error(self.get_error_result_class()(ValueError(message)))
        return result

    def before_save_instance(self, instance, row, **kwargs):
        """A review status changed by an import is stamped with the importing editor and the time."""
        if not hasattr(instance, "stamp_review"):
            return
        previous = (
            type(instance).objects.filter(pk=instance.pk).values_list("review_status", flat=True).first()
            if instance.pk
            else None
        )
        if previous != instance.review_status and (previous is not None or instance.review_status != "unchecked"):
            instance.stamp_review(kwargs.get("user"))


def without_tracebacks(result):
    """Editors see what is wrong with their file, never a traceback with the server's paths: that goes to the log."""
    errors = list(result.base_errors) + [error for _line, row_errors in result.row_errors() for error in row_errors]
    for error in errors:
        if error.traceback and not isinstance(error.error, ValueError | ValidationError):
            logger.error("Import failed: %s\n%s", error.error, error.traceback)
        error.traceback = ""
    return result


class _NothingApplied(Exception):
    """Leaves the revision block, so a rolled-back import records no revision."""

    def __init__(self, result):
        super().__init__("import rolled back")
        self.result = result


def review_stamp_fields():
    return {
        "reviewed_by": fields.Field(
            attribute="reviewed_by",
            column_name="reviewed_by",
            widget=widgets.ForeignKeyWidget(get_user_model(), field="username"),
            readonly=True,
        ),
        "reviewed_at": fields.Field(
            attribute="reviewed_at", column_name="reviewed_at", widget=widgets.DateTimeWidget(), readonly=True
        ),
    }


class SourceResource(ContentResource):
    class Meta(ContentResource.Meta):
        model = Source
        import_id_fields = ("slug",)
        fields = Source.PUBLISHED_FIELDS


class ProvinceResource(ContentResource):
    class Meta(ContentResource.Meta):
        model = Province
        import_id_fields = ("slug",)
        fields = Province.PUBLISHED_FIELDS


class CityResource(ContentResource):
    province = fields.Field(attribute="province", column_name="province", widget=SlugWidget(Province))

    class Meta(ContentResource.Meta):
        model = City
        import_id_fields = ("slug",)
        fields = City.PUBLISHED_FIELDS


class InnovationModelResource(ContentResource):
    representative_city = fields.Field(
        attribute="representative_city", column_name="representative_city", widget=SlugWidget(City)
    )
    cities = fields.Field(attribute="cities", column_name="cities", widget=SlugListWidget(City))
    source = fields.Field(attribute="source", column_name="source", widget=SlugWidget(Source))

    class Meta(ContentResource.Meta):
        model = InnovationModel
        import_id_fields = ("slug",)
        fields = InnovationModel.PUBLISHED_FIELDS


class LessonResource(ContentResource):
    cities = fields.Field(attribute="cities", column_name="cities", widget=SlugListWidget(City))
    source = fields.Field(attribute="source", column_name="source", widget=SlugWidget(Source))

    class Meta(ContentResource.Meta):
        model = Lesson
        import_id_fields = ("slug",)
        fields = Lesson.PUBLISHED_FIELDS


class InitiativeCategoryResource(ContentResource):
    class Meta(ContentResource.Meta):
        model = InitiativeCategory
        import_id_fields = ("slug",)
        fields = InitiativeCategory.PUBLISHED_FIELDS


class TopicResource(ContentResource):
    class Meta(ContentResource.Meta):
        model = Topic
        import_id_fields = ("slug",)
        fields = Topic.PUBLISHED_FIELDS


class MetricKindResource(ContentResource):
    class Meta(ContentResource.Meta):
        model = MetricKind
        import_id_fields = ("slug",)
        fields = MetricKind.PUBLISHED_FIELDS


class InitiativeResource(ContentResource):
    city = fields.Field(attribute="city", column_name="city", widget=SlugWidget(City))
    category = fields.Field(attribute="category", column_name="category", widget=SlugWidget(InitiativeCategory))
    source = fields.Field(attribute="source", column_name="source", widget=SlugWidget(Source))
    reviewed_by = review_stamp_fields()["reviewed_by"]
    reviewed_at = review_stamp_fields()["reviewed_at"]

    class Meta(ContentResource.Meta):
        model = Initiative
        import_id_fields = ("city", "slug")
        fields = (*Initiative.PUBLISHED_FIELDS, "reviewed_by", "reviewed_at")

    def get_queryset(self):
        return super().get_queryset().select_related("city", "category", "source", "reviewed_by")


class MetricResource(ContentResource):
    city = fields.Field(attribute="initiative__city__slug", column_name="city", readonly=True)
    initiative = fields.Field(attribute="initiative", column_name="initiative", widget=InitiativeWidget())
    kind = fields.Field(attribute="kind", column_name="kind", widget=SlugWidget(MetricKind))
    source = fields.Field(attribute="source", column_name="source", widget=SlugWidget(Source))
    reviewed_by = review_stamp_fields()["reviewed_by"]
    reviewed_at = review_stamp_fields()["reviewed_at"]

    class Meta(ContentResource.Meta):
        model = Metric
        import_id_fields = ("initiative", "position")
        exclude = ("id",)
        fields = ("city", *Metric.PUBLISHED_FIELDS, "reviewed_by", "reviewed_at")
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_queryset(self):
        return super().get_queryset().select_related("initiative__city", "kind", "source", "reviewed_by")

    def validate_instance(self, instance, *args, **kwargs):
        if instance.source_id is None and instance.initiative_id is not None:  # empty: its initiative's source
            instance.source_id = instance.initiative.source_id
        super().validate_instance(instance, *args, **kwargs)
