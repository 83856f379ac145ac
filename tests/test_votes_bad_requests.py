"""Requests the vote refuses: forged, GET, unknown city, or too many from one connection; none changes the tally."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.test_pages_html import problems_of
from tests.vote_support import VOTE_URL, cast, shown, withdraw
from votes import voting as votes
from votes.models import RateCount, Vote


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


@pytest.mark.parametrize("post", [cast, withdraw])
def test_an_unknown_city_is_404_and_changes_nothing(client, chaoyang, post):
    cast(client, "chaoyang")

    response = post(client, "atlantis")

    assert response.status_code == 404
    assert Vote.objects.count() == 1


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


@override_settings(VOTE_RATE_LIMIT=1)
def test_the_refusal_pages_are_valid(client, chaoyang):
    client.cookies[votes.COOKIE_NAME] = "tampered"
    for expected_status in (400, 429):
        response = cast(client, "chaoyang")
        assert response.status_code == expected_status
        assert problems_of(response.content.decode(), "zh-hant") == []
