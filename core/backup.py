"""The whole database in one gzip'd JSON file, and back (manage.py backup_data / restore_data).

The file holds every row of every model (content, history, votes, users, groups, sessions), primary keys
included so that URLs stay the same, with references to content types and permissions written by natural key:
those two tables are rebuilt by `migrate`, with ids of their own, in the database restored into.
"""

import datetime as dt
import gzip
import json
import os
import tempfile
from datetime import UTC, datetime

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "credit-portal-backup"
VERSION = 1
# Rebuilt by `migrate` in every database; everything that refers to them does so by natural key.
REBUILT_BY_MIGRATE = {ContentType, Permission}
# Not data: the page cache's version counter moves on with every change, restores included; the facet rows
# follow the initiatives by their triggers.
DERIVED_MODELS = {"core.ContentVersion", "initiatives.FacetRow"}


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a backup keeps the microseconds."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup that cannot be written or restored, with a message for the operator."""


def backed_up_models():
    """Every model with a table of its own, parents before children (as dumpdata orders them)."""
    app_list = [(config, None) for config in apps.get_app_configs() if config.models_module is not None]
    return [
        model
        for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if not model._meta.proxy
        and model._meta.managed
        and model not in REBUILT_BY_MIGRATE
        and model._meta.label not in DERIVED_MODELS
    ]


def applied_migrations(using):
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connections[using]).applied_migrations())


def write_backup(path, using="default"):
    """Write the database to `path` (replaced only once complete). Returns the number of rows written."""
    models = backed_up_models()
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".backup-", suffix=".json.gz", dir=directory)
    os.close(handle)
    counter = {"rows": 0}

    def rows():
        for model in models:
            for obj in model._base_manager.using(using).order_by(model._meta.pk.name).iterator():
                counter["rows"] += 1
                yield obj

    connection = connections[using]
    first_in_transaction = not connection.in_atomic_block
    try:
        # One snapshot: rows written while the backup runs are either all in it or not at all.
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql" and first_in_transaction:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            header = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "database_vendor": connection.vendor,
                "migrations": applied_migrations(using),
            }
            with gzip.open(temporary, "wt", encoding="utf-8") as stream:
                stream.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "objects": ')
                serializers.serialize(
                    "json", rows(), stream=stream, use_natural_foreign_keys=True, cls=ExactJSONEncoder
                )
                stream.write("}\n")
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return counter["rows"]


def read_backup(path):
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            backup = json.load(stream)
    except FileNotFoundError as error:
        raise BackupError(f"No such file: {path}") from error
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} is not a portal backup (a gzip'd JSON file from backup_data): {error}") from error
    if not isinstance(backup, dict) or backup.get("format") != FORMAT:
        raise BackupError(f"{path} is not a portal backup (a gzip'd JSON file from backup_data).")
    if backup.get("version") != VERSION:
        raise BackupError(f"{path} is a backup of format version {backup.get('version')}; this portal reads {VERSION}.")
    return backup


def check_schema(backup, using):
    connection = connections[using]
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise BackupError(
            f"The database is not migrated ({len(pending)} migrations to apply): run `manage.py migrate` first."
        )
    missing = sorted(set(backup["migrations"]) - set(applied_migrations(using)))
    if missing:
        raise BackupError(
            "The backup was made by a newer version of the portal; its schema has migrations this one lacks: "
            + ", ".join(missing[:10])
            + (" …" if len(missing) > 10 else "")
        )


def non_empty_tables(using):
    return [model._meta.db_table for model in backed_up_models() if model._base_manager.using(using).exists()]


def restore_backup(path, using="default"):
    """Load a backup into an empty, migrated database, all or nothing. Returns the number of rows loaded."""
    backup = read_backup(path)
    check_schema(backup, using)
    with tempfile.TemporaryDirectory() as directory:
        # loaddata resolves natural keys and forward references, checks constraints and resets sequences.
        fixture = os.path.join(directory, "backup.json")
        with open(fixture, "w", encoding="utf-8") as stream:
            json.dump(backup["objects"], stream, ensure_ascii=False)
        with transaction.atomic(using=using):
            occupied = non_empty_tables(using)
            if occupied:
                raise BackupError(
                    "Refusing to restore into a database that holds data (tables: "
                    + ", ".join(occupied[:8])
                    + (" …" if len(occupied) > 8 else "")
                    + "). Restore into a new, migrated, empty database."
                )
            try:
                call_command("loaddata", fixture, database=using, verbosity=0)
            except Exception as error:
                raise BackupError(f"The backup could not be loaded, so nothing was restored: {error}") from error
    return len(backup["objects"])
