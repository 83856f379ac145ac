"""The kinds of filter the pages and the API share: objects by slug, fixed choices, whole numbers, yes/no, a keyword.

Values are parsed strictly, the same for both: a value that cannot be meant (an unknown slug, "1.5" for a year, a
control character in a keyword) is a form error. The pages report it beside the field and ignore it; the API answers
400 naming the parameter. Several values of one filter (`?city=a&city=b` or `?city=a,b`) are OR-ed.

The messages are Django's own form messages, so the pages show them translated; the API answers in English.
"""

import re

import django_filters
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
DIGITS_RE = re.compile(r"^[0-9]{1,18}$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
MAX_SLUG_LENGTH = 80
MAX_VALUES = 50  # values of one repeatable filter
KEYWORD_MAX_LENGTH = 200
TRUE_WORDS = ("true", "1", "yes")
FALSE_WORDS = ("false", "0", "no")


def split_values(values):
    """["a", "b,c"] (the parameter repeated, or comma-separated) gives ["a", "b", "c"]."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def distinct_values(value):
    return list(dict.fromkeys(split_values(as_list(value))))


class ValuesWidget(forms.TextInput):
    """Every value of the parameter, repeated or not (a plain select would keep the last one only)."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)


def as_list(value):
    if value in (None, ""):
        return []
    return [value] if isinstance(value, str) else list(value)


def invalid_choice(value):
    return _("Select a valid choice. %(value)s is not one of the available choices.") % {"value": value}


def parse_whole_number(text, minimum, maximum):
    text = text.strip()
    if not DIGITS_RE.match(text):
        raise forms.ValidationError(_("Enter a whole number."))
    number = int(text)
    if number < minimum:
        raise forms.ValidationError(
            _("Ensure this value is greater than or equal to %(limit_value)s.") % {"limit_value": minimum}
        )
    if number > maximum:
        raise forms.ValidationError(
            _("Ensure this value is less than or equal to %(limit_value)s.") % {"limit_value": maximum}
        )
    return number


class SlugsField(forms.Field):
    """Objects of `model` by slug; gives their slugs. `known` (slug → label), when the page has loaded the choices,
    saves the lookup; otherwise one query checks that every slug exists."""

    widget = ValuesWidget

    def __init__(self, *, model, **kwargs):
        super().__init__(**{"required": False, **kwargs})
        self.model = model
        self.known = None

    def to_python(self, value):
        slugs = distinct_values(value)
        for slug in slugs:
            if len(slug) > MAX_SLUG_LENGTH or not SLUG_RE.match(slug):
                raise forms.ValidationError(
                    _("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.")
                )
        return slugs

    def validate(self, slugs):
        if not slugs:
            return
        if self.known is not None:
            found = set(slugs) & set(self.known)
        else:
            found = set(self.model.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise forms.ValidationError(invalid_choice(", ".join(missing)))


class ChoicesField(forms.Field):
    """One or more of a fixed set of values (`many=False`: exactly one)."""

    widget = ValuesWidget

    def __init__(self, *, choices, many=True, **kwargs):
        super().__init__(**{"required": False, **kwargs})
        self.choices = list(choices)
        self.many = many

    def to_python(self, value):
        chosen = distinct_values(value)
        if not self.many and len(chosen) > 1:
            raise forms.ValidationError(_("Enter a valid value."))
        values = [value for value, _label in self.choices]
        for value in chosen:
            if value not in values:
                raise forms.ValidationError(invalid_choice(value[:80]))
        return chosen if self.many else (chosen[0] if chosen else None)


class WholeNumbersField(forms.Field):
    """Whole numbers written as digits only ("1.0", "+1" and "١" are refused, not read as 1)."""

    widget = ValuesWidget

    def __init__(self, *, minimum=1, maximum=9999, many=False, **kwargs):
        super().__init__(**{"required": False, **kwargs})
        self.minimum, self.maximum, self.many = minimum, maximum, many

    def to_python(self, value):
        numbers = [parse_whole_number(text, self.minimum, self.maximum) for text in distinct_values(value)]
        if not self.many and len(numbers) > 1:
            raise forms.ValidationError(_("Enter a whole number."))
        return numbers if self.many else (numbers[0] if numbers else None)


class YesNoField(forms.Field):
    """true/false; the pages' forms say yes/no, and 1/0 are read too."""

    def to_python(self, value):
        word = (value or "").strip().lower()
        if not word:
            return None
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise forms.ValidationError(invalid_choice(word[:80]))

    def __init__(self, **kwargs):
        super().__init__(**{"required": False, **kwargs})


class KeywordField(forms.CharField):
    """A keyword of at most `limit` characters (None: any length; a long one just matches nothing)."""

    def __init__(self, **kwargs):
        super().__init__(**{"required": False, "strip": True, **kwargs})
        self.limit = KEYWORD_MAX_LENGTH

    def validate(self, value):
        super().validate(value)
        if self.limit is not None and len(value or "") > self.limit:
            raise forms.ValidationError(
                ngettext(
                    "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
                    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
                    self.limit,
                )
                % {"limit_value": self.limit, "show_value": len(value)}
            )
        if CONTROL_RE.search(value or ""):
            raise forms.ValidationError(_("Enter a valid value."))


class SlugsFilter(django_filters.Filter):
    """`field_name` is the relation to filter on: `relation IN (SELECT id … WHERE slug IN …)`, on the table's own
    foreign key column (its index serves it; a join to match the slugs read the whole relation)."""

    field_class = SlugsField
    repeatable = True

    def __init__(self, model, field_name=None, **kwargs):
        super().__init__(field_name=field_name, model=model, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        chosen = self.extra["model"].objects.filter(slug__in=value).values("pk")
        return qs.filter(**{f"{self.field_name}__in": chosen})


class ChoicesFilter(django_filters.Filter):
    field_class = ChoicesField

    def __init__(self, choices, many=True, **kwargs):
        if not kwargs.get("method"):
            kwargs["lookup_expr"] = "in" if many else "exact"
        super().__init__(choices=choices, many=many, **kwargs)
        self.repeatable = many


class SortFilter(ChoicesFilter):
    """A list's `sort`: one of its orders, applied by its FilterSet's `sort_by` method."""

    def __init__(self, choices, help_text, **kwargs):
        super().__init__(
            choices, many=False, label=gettext_lazy("Sort by"), help_text=help_text, method="sort_by", **kwargs
        )


class WholeNumbersFilter(django_filters.Filter):
    field_class = WholeNumbersField

    def __init__(self, minimum=1, maximum=9999, many=False, **kwargs):
        if many and not kwargs.get("method"):
            kwargs["lookup_expr"] = "in"
        super().__init__(minimum=minimum, maximum=maximum, many=many, **kwargs)
        self.repeatable = many


class YesNoFilter(django_filters.Filter):
    field_class = YesNoField


class KeywordFilter(django_filters.Filter):
    field_class = KeywordField
