"""Readers vote for the cities they support and withdraw their votes: each reader counts once per city, and is
sent back to the page the vote was cast from."""

import pytest
from django.test import Client

from tests.vote_support import VOTE_URL, cast, shown, table_rows, withdraw
from votes import voting as votes
from votes.models import Vote


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


def test_a_reader_votes_from_the_city_page_and_returns_to_it(client, chaoyang):
    page = client.get(chaoyang.get_absolute_url()).content.decode()
    assert 'action="/vote/chaoyang/"' in page

    response = cast(client, "chaoyang", data={"next": "/cities/chaoyang/#vote-chaoyang"}, follow=True)

    assert response.redirect_chain == [("/cities/chaoyang/#vote-chaoyang", 302)]
    html = response.content.decode()
    assert shown("Your vote for %(city)s is counted.", city="朝陽區") in html
    assert 'action="/vote/chaoyang/withdraw/"' in html
    assert Vote.objects.filter(city=chaoyang).count() == 1
