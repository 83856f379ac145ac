"""Send reads of the portal's content to the read replica (DATABASE_REPLICA_URL), everything else to the primary.

Only content (cities, initiatives) is read from the replica: it changes rarely, so replication lag is harmless.
Votes (a reader expects to see their own at once), sessions, users and admin history stay on the primary, and so
does every read inside a transaction on the primary: an editor's save is never followed by a stale read.
"""

from django.db import connections

PRIMARY = "default"
REPLICA = "replica"
# core: the content version, read with the content it versions.
REPLICA_APPS = {"core", "cities", "initiatives"}
PRIMARY_ONLY_MODELS = {"votes.vote", "votes.ratecount"}


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            model._meta.app_label in REPLICA_APPS
            and model._meta.label_lower not in PRIMARY_ONLY_MODELS
            and not connections[PRIMARY].in_atomic_block
        ):
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY
