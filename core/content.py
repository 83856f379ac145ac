"""The QuerySet every content model's manager uses, so that no write can leave the page cache stale.

Saves and deletes move the content version on through model signals (core/page_cache.py). update(),
bulk_create() and bulk_update() send no signal, so they move it on here, in the same transaction as the write.
"""

from django.db import connections, models, router, transaction
from django.db.models import F, Func, IntegerField, Subquery

from core.models import ContentVersion


def current_version():
    # Read on every request the page cache answers, where building the query through the ORM cost more than a
    # cached page's other work: the one-row read as plain SQL, on the database the router reads content from.
    connection = connections[router.db_for_read(ContentVersion)]
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {table} WHERE id = %s", [1])
        row = cursor.fetchone()
    return (row[0] if row else None) or 0


def bump_version():
    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1})


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
                bump_version()
        return written


class SlugManager(models.Manager.from_queryset(ContentQuerySet)):
    """Fixtures refer to rows by slug, so reloading them updates instead of duplicating."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def count_subquery(queryset, distinct=None):
    """COUNT(*) of a correlated queryset, or COUNT(DISTINCT field), as a subquery (0 when no row matches)."""
    # COUNT(*), not COUNT(id): PostgreSQL then counts from the foreign key's index alone.
    if distinct:
        counted = Func(F(distinct), template="COUNT(DISTINCT %(expressions)s)", output_field=IntegerField())
    else:
        counted = Func(template="COUNT(*)", output_field=IntegerField())
    return Subquery(queryset.order_by().annotate(counted=counted).values("counted"), output_field=IntegerField())


def reads(*columns):
    """Names the columns a model property's code reads (`initiative__x` for `self.initiative.x`), where the
    property sits: what reads plain values instead of model instances (api.plain_rows) computes it from them."""

    def mark(function):
        function.reads = columns
        return function

    return mark
