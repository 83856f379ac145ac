"""The API's query parameters: the FilterSets the pages use (initiatives/filters.py, initiatives/list_filters.py),
applied strictly, and described in the OpenAPI document from those same declarations.

Strict: an unknown parameter, a parameter given twice that takes one value, more than 50 values, an empty value or
one the filter refuses is a 400 naming the parameter, never an empty result that hides a typo.
"""

from rest_framework.filters import BaseFilterBackend

from initiatives.filter_fields import (
    KEYWORD_MAX_LENGTH,
    MAX_SLUG_LENGTH,
    MAX_VALUES,
    SLUG_RE,
    ChoicesFilter,
    KeywordFilter,
    SlugsFilter,
    WholeNumbersFilter,
    YesNoFilter,
    split_values,
)

from .errors import ApiError
from .pagination import PARAMETERS as PAGINATION_PARAMETERS

# A keyword may be empty (no keyword); any other parameter given empty is a mistake, e.g. `?kind=`.
MAY_BE_EMPTY = (KeywordFilter,)


def accepted_parameters(view):
    """What this request's endpoint accepts: a list its filters and the pages; one object or the document nothing."""
    if getattr(view, "action", None) != "list":
        return {}
    filterset_class = getattr(view, "filterset_class", None)
    filters = dict(filterset_class.base_filters) if filterset_class else {}
    return {**filters, **dict.fromkeys(PAGINATION_PARAMETERS)}


def check_parameters(request, accepted):
    """The strict 400s that need no filter: unknown, repeated, too many or empty values."""
    for name in request.GET:
        values = request.GET.getlist(name)
        if name not in accepted:
            allowed = ", ".join(accepted) or "none"
            raise ApiError(name[:80], f"Unknown parameter. This endpoint accepts: {allowed}.")
        flt = accepted[name]
        if len(values) > 1 and not getattr(flt, "repeatable", False):
            raise ApiError(name, "Give this parameter once.")
        given = split_values(values)
        if len(given) > MAX_VALUES:
            raise ApiError(name, f"At most {MAX_VALUES} values.")
        if not given and not isinstance(flt, MAY_BE_EMPTY):
            raise ApiError(name, "Give a value, or leave the parameter out.")


class StrictFilterBackend(BaseFilterBackend):
    """Checks the query (also of one object's URL, which takes no parameter) and applies the view's FilterSet."""

    def filter_queryset(self, request, queryset, view):
        check_parameters(request, accepted_parameters(view))
        filterset_class = getattr(view, "filterset_class", None)
        if view.action != "list" or filterset_class is None:
            return queryset
        filterset = filterset_class(request.query_params, queryset=queryset, request=request)
        if not filterset.is_valid():
            name, errors = next(iter(filterset.errors.items()))
            raise ApiError(name, " ".join(errors))
        return filterset.qs

    def get_schema_operation_parameters(self, view):
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is None:
            return []
        return [parameter(name, flt) for name, flt in filterset_class.base_filters.items()]


def value_schema(flt):
    if isinstance(flt, SlugsFilter):
        return {"type": "string", "pattern": SLUG_RE.pattern, "maxLength": MAX_SLUG_LENGTH}
    if isinstance(flt, ChoicesFilter):
        return {"type": "string", "enum": [value for value, _label in flt.extra["choices"]]}
    if isinstance(flt, WholeNumbersFilter):
        return {"type": "integer", "minimum": flt.extra["minimum"], "maximum": flt.extra["maximum"]}
    if isinstance(flt, YesNoFilter):
        return {"type": "boolean"}
    if isinstance(flt, KeywordFilter):
        return {"type": "string", "maxLength": KEYWORD_MAX_LENGTH}
    raise TypeError(f"No schema for {type(flt).__name__}")


def parameter(name, flt):
    """The OpenAPI description of one filter; slug filters show two real slugs (slugs are data)."""
    schema = value_schema(flt)
    if isinstance(flt, SlugsFilter):
        schema["minLength"] = 1
        examples = list(flt.extra["model"].objects.order_by("pk").values_list("slug", flat=True)[:2])
        if examples:
            schema["examples"] = examples
    described = {"name": name, "in": "query", "required": False, "description": flt.extra.get("help_text") or ""}
    if getattr(flt, "repeatable", False):
        schema = {"type": "array", "items": schema, "minItems": 1, "maxItems": MAX_VALUES}
        if "examples" in schema["items"]:
            examples = schema["items"].pop("examples")
            schema["examples"] = [examples[:1], examples]
        described |= {"style": "form", "explode": True}
    return {**described, "schema": schema}
