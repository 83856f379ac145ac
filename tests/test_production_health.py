"""/healthz: 200 while the database answers, 503 without details when it does not; cheap and cookie-free."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.production import free_port, json_lines, production_env, run_python


@pytest.mark.django_db
def test_healthz_answers_ok_with_one_query_and_no_cookie(client, django_assert_num_queries):
    assert reverse("healthz") == "/healthz"
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "Set-Cookie" not in response


@pytest.mark.django_db
def test_healthz_is_not_redirected_to_https(settings):
    """A load balancer probes plain HTTP even when every page redirects to HTTPS."""
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/admin/login/").status_code == 301


PROBE = (
    "import django; django.setup(); from django.test import Client;"
    "response = Client().get('/healthz', HTTP_HOST='portal.example');"
    "print('STATUS', response.status_code, repr(response.content.decode()), sorted(response.cookies))"
)


def test_healthz_is_503_without_details_when_the_database_is_unreachable():
    port = free_port()  # nothing listens there
    env = production_env(
        DJANGO_HTTPS="0", DATABASE_URL=f"postgres://portal:secret@127.0.0.1:{port}/portal?connect_timeout=3"
    )
    result = run_python(PROBE, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    status_line = next(line for line in result.stdout.splitlines() if line.startswith("STATUS"))
    assert status_line == "STATUS 503 'unavailable\\n' []"
    # The reason is in the log, for the operator, not in the response.
    warning = next(entry for entry in json_lines(result.stdout) if entry["logger"] == "credit_portal.views")
    assert warning["level"] == "WARNING"
    assert str(port) in warning["exception"]


def test_healthz_with_the_database_up_in_a_production_process(tmp_path):
    env = production_env(DJANGO_HTTPS="0", DATABASE_URL=f"sqlite:///{tmp_path / 'up.sqlite3'}")
    result = run_python(PROBE, env=env, timeout=60)
    assert "STATUS 200 'ok\\n' []" in result.stdout, result.stderr
