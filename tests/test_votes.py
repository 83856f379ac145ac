"""Readers vote for the cities they support: each reader counts once per city, and bad requests change nothing."""

import csv
import datetime
import hashlib
import io
import json
import re
import zoneinfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from cities.models import City, Source
from tests.test_pages_html import problems_of
from votes import voting as votes
from votes.models import RateCount, Vote

VOTE_URL = "/vote/"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def chaoyang(report_data):
    return City.objects.get(slug="chaoyang")


@pytest.fixture
def haidian(report_data):
    return City.objects.get(slug="haidian")


def cast(client, slug, **extra):
    return client.post(reverse("vote_cast", args=[slug]), extra.pop("data", {}), **extra)


def withdraw(client, slug, **extra):
    return client.post(reverse("vote_withdraw", args=[slug]), extra.pop("data", {}), **extra)


def shown(msgid, **params):
    """An interface text as a zh-Hant reader sees it on the page, whether or not it is translated yet."""
    with translation.override("zh-hant"):
        text = translation.gettext(msgid)
    return escape(text % params if params else text)


def table_rows(html):
    """(rank, city, votes) of each row of the tally table, in order."""
    body = html.split('<table class="vote-table">', 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)[1:]:
        rank = re.search(r'<td class="num">(\d+)</td>', row).group(1)
        name = re.sub(r"<[^>]+>", "", re.search(r'<th scope="row">(.*?)</th>', row, flags=re.S).group(1)).strip()
        count = re.findall(r'<td class="num">(\d+)</td>', row)[1]
        rows.append((int(rank), name, int(count)))
    return rows


def token_of(client):
    """The token the client's voter cookie carries, read the way the site reads it."""
    request = RequestFactory().get("/")
    request.COOKIES[votes.COOKIE_NAME] = client.cookies[votes.COOKIE_NAME].value
    return votes.read_token(request)


def add_votes(city, count, prefix):
    Vote.objects.bulk_create(Vote(city=city, voter_hash=f"{prefix}{n:02d}".ljust(64, "0")) for n in range(count))


def test_a_reader_votes_and_the_tally_shows_it(client, chaoyang):
    response = cast(client, "chaoyang")

    assert response.status_code == 302
    assert response["Location"] == VOTE_URL
    assert Vote.objects.filter(city=chaoyang).count() == 1

    page = client.get(VOTE_URL)
    html = page.content.decode()
    assert shown("Your vote for %(city)s is counted.", city="朝陽區") in html
    assert table_rows(html)[0] == (1, "朝陽區", 1)
    assert f"<dt>{shown('Readers who voted')}</dt><dd>1</dd>" in html
    # The reader's own vote is remembered: chaoyang offers a withdraw button, haidian a vote button.
    assert 'action="/vote/chaoyang/withdraw/"' in html
    assert 'action="/vote/haidian/"' in html


def test_voting_twice_counts_once(client, chaoyang):
    cast(client, "chaoyang")
    response = cast(client, "chaoyang", follow=True)

    assert Vote.objects.filter(city=chaoyang).count() == 1
    assert (
        shown("You had already voted for %(city)s: your vote counts once.", city="朝陽區") in response.content.decode()
    )


def test_a_reader_may_support_several_cities_and_counts_as_one_voter(client, chaoyang, haidian):
    cast(client, "chaoyang")
    cast(client, "haidian")

    assert Vote.objects.count() == 2
    assert Vote.objects.values("voter_hash").distinct().count() == 1
    assert votes.summary()["voters"] == 1
    html = client.get(VOTE_URL).content.decode()
    assert 'action="/vote/chaoyang/withdraw/"' in html
    assert 'action="/vote/haidian/withdraw/"' in html


def test_two_readers_are_two_votes(chaoyang):
    cast(Client(), "chaoyang")
    cast(Client(), "chaoyang")

    assert Vote.objects.filter(city=chaoyang).count() == 2
    assert votes.summary()["voters"] == 2


def test_a_reader_withdraws_a_vote(client, chaoyang, haidian):
    cast(client, "chaoyang")
    cast(client, "haidian")
    response = withdraw(client, "chaoyang", follow=True)

    assert list(Vote.objects.values_list("city__slug", flat=True)) == ["haidian"]
    html = response.content.decode()
    assert shown("Your vote for %(city)s is withdrawn.", city="朝陽區") in html
    assert 'action="/vote/chaoyang/"' in html

    again = withdraw(client, "chaoyang", follow=True)
    assert shown("You had no vote for %(city)s to withdraw.", city="朝陽區") in again.content.decode()
    assert Vote.objects.count() == 1


def test_withdrawing_without_a_token_is_refused_and_changes_nothing(client, chaoyang):
    cast(Client(), "chaoyang")

    response = withdraw(client, "chaoyang")

    assert response.status_code == 400
    assert f"<h1>{shown('No vote to withdraw')}</h1>" in response.content.decode()
    assert Vote.objects.filter(city=chaoyang).count() == 1


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


def test_votes_need_a_csrf_token(chaoyang):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(VOTE_URL)

    forged = browser.post(reverse("vote_cast", args=["chaoyang"]))
    assert forged.status_code == 403
    assert Vote.objects.count() == 0

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    genuine = browser.post(reverse("vote_cast", args=["chaoyang"]), {"csrfmiddlewaretoken": token})
    assert genuine.status_code == 302
    assert Vote.objects.count() == 1

    forged_withdraw = browser.post(reverse("vote_withdraw", args=["chaoyang"]))
    assert forged_withdraw.status_code == 403
    assert Vote.objects.count() == 1


@pytest.mark.parametrize("name", ["vote_cast", "vote_withdraw"])
def test_a_get_changes_nothing(client, chaoyang, name):
    cast(client, "chaoyang")

    response = client.get(reverse(name, args=["haidian" if name == "vote_cast" else "chaoyang"]))

    assert response.status_code == 405
    assert list(Vote.objects.values_list("city__slug", flat=True)) == ["chaoyang"]


def test_a_tampered_token_is_refused_and_changes_nothing(client, chaoyang):
    cast(client, "chaoyang")
    genuine = client.cookies[votes.COOKIE_NAME].value
    client.cookies[votes.COOKIE_NAME] = "X" + genuine[1:]

    for response in (cast(client, "haidian"), withdraw(client, "chaoyang")):
        assert response.status_code == 400
        assert f"<h1>{shown('Your voter token is not valid')}</h1>" in response.content.decode()
        # The bad cookie is removed, so the reader's next vote starts afresh.
        assert response.cookies[votes.COOKIE_NAME]["max-age"] == 0
    assert list(Vote.objects.values_list("city__slug", flat=True)) == ["chaoyang"]


def test_a_token_signed_by_another_site_is_refused(client, chaoyang):
    with override_settings(SECRET_KEY="another-site-with-its-own-secret-key-0123456789"):
        other_site = HttpResponse()
        votes.remember_token(other_site, RequestFactory().get("/"), votes.new_token())
    client.cookies[votes.COOKIE_NAME] = other_site.cookies[votes.COOKIE_NAME].value

    response = cast(client, "chaoyang")

    assert response.status_code == 400
    assert Vote.objects.count() == 0


def test_a_well_signed_token_of_the_wrong_shape_is_refused(client, chaoyang):
    forged = HttpResponse()
    forged.set_signed_cookie(votes.COOKIE_NAME, "short", salt=votes.COOKIE_SALT)
    client.cookies[votes.COOKIE_NAME] = forged.cookies[votes.COOKIE_NAME].value

    assert cast(client, "chaoyang").status_code == 400
    assert Vote.objects.count() == 0


@pytest.mark.parametrize("post", [cast, withdraw])
def test_an_unknown_city_is_404_and_changes_nothing(client, chaoyang, post):
    cast(client, "chaoyang")

    response = post(client, "atlantis")

    assert response.status_code == 404
    assert Vote.objects.count() == 1


def test_the_voter_cookie_is_signed_http_only_and_same_site(client, chaoyang):
    response = cast(client, "chaoyang")

    cookie = response.cookies[votes.COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]
    assert cookie["max-age"] >= 365 * 24 * 3600
    # The cookie is set once, on the first vote; later votes reuse it.
    assert votes.COOKIE_NAME not in cast(client, "haidian").cookies


def test_the_voter_cookie_is_secure_over_https(client, chaoyang):
    response = cast(client, "chaoyang", secure=True)
    assert response.cookies[votes.COOKIE_NAME]["secure"] is True


def test_neither_the_token_nor_the_address_is_stored(client, chaoyang):
    address = "203.0.113.77"
    cast(client, "chaoyang", REMOTE_ADDR=address)
    token = token_of(client)
    assert token

    vote = Vote.objects.get()
    assert vote.voter_hash == votes.voter_hash(token)
    assert vote.voter_hash != hashlib.sha256(token.encode()).hexdigest()  # keyed, not a plain hash
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    everything = dump.getvalue()
    assert vote.voter_hash in everything
    assert token not in everything
    assert address not in everything


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/vote/#vote-chaoyang", "/vote/#vote-chaoyang"),
        ("/compare/?cities=chaoyang,haidian", "/compare/?cities=chaoyang,haidian"),
        ("https://evil.example/phish", VOTE_URL),
        ("//evil.example/", VOTE_URL),
        ("javascript:alert(1)", VOTE_URL),
        ("", VOTE_URL),
    ],
)
def test_the_reader_returns_only_to_a_page_of_this_site(client, chaoyang, target, expected):
    response = cast(client, "chaoyang", data={"next": target})
    assert response["Location"] == expected


@override_settings(VOTE_RATE_LIMIT=3)
def test_a_flood_from_one_client_gets_429_and_changes_nothing(client, chaoyang, haidian):
    statuses = [cast(client, "chaoyang").status_code for _ in range(2)]
    statuses.append(withdraw(client, "chaoyang").status_code)
    refused = cast(client, "haidian")

    assert statuses == [302, 302, 302]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    html = refused.content.decode()
    assert f"<h1>{shown('Too many votes from your connection')}</h1>" in html
    message = html.split("<h1>", 1)[1]
    assert re.search(r"\b3\b", message) and re.search(r"\b10\b", message)  # the limit and its window, in minutes
    assert Vote.objects.count() == 0  # the vote and its withdrawal went through, the refused vote did not


@override_settings(VOTE_RATE_LIMIT=5)
def test_a_bot_without_cookies_cannot_vote_more_than_the_limit(chaoyang):
    # Each request without a cookie is a new voter, so only the per-address limit stops this.
    statuses = [cast(Client(), "chaoyang", REMOTE_ADDR="198.51.100.9").status_code for _ in range(12)]

    assert statuses == [302] * 5 + [429] * 7
    assert Vote.objects.count() == 5
    # Another address is counted on its own.
    assert cast(Client(), "chaoyang", REMOTE_ADDR="198.51.100.10").status_code == 302


@override_settings(VOTE_RATE_LIMIT=2, CLIENT_ADDRESS_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_a_proxy_the_limit_follows_the_address_the_proxy_reports(chaoyang):
    def from_client(address, forged=""):
        header = f"{forged}, {address}" if forged else address
        return cast(Client(), "chaoyang", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=header).status_code

    assert [from_client("192.0.2.1") for _ in range(3)] == [302, 302, 429]
    # A client forging the start of the header does not escape its own address's limit.
    assert from_client("192.0.2.1", forged="192.0.2.99") == 429
    assert from_client("192.0.2.2") == 302


def test_the_rate_limit_keeps_no_address_in_the_database(chaoyang):
    cast(Client(), "chaoyang", REMOTE_ADDR="198.51.100.23")

    counts = list(RateCount.objects.values_list("key", "count"))
    assert len(counts) == 1 and counts[0][1] == 1
    assert "198.51.100.23" not in counts[0][0]


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


@override_settings(VOTE_RATE_LIMIT=1)
def test_the_refusal_pages_are_valid(client, chaoyang):
    client.cookies[votes.COOKIE_NAME] = "tampered"
    for expected_status in (400, 429):
        response = cast(client, "chaoyang")
        assert response.status_code == expected_status
        assert problems_of(response.content.decode(), "zh-hant") == []


def test_the_nav_links_to_the_vote(client, report_data):
    html = client.get("/compare/").content.decode()
    assert f'<a href="{VOTE_URL}">' in html
    assert f'<a href="{VOTE_URL}" aria-current="page">' in client.get(VOTE_URL).content.decode()


def test_the_vote_page_makes_a_fixed_number_of_queries(client, chaoyang, django_assert_max_num_queries):
    cast(client, "chaoyang")
    with django_assert_max_num_queries(5):
        response = client.get(VOTE_URL)
    assert response.status_code == 200


def test_the_vote_page_makes_as_many_queries_with_ten_times_the_cities(
    client, generated_data, django_assert_max_num_queries
):
    cast(client, "chaoyang")
    for number, city in enumerate(City.objects.filter(slug__startswith="gen-")[:50]):
        add_votes(city, number % 4, f"g{number:03d}")
    assert City.objects.count() >= 154
    with django_assert_max_num_queries(5):
        response = client.get(VOTE_URL)
    assert response.content.decode().count('<form class="vote-button') == City.objects.count()


def test_a_reader_votes_from_the_city_page_and_returns_to_it(client, chaoyang):
    page = client.get(chaoyang.get_absolute_url()).content.decode()
    assert 'action="/vote/chaoyang/"' in page

    response = cast(client, "chaoyang", data={"next": "/cities/chaoyang/#vote-chaoyang"}, follow=True)

    assert response.redirect_chain == [("/cities/chaoyang/#vote-chaoyang", 302)]
    html = response.content.decode()
    assert shown("Your vote for %(city)s is counted.", city="朝陽區") in html
    assert 'action="/vote/chaoyang/withdraw/"' in html
    assert Vote.objects.filter(city=chaoyang).count() == 1


def queries_of(request):
    """The number of SQL queries a request makes (counted as they run, whatever the query log holds)."""
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = request()
    assert response.status_code == 200
    return len(statements)


def test_the_vote_button_adds_one_query_to_the_city_page(client, chaoyang, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the page cache's own version read is not the button's cost
    client.get(chaoyang.get_absolute_url())  # warm the page's cached fragments, the same for both visits
    without_token = queries_of(lambda: client.get(chaoyang.get_absolute_url()))
    cast(client, "haidian")  # now the reader has a voter token, so the page asks which cities it supports

    assert queries_of(lambda: client.get(chaoyang.get_absolute_url())) == without_token + 1


def test_vote_buttons_on_any_page_cost_one_query_together(client, generated_data, django_assert_num_queries):
    cast(client, "chaoyang")
    request = RequestFactory().get("/cities/")
    request.COOKIES[votes.COOKIE_NAME] = client.cookies[votes.COOKIE_NAME].value
    cities = list(City.objects.all())
    template = Template(
        '{% for city in cities %}{% include "cities/includes/vote_button.html" with city=city %}{% endfor %}'
    )

    with django_assert_num_queries(1):
        html = template.render(RequestContext(request, {"cities": cities}))

    assert html.count('class="vote-button vote-button--voted"') == 1
    assert html.count('class="vote-button"') == len(cities) - 1
    assert 'name="next" value="/cities/#vote-chaoyang"' in html
