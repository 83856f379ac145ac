"""What initiatives and figures share: how precise a date is, and an editor's review of a row."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.content import ContentQuerySet


class Precision(models.TextChoices):
    """How much of a stored date the report actually gives."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    # 年初 and 年底: the report names a part of the year, not a month.
    YEAR_START = "year_start", _("early in the year")
    YEAR_END = "year_end", _("end of the year")


class ReviewStatus(models.TextChoices):
    UNCHECKED = "unchecked", _("unchecked")
    CHECKED = "checked", _("checked against the report")
    CORRECTED = "corrected", _("corrected")


# A corrected row was checked against the report before it was corrected.
CHECKED_STATUSES = (ReviewStatus.CHECKED, ReviewStatus.CORRECTED)


def precision_constraint(date_field, precision_field, name):
    """A date and its precision agree: month precision is stored as the 1st, year and early-year as 1 January,
    end-of-year as 31 December."""

    def on(precision, month=None, day=None):
        fields = {f"{date_field}__isnull": False, precision_field: precision}
        if month is not None:
            fields[f"{date_field}__month"] = month
        if day is not None:
            fields[f"{date_field}__day"] = day
        return Q(**fields)

    return models.CheckConstraint(
        condition=(
            Q(**{f"{date_field}__isnull": True, precision_field: ""})
            | on(Precision.DAY)
            | on(Precision.MONTH, day=1)
            | on(Precision.YEAR, 1, 1)
            | on(Precision.YEAR_START, 1, 1)
            | on(Precision.YEAR_END, 12, 31)
        ),
        name=name,
        violation_error_message=_(
            "The date and its precision disagree: a month is stored as its first day, a year or its start as "
            "1 January, its end as 31 December, and a date needs a precision (and no precision without a date)."
        ),
    )


class ReviewFields(models.Model):
    review_status = models.CharField(
        _("review status"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.UNCHECKED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def checked(self):
        """Checked against the report (and corrected where needed): what the public pages mark as checked."""
        return self.review_status in CHECKED_STATUSES

    def stamp_review(self, user):
        """Record who changed the review status, and when."""
        self.reviewed_by = user if user is not None and user.is_authenticated else None
        self.reviewed_at = timezone.now()

    def set_review_status(self, status, user):
        self.review_status = status
        self.stamp_review(user)


class ReviewQuerySet(ContentQuerySet):
    def checked(self):
        return self.filter(review_status__in=CHECKED_STATUSES)
