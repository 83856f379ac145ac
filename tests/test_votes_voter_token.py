"""The voter's token: a signed, http-only cookie; a forged or foreign one is refused; neither it nor the reader's
address is stored."""

import hashlib
import io

from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from tests.vote_support import cast, shown, token_of, withdraw
from votes import voting as votes
from votes.models import Vote


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
