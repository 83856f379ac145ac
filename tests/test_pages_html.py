"""Every browsing page is valid HTML with landmarks, one h1, ordered headings, labelled controls and captioned
tables, and carries no inline code (the Content-Security-Policy will forbid it)."""

import html5lib
import pytest
from django.urls import reverse

from initiatives.models import Initiative

PAGES = [
    ("home", [], ""),
    ("province_list", [], ""),
    ("province_detail", ["heilongjiang"], ""),
    ("city_list", [], ""),
    ("city_list", [], "?province=nowhere&sort=initiatives"),
    ("city_detail", ["haidian"], ""),
    ("city_detail", ["benxi"], ""),
    ("initiative_list", [], ""),
    ("initiative_list", [], "?province=beijing&category=finance&q=%22%3Cb%3E&year=20x4"),
    ("initiative_list", [], "?has_figures=yes&page=2"),
    ("initiative_detail", ["haidian:platform-data-opening"], ""),
    ("category_list", [], ""),
    ("category_detail", ["credit-repair"], ""),
    ("innovation_model_list", [], ""),
    ("innovation_model_detail", ["ai-empowered"], ""),
    ("lesson_list", [], ""),
    ("about", [], ""),
]
LANGUAGES = {"zh-hant": "zh-Hant", "zh-hans": "zh-Hans", "en": "en"}
CONTROLS = ("input", "select", "textarea")


def url_for(name, args):
    resolved = []
    for arg in args:
        if ":" in arg:
            city, slug = arg.split(":")
            arg = Initiative.objects.get(city__slug=city, slug=slug).pk
        resolved.append(arg)
    return reverse(name, args=resolved)


def problems_of(html, language):
    """What a validator and an accessibility checker would complain about."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    document = parser.parse(html)
    problems = [f"parse error {error[1]} at {error[0]}" for error in parser.errors]
    if not html.startswith("<!doctype html>"):
        problems.append("no doctype")
    elements = list(document.iter())
    ids = [element.get("id") for element in elements if element.get("id")]
    problems += [f"duplicate id {i}" for i in {i for i in ids if ids.count(i) > 1}]
    if document.get("lang") != LANGUAGES[language]:
        problems.append(f"lang is {document.get('lang')}")

    headings = [int(element.tag[1]) for element in elements if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
    if headings.count(1) != 1 or headings[0] != 1:
        problems.append(f"h1 count {headings.count(1)}")
    problems += [f"heading jumps h{a}→h{b}" for a, b in zip(headings, headings[1:], strict=False) if b > a + 1]

    for landmark in ("main", "header", "footer"):
        if len(document.findall(f".//body/{landmark}")) != 1:
            problems.append(f"not one {landmark} landmark")
    if not all(nav.get("aria-label") for nav in document.iter("nav")):
        problems.append("a nav without aria-label")

    labelled = {label.get("for") for label in document.iter("label")}
    problems += [f"label for missing #{target}" for target in labelled if target not in ids]
    for element in elements:
        if element.tag in CONTROLS and element.get("type") not in ("hidden", "submit", "button"):
            if element.get("id") not in labelled and not element.get("aria-label"):
                problems.append(f"unlabelled {element.tag} {element.get('name')}")
        for reference in ("aria-describedby", "aria-labelledby"):
            if element.get(reference) and not all(target in ids for target in element.get(reference).split()):
                problems.append(f"{reference} to missing #{element.get(reference)}")
        if element.get("style") is not None:
            problems.append(f"style attribute on {element.tag}")
        problems += [f"{name} handler on {element.tag}" for name in element.keys() if name.startswith("on")]
        if element.tag == "script" and not element.get("src"):
            problems.append("inline script")
        if element.tag == "a" and not ("".join(element.itertext()).strip() or element.get("aria-label")):
            problems.append(f"link without text to {element.get('href')}")
        if element.tag == "img" and element.get("alt") is None:
            problems.append("img without alt")

    for table in document.iter("table"):
        if table.find("caption") is None:
            problems.append("table without caption")
        problems += ["th without scope" for th in table.iter("th") if th.get("scope") not in ("row", "col")]
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("name, args, query", PAGES)
def test_page_is_valid_and_accessible(client, report_data, name, args, query):
    response = client.get(url_for(name, args) + query)
    assert response.status_code == 200
    assert problems_of(response.content.decode(), "zh-hant") == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("name, args, query", [PAGES[0], PAGES[5], PAGES[8], PAGES[13], PAGES[16]])
def test_page_is_valid_in_each_language(client, report_data, name, args, query, language):
    response = client.get(f"/{language}" + url_for(name, args) + query)  # /zh-hans/…, /en/…
    assert response.status_code == 200
    assert problems_of(response.content.decode(), language) == []


@pytest.mark.django_db
def test_error_pages_are_valid(client, report_data):
    response = client.get("/cities/nowhere/")
    assert response.status_code == 404
    assert problems_of(response.content.decode(), "zh-hant") == []


def test_the_checker_catches_what_it_should():
    bad = (
        '<!doctype html><html lang="en"><body><header></header><main><h1>a</h1><h3>b</h3>'
        '<select name="x"></select><table><tr><th>c</th></tr></table><p style="color:red" id="d">'
        '<span id="d"></span></p><script>alert(1)</script></main><footer></footer></body></html>'
    )
    problems = problems_of(bad, "en")
    for expected in ("heading jumps h1→h3", "unlabelled select x", "table without caption", "th without scope"):
        assert expected in problems
    assert "style attribute on p" in problems and "duplicate id d" in problems and "inline script" in problems
    assert any(problem.startswith("parse error") for problem in problems_of("<!doctype html><p></div>", "en"))
