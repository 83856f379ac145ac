"""Login throttling (django-axes): 5 failures lock a username (from anywhere) and an address (for any username),
for 1 hour; the address is the one the vote limit sees (CLIENT_ADDRESS_HEADER behind a proxy)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.admin_support import PASSWORD, make_editor

LOGIN = reverse("admin:login")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Every attempt hashes a password; production's hasher is slow on purpose, which these tests need not be."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client, password, username="editor", address="10.0.0.1", **headers):
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post(LOGIN, data, REMOTE_ADDR=address, **headers)


@pytest.mark.django_db
def test_five_failures_lock_the_editor_out_even_with_the_right_password(client):
    make_editor(password=PASSWORD)
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert log_in(client, "wrong password").status_code == 200  # the form again, with its error
    assert log_in(client, "wrong password").status_code == 429
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_four_failures_do_not_lock_and_a_success_resets_the_count(client):
    make_editor(password=PASSWORD)
    for _ in range(4):
        log_in(client, "wrong password")
    response = log_in(client, PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"]
    assert not AccessAttempt.objects.filter(username="editor").exists()


@pytest.mark.django_db
def test_failures_for_one_username_lock_it_from_every_address(client):
    make_editor(password=PASSWORD)
    for attempt in range(5):
        log_in(client, "wrong password", address=f"10.0.0.{attempt + 1}")
    assert log_in(client, PASSWORD, address="10.0.0.9").status_code == 429


@pytest.mark.django_db
def test_failures_with_many_usernames_from_one_address_lock_that_address(client):
    make_editor(password=PASSWORD)
    for attempt in range(5):
        log_in(client, "wrong password", username=f"guess{attempt}")
    assert log_in(client, PASSWORD).status_code == 429
    assert log_in(client, PASSWORD, address="10.0.0.2").status_code == 302  # the editor at another address


@pytest.mark.django_db
def test_behind_the_proxy_the_forwarded_address_is_throttled_not_the_proxy(client, settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    make_editor(password=PASSWORD)
    proxy, attacker = "10.9.9.9", "203.0.113.5"
    statuses = [
        log_in(client, "wrong", username=f"guess{n}", address=proxy, HTTP_X_FORWARDED_FOR=attacker).status_code
        for n in range(12)
    ]
    assert statuses.count(429) == 8  # the fifth failure locks the attacker's address; every later try is refused
    # Another reader behind the same proxy logs in; a forged first entry does not move the attacker elsewhere.
    assert log_in(client, PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302
    forged = f"198.51.100.7, {attacker}"
    assert log_in(client, "wrong", username="x", address=proxy, HTTP_X_FORWARDED_FOR=forged).status_code == 429


@pytest.mark.django_db
def test_an_over_long_username_is_a_form_error_not_a_server_error(client):
    response = log_in(client, "wrong password", username="u" * 256)
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "u" * 255


@pytest.mark.django_db
def test_axes_reset_lifts_the_lock(client):
    make_editor(password=PASSWORD)
    for _ in range(5):
        log_in(client, "wrong password")
    call_command("axes_reset_username", "editor", verbosity=0)
    assert log_in(client, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_lock_lasts_an_hour(client):
    make_editor(password=PASSWORD)
    for _ in range(5):
        log_in(client, "wrong password")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=59))
    assert log_in(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=61))
    assert log_in(client, PASSWORD).status_code == 302
