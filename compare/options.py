"""What a comparison of cities is narrowed to: a theme (a category today) and whether rows none of the cities
reports are hidden, read from the page's query parameters."""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from django.utils.translation import gettext as _


@dataclass
class Theme:
    """A theme a comparison can be narrowed to: `parameter` is its query parameter, `matches(initiative)` says
    whether an initiative carries it. A category is one; another kind of theme (a topic) is one more entry of
    `theme_from_query`, built the same way."""

    parameter: str
    value: object  # the category (or other theme) itself, for the page
    matches: Callable

    @property
    def query(self):
        return f"{self.parameter}={quote(self.value.slug)}"


def category_theme(category):
    return Theme("category", category, lambda initiative: initiative.category_id == category.pk)


HIDE_UNREPORTED = "reported"  # ?reported=1: hide the rows none of the chosen cities reports


@dataclass
class Options:
    theme: Theme | None = None
    hide_unreported: bool = False
    problems: list = field(default_factory=list)

    @property
    def query(self):
        """The options as query parameters, to keep on the page's links: `&category=…&reported=1`."""
        parts = [self.theme.query] if self.theme else []
        if self.hide_unreported:
            parts.append(f"{HIDE_UNREPORTED}=1")
        return "".join(f"&{part}" for part in parts)


def theme_from_query(query, categories):
    """The theme asked for (`?category=<slug>`), or (None, a problem) when it names none; no query here."""
    slug = query.get("category", "").strip()
    if not slug:
        return None, None
    category = next((category for category in categories if category.slug == slug), None)
    if category is None:
        return None, _("There is no category with the identifier “%(slug)s”.") % {"slug": slug}
    return category_theme(category), None


def options_from_query(query, categories):
    theme, problem = theme_from_query(query, categories)
    return Options(
        theme=theme,
        hide_unreported=query.get(HIDE_UNREPORTED, "") in ("1", "on", "yes"),
        problems=[problem] if problem else [],
    )
