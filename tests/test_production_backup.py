"""backup_data → restore_data into a new database gives back every row unchanged; restore refuses what it must."""

import gzip
import json
import uuid

import psycopg
import pytest
import reversion
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import CommandError, call_command
from django.db import connection

from cities.models import City
from initiatives.models import Metric
from tests.production import manage, printed, production_env, run_python, table_dumps
from votes.models import Vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied_data(report_data):
    """Rows in every kind of table the portal fills: content, votes, users and groups with permissions,
    a session, admin history and django-reversion's history."""
    editors = Group.objects.create(name="editors")
    editors.permissions.add(Permission.objects.get(codename="change_metric"))
    editor = User.objects.create_user("editor", "editor@example.org", "a long enough password 1")
    editor.groups.add(editors)
    editor.user_permissions.add(Permission.objects.get(codename="view_vote"))
    city = City.objects.get(slug="chaoyang")
    Vote.objects.create(city=city, voter_hash="f" * 64)  # created_at carries microseconds
    metric = Metric.objects.filter(initiative__city=city).first()
    LogEntry.objects.log_actions(editor.pk, [metric], ADDITION, change_message="checked", single_object=True)
    session = SessionStore()
    session["note"] = "kept"
    session.create()
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.set_comment("backup test")
        metric.label_en += " (checked)"
        metric.save()
    return editor


def new_database_url(tmp_path):
    """A database URL for an empty database of the same engine as this run's; PostgreSQL gets a new database."""
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", None
    name = f"test_restore_{uuid.uuid4().hex[:12]}"
    params = connection.get_connection_params()
    admin = {key: params[key] for key in ("host", "port", "user", "password") if params.get(key)}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"

    def drop():
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url, drop


DUMP_TABLES = (
    "import django, json; django.setup(); from tests.production import table_dumps;"
    "print('DUMP', json.dumps(table_dumps()))"
)


def test_backup_then_restore_into_a_new_database_changes_nothing(varied_data, tmp_path):
    backup = tmp_path / "portal.json.gz"
    call_command("backup_data", str(backup), verbosity=0)
    original = table_dumps()
    assert json.loads(original["votes.Vote"])[0]["fields"]["created_at"]  # the tables compared are not empty
    url, drop = new_database_url(tmp_path)
    try:
        env = production_env(DATABASE_URL=url)
        assert manage("migrate", "--noinput", "-v0", env=env).returncode == 0
        restored = manage("restore_data", str(backup), env=env)
        assert restored.returncode == 0, restored.stderr
        dumped = run_python(DUMP_TABLES, env=env)
        assert dumped.returncode == 0, dumped.stderr
        (copy,) = [json.loads(line.removeprefix("DUMP ")) for line in printed(dumped)]
        assert copy.keys() == original.keys()
        for table, rows in original.items():
            assert copy[table] == rows, f"{table} differs after the round trip"
        # New rows get new ids: the sequences were moved past the restored ones.
        added = run_python(
            "import django; django.setup(); from cities.models import City; from votes.models import Vote;"
            "print(Vote.objects.create(city=City.objects.first(), voter_hash='e' * 64).pk)",
            env=env,
        )
        assert added.returncode == 0, added.stderr
        assert int(printed(added)[0]) > Vote.objects.order_by("-pk").first().pk
    finally:
        if drop:
            drop()


def test_the_backup_is_one_gzipped_json_file_with_its_schema(varied_data, tmp_path):
    backup = tmp_path / "portal.json.gz"
    call_command("backup_data", str(backup), verbosity=0)
    with gzip.open(backup, "rt", encoding="utf-8") as stream:
        content = json.load(stream)
    assert content["format"] == "credit-portal-backup"
    assert "cities.0001_initial" in content["migrations"]
    models = {row["model"] for row in content["objects"]}
    assert {"cities.city", "initiatives.metric", "votes.vote", "auth.user", "auth.group", "admin.logentry"} <= models
    assert {"sessions.session", "reversion.revision", "reversion.version"} <= models
    # Rebuilt by migrate, referred to by natural key.
    assert not models & {"contenttypes.contenttype", "auth.permission"}
    group = next(row for row in content["objects"] if row["model"] == "auth.group")
    assert group["fields"]["permissions"] == [["change_metric", "initiatives", "metric"]]


def test_restore_refuses_a_database_that_holds_data(varied_data, tmp_path):
    backup = tmp_path / "portal.json.gz"
    call_command("backup_data", str(backup), verbosity=0)
    before = table_dumps()
    with pytest.raises(CommandError, match="holds data"):
        call_command("restore_data", str(backup), verbosity=0)
    assert table_dumps() == before


def test_backup_does_not_overwrite_a_file_unless_forced(report_data, tmp_path):
    backup = tmp_path / "portal.json.gz"
    backup.write_text("precious")
    with pytest.raises(CommandError, match="exists"):
        call_command("backup_data", str(backup), verbosity=0)
    assert backup.read_text() == "precious"
    call_command("backup_data", str(backup), force=True, verbosity=0)
    assert gzip.open(backup).read(10)


def test_restore_rejects_a_file_that_is_not_a_backup(tmp_path):
    other = tmp_path / "notes.json.gz"
    other.write_bytes(b"not gzip at all")
    with pytest.raises(CommandError, match="not a portal backup"):
        call_command("restore_data", str(other), verbosity=0)
    with gzip.open(other, "wt") as stream:
        json.dump([{"model": "cities.city", "pk": 1, "fields": {}}], stream)
    with pytest.raises(CommandError, match="not a portal backup"):
        call_command("restore_data", str(other), verbosity=0)


def test_a_broken_backup_restores_nothing(varied_data, tmp_path):
    """All or nothing: one row that cannot be loaded (a figure of an unknown initiative) leaves the database empty."""
    backup = tmp_path / "portal.json.gz"
    call_command("backup_data", str(backup), verbosity=0)
    with gzip.open(backup, "rt", encoding="utf-8") as stream:
        content = json.load(stream)
    metric = next(row for row in content["objects"] if row["model"] == "initiatives.metric")
    metric["fields"]["initiative"] = ["no-such-city", "no-such-initiative"]
    broken = tmp_path / "broken.json.gz"
    with gzip.open(broken, "wt", encoding="utf-8") as stream:
        json.dump(content, stream)

    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert manage("migrate", "--noinput", "-v0", env=env).returncode == 0
    result = manage("restore_data", str(broken), env=env)
    assert result.returncode != 0
    assert "nothing was restored" in result.stderr
    counts = run_python(
        "import django; django.setup(); from cities.models import City; from django.contrib.auth.models import User;"
        "print(City.objects.count(), User.objects.count())",
        env=env,
    )
    assert printed(counts) == ["0 0"]


def test_restore_into_a_database_without_tables_asks_for_migrate(report_data, tmp_path):
    backup = tmp_path / "portal.json.gz"
    call_command("backup_data", str(backup), verbosity=0)
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'blank.sqlite3'}")
    result = manage("restore_data", str(backup), env=env)
    assert result.returncode != 0
    assert "manage.py migrate" in result.stderr


def test_backup_creates_its_folder(report_data, tmp_path):
    backup = tmp_path / "backups" / "2026" / "portal.json.gz"
    call_command("backup_data", str(backup), verbosity=0)
    assert gzip.open(backup).read(10)
