"""The interface languages: zh-Hant at unprefixed URLs, /en/… and /zh-hans/…, and the reader's saved choice.

The URL always wins. The language cookie, set when the reader switches, only decides where an unprefixed
URL (an old link, a bookmark, the bare domain) takes a reader who chose English or Simplified before.
Pages outside the prefix (admin, machine endpoints) follow the cookie, else the browser's Accept-Language.
"""

from functools import lru_cache

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

# BCP 47 tags for <html lang> and hreflang; Django's codes are lower-case.
HTML_LANG = {"zh-hant": "zh-Hant", "zh-hans": "zh-Hans", "en": "en"}
LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def html_lang(code):
    return HTML_LANG.get((code or "").lower(), code)


def is_supported(code):
    return code in dict(settings.LANGUAGES)


def language_links(request):
    """Every interface language with the current page's URL in it (same path, same query string)."""
    return links_in_every_language(request.get_full_path(), translation.get_language())


@lru_cache(maxsize=1024)
def links_in_every_language(full_path, current):
    """language_links() of a path in the active language: resolved and reversed once per path, not on every page
    (the most recently asked 1,024: a request line, and so a path with its query, is at most 4 kB under gunicorn)."""
    return tuple(
        {
            "code": code,
            "name": name,
            "lang": html_lang(code),
            "url": translate_url(full_path, code),
            "is_current": code == current,
            "is_default": code == settings.LANGUAGE_CODE,
        }
        for code, name in settings.LANGUAGES
    )


def switch_language(request, code):
    """GET /language/<code>/?next=<path>: remember the choice in the cookie and show `next` in that language."""
    if not is_supported(code):
        raise Http404("Unknown language")
    next_url = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=False):
        next_url = "/"
    # translate_url resolves `next` in the language it was written in, i.e. the one its prefix names.
    with translation.override(translation.get_language_from_path(next_url) or settings.LANGUAGE_CODE):
        target = translate_url(next_url, code)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=LANGUAGE_COOKIE_MAX_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE or request.is_secure(),
        httponly=True,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
    )
    return response


@lru_cache(maxsize=1024)
def has_other_language(path, language):
    """Whether an unprefixed path has a URL in another language (resolving and reversing it, once per path)."""
    other = next(code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
    return translate_url(path, other) != path


class SavedLanguageMiddleware:
    """An unprefixed page asked for by a reader who chose another language goes to that language's URL.

    Runs after LocaleMiddleware, which activates zh-Hant for every unprefixed URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect = self.redirect_to_saved_language(request)
        if redirect is not None:
            return redirect
        if self.is_reader_page(request):
            response = self.get_response(request)
        else:
            # Admin and machine endpoints have no language prefix: the saved choice, else the browser's
            # (for this request only, so nothing leaks into whatever runs next in the thread).
            language = translation.get_language_from_request(request)
            with translation.override(language):
                request.LANGUAGE_CODE = language
                response = self.get_response(request)
                response.headers["Content-Language"] = language
        if not translation.get_language_from_path(request.path_info):
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response

    @staticmethod
    def is_reader_page(request):
        """A page of the language-prefixed site (prefixed, or unprefixed and so zh-Hant)."""
        if translation.get_language_from_path(request.path_info):
            return True
        return has_other_language(request.path_info, translation.get_language())

    @staticmethod
    def redirect_to_saved_language(request):
        if request.method not in ("GET", "HEAD"):
            return None
        saved = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if saved == settings.LANGUAGE_CODE or not is_supported(saved):
            return None
        if translation.get_language_from_path(request.path_info):
            return None
        full_path = request.get_full_path()
        target = translate_url(full_path, saved)
        if target == full_path:  # not a page of the language-prefixed site (admin, API, 404)
            return None
        redirect = HttpResponseRedirect(target)
        patch_vary_headers(redirect, ("Cookie",))
        return redirect
