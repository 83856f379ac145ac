"""The vote page's tally: ranks, chart, names in each language, its downloads, when voting opened, and valid pages."""

import csv
import datetime
import io
import json
import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from cities.models import City, Source
from tests.test_pages_html import problems_of
from tests.vote_support import SHANGHAI, VOTE_URL, add_votes, cast, shown, table_rows
from votes.models import Vote


def test_the_tally_ranks_cities_by_votes_with_ties_sharing_a_rank(client, report_data):
    cities = {city.slug: city for city in City.objects.all()}
    add_votes(cities["ordos"], 2, "a")
    add_votes(cities["haidian"], 3, "b")
    add_votes(cities["chaoyang"], 2, "c")

    rows = table_rows(client.get(VOTE_URL).content.decode())

    # Ties keep the report's order (chaoyang before ordos); the next rank skips the tied places.
    assert rows[:4] == [(1, "海淀區", 3), (2, "朝陽區", 2), (2, "鄂爾多斯市", 2), (4, rows[3][1], 0)]
    assert len(rows) == City.objects.count() == 14
    assert sum(count for _rank, _name, count in rows) == 7


def test_the_chart_draws_one_bar_per_city_longest_for_the_most_votes(client, report_data):
    add_votes(City.objects.get(slug="haidian"), 4, "a")
    add_votes(City.objects.get(slug="jixi"), 2, "b")

    html = client.get(VOTE_URL).content.decode()
    svg = html.split('<svg class="bar-chart"', 1)[1].split("</svg>", 1)[0]
    widths = [float(width) for width in re.findall(r'<rect class="bar"[^>]* width="([\d.]+)"', svg)]
    labels = re.findall(r'<text class="bar-chart__label"[^>]*>([^<]+)</text>', svg)
    assert labels[:2] == ["海淀區", "雞西市"]
    assert len(widths) == 14
    assert widths[0] == 2 * widths[1] > 0
    assert widths[2:] == [0.0] * 12


def test_english_tally_names_cities_in_both_languages(client, chaoyang):
    cast(client, "chaoyang")
    html = client.get("/en" + VOTE_URL).content.decode()
    assert f"{chaoyang.name_en}</th>" not in html  # the Chinese name follows the English one
    assert f'{chaoyang.name_en} <span class="name-zh" lang="zh-Hant">朝陽區</span></a></th>' in html
    assert f"{chaoyang.name_en} 朝陽區</text>" in html


def test_simplified_chinese_tally_shows_simplified_names(client, chaoyang):
    cast(client, "chaoyang")
    html = client.get("/zh-hans" + VOTE_URL).content.decode()
    assert table_rows(html)[0] == (1, "朝阳区", 1)
    assert "朝阳区</text>" in html


def test_the_tally_downloads_as_json(client, chaoyang, haidian):
    cast(client, "haidian")
    cast(client, "chaoyang")
    cast(Client(), "haidian")

    response = client.get("/vote/tally.json")

    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["voters"] == 2
    assert data["votes"] == 3
    assert data["voting_opened_at"] == Vote.objects.order_by("created_at").first().created_at.isoformat()
    assert data["cities"][:2] == [
        {
            "rank": 1,
            "slug": "haidian",
            "name_zh": "海淀區",
            "name_en": haidian.name_en,
            "province": haidian.province.slug,
            "votes": 2,
        },
        {
            "rank": 2,
            "slug": "chaoyang",
            "name_zh": "朝陽區",
            "name_en": chaoyang.name_en,
            "province": chaoyang.province.slug,
            "votes": 1,
        },
    ]
    assert len(data["cities"]) == 14


def test_the_tally_downloads_as_csv_that_excel_reads(client, chaoyang):
    cast(client, "chaoyang")

    response = client.get("/vote/tally.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = ["Rank", "Slug", "City (Chinese)", "City (English)", "Province", "Votes"]
    with translation.override("zh-hant"):
        assert rows[0] == [translation.gettext(column) for column in header]
    assert rows[1][:3] == ["1", "chaoyang", "朝陽區"]
    assert rows[1][-1] == "1"
    assert len(rows) == 15


def test_voting_opened_with_the_first_vote(client, chaoyang):
    assert shown("when the first vote is cast") in client.get(VOTE_URL).content.decode()

    cast(client, "chaoyang")
    first = Vote.objects.get().created_at

    html = client.get(VOTE_URL).content.decode()
    assert f'<time datetime="{first.astimezone(SHANGHAI).isoformat()}">' in html


def test_voting_opened_at_can_be_set(client, chaoyang, settings):
    settings.VOTING_OPENED_AT = datetime.datetime(2026, 1, 15, 9, 0, tzinfo=SHANGHAI)
    cast(client, "chaoyang")

    html = client.get(VOTE_URL).content.decode()
    assert '<time datetime="2026-01-15T09:00:00+08:00">2026年1月15日 09:00</time>' in html


def test_the_page_asks_the_reports_question_in_the_readers_language(client, report_data):
    report = Source.objects.get()
    assert report.call_to_vote_zh and report.call_to_vote_en

    assert f'<p class="lead">{report.call_to_vote_zh}</p>' in client.get(VOTE_URL).content.decode()
    english = client.get("/en" + VOTE_URL).content.decode()
    assert f'<p class="lead">{escape(report.call_to_vote_en)}</p>' in english


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_the_vote_page_is_valid_and_accessible(client, chaoyang, language):
    cast(client, "chaoyang")  # both kinds of button on the page: withdraw for chaoyang, vote for the others

    html = client.get(("" if language == "zh-hant" else f"/{language}") + VOTE_URL).content.decode()

    assert problems_of(html, language) == []


def test_the_nav_links_to_the_vote(client, report_data):
    html = client.get("/compare/").content.decode()
    assert f'<a href="{VOTE_URL}">' in html
    assert f'<a href="{VOTE_URL}" aria-current="page">' in client.get(VOTE_URL).content.decode()
