"""Under a real `make serve` (several gunicorn workers, PostgreSQL, the default cache): one vote limit for all
workers, no forged host or scheme in anyone's page, /healthz answers while slow clients hold connections open.

The server runs on a PostgreSQL database of its own, created and dropped here. On SQLite these tests are skipped:
several worker processes writing one SQLite file is not what production runs.
"""

import http.cookiejar
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.db import connection

from tests.production import get, make_serve, own_postgresql_database, production_env

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the multi-worker server tests need PostgreSQL (DATABASE_URL=postgres://…)",
)

WORKERS = 3
VOTE_LIMIT = 30  # the documented default: VOTE_RATE_LIMIT per VOTE_RATE_WINDOW_SECONDS


@pytest.fixture(scope="module")
def server(django_db_blocker):
    """`make serve` with its defaults (no REDIS_URL, no cache settings), plain HTTP on loopback."""
    with django_db_blocker.unblock(), own_postgresql_database() as database_url:
        env = production_env(WEB_CONCURRENCY=str(WORKERS), DATABASE_URL=database_url, DJANGO_HTTPS="0")
        with make_serve(env) as running:
            yield running


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def cookieless_vote(port, slug):
    """What a bot does: fetch the form for a CSRF token, post the vote, keep no cookie for the next one."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)
    base = f"http://127.0.0.1:{port}"
    html = opener.open(f"{base}/vote/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode()
    try:
        with opener.open(f"{base}/vote/{slug}/", data=data, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_45_cookieless_votes_from_one_address_accept_at_most_the_limit(server):
    statuses = [cookieless_vote(server.port, "chaoyang") for _ in range(45)]
    assert set(statuses) <= {302, 429}, statuses
    assert statuses.count(302) == VOTE_LIMIT
    tally = urllib.request.urlopen(f"http://127.0.0.1:{server.port}/vote/tally.json", timeout=30).read().decode()
    assert re.search(r'"slug": "chaoyang",[^}]*"votes": 30\b', tally), tally[:800]
    # Every worker counted: the server really has several, and more than one answered these requests.
    assert server.output().count("Booting worker with pid") >= WORKERS


FORGED = {"Host": "127.0.0.1:6666", "X-Forwarded-Proto": "https"}
PAGES = ["/", "/cities/", "/en/cities/chaoyang/", "/about/", "/compare/?cities=chaoyang,haidian", "/api/cities/"]


def test_a_forged_host_port_or_scheme_never_reaches_a_later_ordinary_response(server):
    for path in PAGES:
        for _ in range(5):
            status, _headers, body = get(server.port, path, **FORGED)
            assert status == 200, (path, body[:300])
            assert b"6666" not in body and b"https://portal.example" not in body, path
    for path in PAGES:
        for _ in range(4):
            status, _headers, body = get(server.port, path)
            assert status == 200
            assert b"6666" not in body, path
            assert b"http://portal.example/" in body, path  # the configured origin (the first allowed host)


def slow_client(port, stop):
    """Open a connection and send a request's headers a few bytes at a time, never finishing them."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: portal.example\r\n")
        while not stop.wait(0.5):
            sock.sendall(b"X-Slow: 1\r\n")
    except OSError:
        pass
    finally:
        sock.close()


def test_eight_slow_connections_leave_healthz_answering_within_two_seconds(server):
    stop = threading.Event()
    clients = [threading.Thread(target=slow_client, args=(server.port, stop), daemon=True) for _ in range(8)]
    for client in clients:
        client.start()
    try:
        time.sleep(2)  # every slow client is connected and trickling
        for _ in range(5):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=2)
            try:
                sock.settimeout(2)  # the answer must come within 2 s, or recv raises TimeoutError
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: portal.example\r\nConnection: close\r\n\r\n")
                assert sock.recv(64).startswith(b"HTTP/1.1 200")
            finally:
                sock.close()
    finally:
        stop.set()
        for client in clients:
            client.join(5)
