"""Shared by the page tests: a page's text as a reader reads it, entities such as &amp; decoded."""

from html import unescape


def page_text(response):
    return unescape(response.content.decode())
