"""How much of a stored date a source actually gives, and the check that a date and its precision agree."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    """How much of a stored date the report actually gives."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    # 年初 and 年底: the report names a part of the year, not a month.
    YEAR_START = "year_start", _("early in the year")
    YEAR_END = "year_end", _("end of the year")


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
