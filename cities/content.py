"""The QuerySet every content model's manager uses, so that no write can leave the page cache stale.

Saves and deletes move the content version on through model signals (credit_portal/page_cache.py). update(),
bulk_create() and bulk_update() send no signal, so they move it on here, in the same transaction as the write.
"""

from django.db import models, transaction


def _bump_version():
    from credit_portal.page_cache import bump_version

    bump_version()


class ContentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        with transaction.atomic(using=self.db, savepoint=False):
            rows = super().update(**kwargs)
            if rows:
                _bump_version()
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            if created:
                _bump_version()
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        with transaction.atomic(using=self.db, savepoint=False):
            rows = super().bulk_update(objs, fields, *args, **kwargs)
            if rows:
                _bump_version()
        return rows
