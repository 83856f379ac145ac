"""Absolute URLs of API resources and portal pages for lists of many rows, where reverse() per row is slow."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse

# Stand-ins reversed once per request and replaced per object: reverse() for every row of a 500-row page is slow.
SLUG_STANDIN = "__key__"
NUMBER_STANDIN = 9090909090909


class Links:
    """Absolute URLs of API resources and portal pages, built from one reversed template per URL name."""

    def __init__(self, request):
        # The configured origin, never the client's Host or scheme: API bodies are cached for every reader.
        self.base = settings.SITE_ORIGIN
        self._templates = {}

    def _template(self, name, standin):
        if name not in self._templates:
            try:
                self._templates[name] = (reverse(name, args=[standin]), str(standin))
            except NoReverseMatch:
                self._templates[name] = None
        return self._templates[name]

    def detail(self, name, key):
        """An API resource: `name` is its URL name in the `api` namespace."""
        return self.page(f"api:{name}", key)

    def listing(self, name, **filters):
        url = self.base + reverse(f"api:{name}")
        if filters:
            url += "?" + "&".join(f"{key}={value}" for key, value in filters.items())
        return url

    def page(self, name, key):
        """The portal's HTML page for an object, or None where this deployment has no such page."""
        template = self._template(name, NUMBER_STANDIN if isinstance(key, int) else SLUG_STANDIN)
        if template is None:
            return None
        path, standin = template
        return self.base + path.replace(standin, str(key))
