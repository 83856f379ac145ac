"""Votes racing each other against the running app: every reader counts once per city, however the requests race.

On PostgreSQL (production): two transactions inserting the same (city, voter) at once. SQLite's test database
lives in shared-cache memory, where a writer that meets another's table lock fails at once instead of waiting
("database table is locked"), so these tests would measure the test set-up rather than the portal: they run on
PostgreSQL only (CI runs the suite on both). Against a file database, as `make run` uses, they pass: writers
wait for each other there.
"""

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from votes.models import Vote

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writes are tested on PostgreSQL (see the module's docstring)"
)

READERS = 12
REPEATS = 3


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Reader:
    """One browser: its own cookies (CSRF and voter token), sending real HTTP requests to the live server."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)
        html = self.opener.open(f"{base_url}/vote/", timeout=30).read().decode()
        self.csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post(self, path):
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf_token}).encode()
        try:
            with self.opener.open(f"{self.base_url}{path}", data=data, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def has_voter_cookie(self):
        return any(cookie.name == "voter" for cookie in self.cookies)


def all_at_once(requests):
    """Run the (reader, path) POSTs in parallel, released together by a barrier; their status codes."""
    barrier = threading.Barrier(len(requests))

    def send(request):
        reader, path = request
        barrier.wait(timeout=60)
        return reader.post(path)

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(send, requests))


@pytest.fixture
def live_app(live_server, transactional_db, settings):
    call_command("load_report", force=True, verbosity=0)
    settings.VOTE_RATE_LIMIT = 10_000  # every request below comes from 127.0.0.1
    cache.clear()
    yield live_server
    cache.clear()


def test_new_readers_voting_at_the_same_moment_are_each_counted_once(live_app):
    readers = [Reader(live_app.url) for _ in range(READERS)]

    statuses = all_at_once([(reader, "/vote/ordos/") for reader in readers])

    assert statuses == [302] * READERS
    assert Vote.objects.filter(city__slug="ordos").count() == READERS
    assert Vote.objects.values("voter_hash").distinct().count() == READERS
    assert all(reader.has_voter_cookie() for reader in readers)


def test_repeats_racing_each_other_count_once_per_reader(live_app):
    readers = [Reader(live_app.url) for _ in range(READERS // 2)]
    for reader in readers:  # each reader gets a voter token first
        assert reader.post("/vote/jixi/") == 302

    # Every reader sends the same vote several times at once: a double click, a replay, a race.
    statuses = all_at_once([(reader, "/vote/chaoyang/") for reader in readers for _ in range(REPEATS)])

    assert statuses == [302] * (len(readers) * REPEATS)
    assert Vote.objects.filter(city__slug="chaoyang").count() == len(readers)
    assert Vote.objects.filter(city__slug="jixi").count() == len(readers)
    assert Vote.objects.values("voter_hash").distinct().count() == len(readers)


def test_withdrawals_racing_each_other_remove_the_vote_once(live_app):
    reader = Reader(live_app.url)
    assert reader.post("/vote/hejian/") == 302
    other = Reader(live_app.url)
    assert other.post("/vote/hejian/") == 302

    statuses = all_at_once([(reader, "/vote/hejian/withdraw/")] * REPEATS * 2)

    assert statuses == [302] * REPEATS * 2
    assert Vote.objects.filter(city__slug="hejian").count() == 1  # the other reader's vote stands
