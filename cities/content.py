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
        return self._bumping(lambda: super(ContentQuerySet, self).update(**kwargs))

    def bulk_create(self, objs, *args, **kwargs):
        return self._bumping(lambda: super(ContentQuerySet, self).bulk_create(objs, *args, **kwargs))

    def bulk_update(self, objs, fields, *args, **kwargs):
        return self._bumping(lambda: super(ContentQuerySet, self).bulk_update(objs, fields, *args, **kwargs))

    def _bumping(self, write):
        """Run the write and, when it changed any row, move the content version on in the same transaction."""
        with transaction.atomic(using=self.db, savepoint=False):
            written = write()
            if written:
                _bump_version()
        return written
