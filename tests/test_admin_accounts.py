"""An editor's account from the command line: staff in the Editors group, never a superuser."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse


@pytest.mark.django_db
def test_create_editor_makes_a_staff_account_that_is_no_superuser_and_can_edit(report_data, client, monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "a long enough password 7")
    call_command("create_editor", "carol", email="carol@example.org", interactive=False, verbosity=0)
    carol = User.objects.get(username="carol")
    assert carol.is_staff and not carol.is_superuser and carol.email == "carol@example.org"
    assert list(carol.groups.values_list("name", flat=True)) == ["Editors"]
    assert client.login(username="carol", password="a long enough password 7")
    assert client.get(reverse("admin:initiatives_metric_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


@pytest.mark.django_db
def test_create_editor_refuses_an_existing_user_a_weak_password_or_none(report_data, monkeypatch):
    User.objects.create_user("dave")
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_editor", "dave", interactive=False, verbosity=0)
    monkeypatch.delenv("DJANGO_EDITOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DJANGO_EDITOR_PASSWORD"):
        call_command("create_editor", "erin", interactive=False, verbosity=0)
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "erin")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_editor", "erin", interactive=False, verbosity=0)
    assert not User.objects.filter(username="erin").exists()
