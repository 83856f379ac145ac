"""What an edited figure must agree with: its text as the report writes it (read by core.figures), its qualifier,
its dates.

Model clean() methods raise these errors, so the admin, its inlines and imports all refuse the same mistakes
with the same messages.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.figures import QUALIFIER_MARKERS, written_number


def plain(value):
    return f"{Decimal(value).normalize():f}"


def precision_errors(date_field, precision_field, date, precision):
    """A date and its precision agree: a month is stored as its first day, a year as 1 January."""
    if date and not precision:
        return {precision_field: _("Say how much of the date the report gives: a day, a month or a year.")}
    if precision and not date:
        return {date_field: _("A precision needs a date: enter the date or clear the precision.")}
    if precision == "month" and date.day != 1:
        return {
            date_field: _("A month is stored as its first day: enter %(first)s for %(month)s.")
            % {"first": date.replace(day=1).isoformat(), "month": date.strftime("%Y-%m")}
        }
    if precision == "year_end" and (date.month, date.day) != (12, 31):
        return {
            date_field: _("The end of a year is stored as 31 December: enter %(last)s for %(year)s.")
            % {"last": f"{date.year:04d}-12-31", "year": date.year}
        }
    if precision in ("year", "year_start") and (date.month, date.day) != (1, 1):
        return {
            date_field: _("A year is stored as 1 January: enter %(first)s for %(year)s.")
            % {"first": f"{date.year:04d}-01-01", "year": date.year}
        }
    return {}


def figure_errors(metric):
    """Everything wrong with a figure, as {field: message}."""
    errors = {}
    value, value_max = metric.value, metric.value_max
    if value is not None and value < 0:
        errors["value"] = _("A figure cannot be negative: the report gives no negative numbers.")
    if value_max is not None and value is not None and value_max < value:
        errors["value_max"] = _("The upper value of a range must not be smaller than its value.")

    if value is not None and metric.as_written:
        written = written_number(metric.as_written)
        if written:
            low, high = written
            if value != low:
                errors.setdefault(
                    "value",
                    _("“%(text)s” as written is %(written)s, but the value is %(value)s.")
                    % {"text": metric.as_written, "written": plain(low), "value": plain(value)},
                )
            if high is not None and value_max != high:
                errors.setdefault(
                    "value_max",
                    _("“%(text)s” as written is a range up to %(written)s: enter it as the upper value.")
                    % {"text": metric.as_written, "written": plain(high)},
                )

    if metric.unit == "%" and metric.unit_en and not metric.unit_en.startswith("%"):
        errors["unit_en"] = _("A percentage is written with % in English too, e.g. “%” or “% shorter”.")

    text = metric.as_written or ""
    if metric.qualifier == "exact":
        found = [word for words in QUALIFIER_MARKERS.values() for word in words if word in text]
        if found:
            errors["qualifier"] = _(
                "“%(text)s” says “%(word)s”: choose the qualifier it stands for, not “exactly”."
            ) % {"text": text, "word": found[0]}
    elif metric.qualifier in QUALIFIER_MARKERS:
        markers = QUALIFIER_MARKERS[metric.qualifier]
        if not any(word in text for word in markers):
            errors["qualifier"] = _(
                "“%(text)s” does not say %(words)s: the qualifier must be what the report writes."
            ) % {"text": text, "words": " / ".join(markers)}

    second = getattr(metric, "second_qualifier", "")
    if second and metric.qualifier == "exact":
        errors["second_qualifier"] = _("A second qualifier follows a first one: choose the first qualifier too.")
    elif second in QUALIFIER_MARKERS and not any(word in text for word in QUALIFIER_MARKERS[second]):
        errors["second_qualifier"] = _(
            "“%(text)s” does not say %(words)s: the qualifier must be what the report writes."
        ) % {"text": text, "words": " / ".join(QUALIFIER_MARKERS[second])}

    kind = metric.kind if metric.kind_id else None
    if kind is not None and metric.basis != kind.basis:
        errors["basis"] = _("A figure of “%(kind)s” is counted %(basis)s, as its measure is: choose that basis.") % {
            "kind": kind.name_zh,
            "basis": kind.get_basis_display(),
        }

    errors.update(precision_errors("as_of", "as_of_precision", metric.as_of, metric.as_of_precision))
    errors.update(precision_errors("period_start", "period_precision", metric.period_start, metric.period_precision))
    if metric.as_of and metric.period_start:
        errors.setdefault("as_of", _("A figure holds either as of a date or over a period, not both."))
    if metric.period_end and not metric.period_start:
        errors["period_start"] = _("A period that ends needs its start.")
    elif metric.period_start and metric.period_end and metric.period_end < metric.period_start:
        errors["period_end"] = _("The period ends before it starts.")
    return errors


def initiative_errors(initiative):
    errors = precision_errors("date", "date_precision", initiative.date, initiative.date_precision)
    if initiative.date_event and not initiative.date:
        errors["date_event"] = _("What happened needs a date: enter the date or clear this.")
    return errors


def raise_if_any(errors):
    if errors:
        raise ValidationError(errors)
