"""Query parameters of the API: each list declares its filters once, here, and both the view (to parse and apply
them) and the OpenAPI document (to describe them) read that declaration, so what is documented is what is accepted.

Parsing is strict: an unknown parameter, a value of the wrong type, an unknown slug or a page past the last one is a
400 naming the parameter, never an empty result that hides a typo and never a server error.
"""

import re
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .errors import ApiError

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
DIGITS_RE = re.compile(r"^[0-9]{1,18}$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
MAX_VALUES = 50  # values of one repeatable filter
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MAX_PAGE = 10**9


def split_values(values):
    """`?city=a&city=b` and `?city=a,b` both give ["a", "b"]."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


class Filter:
    """A query parameter that narrows a list. Subclasses parse the raw strings; `apply` narrows the queryset."""

    many = False

    def __init__(self, name, description, apply):
        self.name = name
        self.description = description
        self.apply_to = apply

    def value_schema(self):
        raise NotImplementedError

    def parse(self, values):
        raise NotImplementedError

    def apply(self, queryset, value):
        return self.apply_to(queryset, value)

    def schema(self):
        if self.many:
            return {"type": "array", "items": self.value_schema(), "maxItems": MAX_VALUES}
        return self.value_schema()

    def openapi(self, examples=None):
        """The parameter's OpenAPI description; `examples` are values the data has (slugs are data)."""
        schema = self.schema()
        if examples:
            schema["examples"] = [examples[:1], examples] if self.many else examples
        parameter = {
            "name": self.name,
            "in": "query",
            "required": False,
            "description": self.description,
            "schema": schema,
        }
        if self.many:
            parameter |= {"style": "form", "explode": True}
        return parameter


class SlugFilter(Filter):
    """One or more objects by slug (repeated or comma-separated); an unknown slug is a 400."""

    many = True

    def __init__(self, name, model, description, apply):
        super().__init__(name, description, apply)
        self.model = model

    def value_schema(self):
        return {"type": "string", "pattern": SLUG_RE.pattern, "maxLength": 80}

    def parse(self, values):
        slugs = list(dict.fromkeys(split_values(values)))
        if not slugs:
            raise ApiError(self.name, f"Give at least one slug, e.g. ?{self.name}=<slug>.")
        for slug in slugs:
            if len(slug) > 80 or not SLUG_RE.match(slug):
                raise ApiError(self.name, f"{slug[:80]!r} is not a slug (letters, digits, '-' and '_').")
        found = dict(self.model.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise ApiError(self.name, f"Unknown {self.name}: {', '.join(missing)}.")
        return [found[slug] for slug in slugs]


class ChoiceFilter(Filter):
    """One or more of a fixed set of values (repeated or comma-separated)."""

    def __init__(self, name, choices, description, apply, many=True):
        super().__init__(name, description, apply)
        self.choices = list(choices)
        self.many = many

    def value_schema(self):
        return {"type": "string", "enum": self.choices}

    def parse(self, values):
        chosen = list(dict.fromkeys(split_values(values)))
        if not chosen:
            raise ApiError(self.name, f"Give one of: {', '.join(self.choices)}.")
        if not self.many and len(chosen) > 1:
            raise ApiError(self.name, "Give one value only.")
        for value in chosen:
            if value not in self.choices:
                raise ApiError(self.name, f"{value[:80]!r} is not one of: {', '.join(self.choices)}.")
        return chosen if self.many else chosen[0]


class IntegerFilter(Filter):
    def __init__(self, name, description, apply, minimum=1, maximum=9999, many=False):
        super().__init__(name, description, apply)
        self.minimum = minimum
        self.maximum = maximum
        self.many = many

    def value_schema(self):
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}

    def parse(self, values):
        numbers = [parse_integer(self.name, value, self.minimum, self.maximum) for value in split_values(values)]
        if not numbers:
            raise ApiError(self.name, "Give a whole number.")
        return numbers if self.many else numbers[0]


class BooleanFilter(Filter):
    TRUE = ("true", "1", "yes")
    FALSE = ("false", "0", "no")

    def value_schema(self):
        return {"type": "boolean"}

    def parse(self, values):
        value = values[0].strip().lower()
        if value in self.TRUE:
            return True
        if value in self.FALSE:
            return False
        raise ApiError(self.name, "Give true or false.")


class TextFilter(Filter):
    def __init__(self, name, description, apply, max_length=200):
        super().__init__(name, description, apply)
        self.max_length = max_length

    def value_schema(self):
        return {"type": "string", "maxLength": self.max_length}

    def parse(self, values):
        text = values[0].strip()
        if len(text) > self.max_length:
            raise ApiError(self.name, f"At most {self.max_length} characters.")
        if CONTROL_RE.search(text):
            raise ApiError(self.name, "Control characters are not allowed.")
        return text or None


def parse_integer(name, value, minimum, maximum):
    value = value.strip()
    if not DIGITS_RE.match(value):
        raise ApiError(name, f"{value[:40]!r} is not a whole number.")
    number = int(value)
    if not minimum <= number <= maximum:
        raise ApiError(name, f"Give a number from {minimum} to {maximum}.")
    return number


PAGINATION = [
    {
        "name": "page",
        "in": "query",
        "required": False,
        "description": _("Page number, from 1. A page past the last one is a 400."),
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
    },
    {
        "name": "page_size",
        "in": "query",
        "required": False,
        "description": format_lazy(_("Results per page, at most {max}."), max=MAX_PAGE_SIZE),
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
    },
]


@dataclass
class Query:
    filters: list
    values: dict
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    def apply(self, queryset):
        for parameter in self.filters:
            if self.values.get(parameter.name) is not None:
                queryset = parameter.apply(queryset, self.values[parameter.name])
        return queryset


def parse_query(request, filters=(), paginated=True):
    """Read request.GET against the declared parameters; raises ApiError on anything it does not accept."""
    declared = {parameter.name: parameter for parameter in filters}
    accepted = list(declared) + (["page", "page_size"] if paginated else [])
    values, page, page_size = {}, 1, DEFAULT_PAGE_SIZE
    for name in request.GET:
        raw = request.GET.getlist(name)
        if name not in accepted:
            allowed = ", ".join(accepted) if accepted else "none"
            raise ApiError(name[:80], f"Unknown parameter. This endpoint accepts: {allowed}.")
        if len(raw) > 1 and not (name in declared and declared[name].many):
            raise ApiError(name, "Give this parameter once.")
        if len(split_values(raw)) > MAX_VALUES:
            raise ApiError(name, f"At most {MAX_VALUES} values.")
        if name == "page":
            page = parse_integer(name, raw[0], 1, MAX_PAGE)
        elif name == "page_size":
            page_size = parse_integer(name, raw[0], 1, MAX_PAGE_SIZE)
        else:
            values[name] = declared[name].parse(raw)
    return Query(filters=list(filters), values=values, page=page, page_size=page_size)
