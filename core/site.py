"""Absolute URLs from the configured site origin (settings.SITE_ORIGIN), never from the request's Host header or
scheme: a page or API body cached for every reader must not carry what one client sent."""

from urllib.parse import urljoin

from django.conf import settings


def absolute_url(path):
    """The URL of a path on the site (a URL that is already absolute is returned as it is)."""
    return urljoin(settings.SITE_ORIGIN + "/", str(path))


def site_origin(request):
    """Context processor: `site_origin` for templates, `{{ site_origin }}{{ request.get_full_path }}`."""
    return {"site_origin": settings.SITE_ORIGIN}
