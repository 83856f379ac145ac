"""Every name the report quotes appears verbatim on its city's page (the list is tests/report_quotes.py)."""

import html
import re

import pytest
from django.conf import settings
from django.urls import reverse
from report_quotes import QUOTED_NAMES

from cities.models import City

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_data")]

QUOTED = re.compile(r"《[^《》]+》|“[^“”]+[”“]")  # the report once closes a quote with “ (“失信行為修復“)
MODEL_TYPE_PARAGRAPH = re.compile(r"^(.+?模式)[:：]")
SUMMARY_HEADING = "創新模式總結與對比分析"


def collapsed(text):
    return " ".join(text.split())


def page_text(client, city_slug):
    response = client.get(reverse("city_detail", args=[city_slug]))
    assert response.status_code == 200
    return collapsed(html.unescape(response.content.decode()))


def names_in_report(text):
    """{city slug: [quoted names]} from the city sections and, for each type's city, the model-type section."""
    cities = dict(City.objects.values_list("name_zh", "slug"))
    representatives = {
        collapsed(name): slug
        for name, slug in City.objects.filter(represented_models__isnull=False).values_list(
            "represented_models__name_zh", "slug"
        )
    }
    found, current = {}, None
    for line in text.splitlines():
        line = line.strip()
        if line in cities:
            current = cities[line]
            continue
        if line == SUMMARY_HEADING:
            current = None
        type_heading = MODEL_TYPE_PARAGRAPH.match(line)
        city = current or (representatives.get(collapsed(type_heading.group(1))) if type_heading else None)
        for quoted in QUOTED.findall(line) if city else ():
            name = collapsed(quoted[1:-1])
            if name not in found.setdefault(city, []):
                found[city].append(name)
    return found


def test_every_quoted_name_is_on_its_citys_page_verbatim(client):
    missing = []
    for city_slug, names in QUOTED_NAMES.items():
        text = page_text(client, city_slug)
        missing += [(city_slug, name) for name in names if name not in text]
    assert not missing
    assert sum(len(names) for names in QUOTED_NAMES.values()) == 164


@pytest.mark.source_report
def test_the_list_holds_every_name_the_report_quotes():
    assert names_in_report(settings.SOURCE_REPORT_PATH.read_text(encoding="utf-8")) == {
        slug: names for slug, names in QUOTED_NAMES.items() if names
    }


def test_the_names_the_issue_found_missing_are_there(client):
    wuqing = page_text(client, "wuqing")
    assert "《“通武廊” 守信聯合激勵建設行動方案》" in wuqing
    assert "《通武廊守信企業聯合激勵工作方案》" in wuqing
    jixi = page_text(client, "jixi")
    assert "《行政處罰決定書》" in jixi and "《行政合規經營建議書》" in jixi
    assert "“供應鏈提檔擴容計劃”" in jixi
    hohhot = page_text(client, "hohhot")
    for name in ("完善政府誠信履約機制", "提升融資信用服務質效", "加強全市行業信用評價", "失信行為修復"):
        assert f"“{name}”" in hohhot
    assert "“信用賦能 + 數智支撐”" in page_text(client, "ordos")
    assert "“信用信息化、信用資源化、信用可視化”" in wuqing
    assert "“信用數據共享網絡”" in page_text(client, "hejian")
