"""Login throttling (django-axes): the admin login locks a username at an address after 5 failures, for 1 hour."""

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


def log_in(client, password, username="editor", address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address)


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
def test_the_lock_is_per_username_and_address(client):
    make_editor(password=PASSWORD)
    for _ in range(5):
        log_in(client, "wrong password")
    assert log_in(client, PASSWORD, address="10.0.0.2").status_code == 302  # the editor at another address


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
