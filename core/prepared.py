"""Querysets of a fixed shape compiled to SQL once per process and database, then run with each request's values.

The ORM builds and compiles a queryset again on every request: for the small reads of one page (an initiative, its
figures, its tags, its city's other initiatives) that took ten to twenty times the SQL itself. A PreparedQuery
builds its queryset once with marker values in place of the request's (primary keys), keeps the SQL, its
parameters and how to turn rows into model instances (the same converters and select_related populators the ORM
uses), and per request only substitutes the values, runs the SQL and builds the rows: the same statement, the same
objects. docs/decisions/prepared-queries.md says why, and what a query must be to be prepared.
"""

from django.db import connections, router
from django.db.models.query import get_related_populators

# Values no primary key takes, within every backend's integer range: each stands for one of the request's values.
MARKERS = tuple(-1_000_000_001 - index for index in range(8))


class Compiled:
    """One queryset's SQL on one database, and what its rows become."""

    def __init__(self, queryset, alias, arity):
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        params = list(params)
        markers = MARKERS[:arity]
        if any(params.count(marker) != 1 for marker in markers):
            raise ValueError("every value must appear once among the query's parameters")
        self.sql, self.params = sql, params
        self.positions = [params.index(marker) for marker in markers]
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        self.converters = list(compiler.get_converters(fields).items())
        klass_info = compiler.klass_info
        self.model = klass_info["model"]
        select_fields = klass_info["select_fields"]
        self.start, self.end = select_fields[0], select_fields[-1] + 1
        self.init_list = [column[0].target.attname for column in compiler.select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, compiler.select, alias)

    def rows(self, connection, values):
        params = list(self.params)
        for position, value in zip(self.positions, values, strict=True):
            params[position] = value
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:  # as SQLCompiler.apply_converters
            converted = []
            for row in rows:
                row = list(row)
                for position, (convs, expression) in self.converters:
                    value = row[position]
                    for converter in convs:
                        value = converter(value, expression, connection)
                    row[position] = value
                converted.append(row)
            rows = converted
        return rows

    def objects(self, alias, rows):
        # As ModelIterable: the model's columns, then each select_related relation's.
        instances = []
        for row in rows:
            obj = self.model.from_db(alias, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            instances.append(obj)
        return instances


class PreparedQuery:
    """`build(*values)` gives the queryset; `objects(*values)` its model instances, as `list(build(*values))`.

    The values are integers (primary keys), each a parameter of the SQL once. A value outside the database's range
    for the model's primary key goes through the ORM, which answers it with no rows as before.
    """

    def __init__(self, model, build, arity=1):
        self.model, self.build, self.arity = model, build, arity
        self.compiled = {}

    def compiled_for(self, alias):
        if alias not in self.compiled:
            self.compiled[alias] = Compiled(self.build(*MARKERS[: self.arity]).using(alias), alias, self.arity)
        return self.compiled[alias]

    def objects(self, *values):
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        low, high = connection.ops.integer_field_range(self.model._meta.pk.get_internal_type())
        if not all(type(value) is int and low <= value <= high for value in values):
            return list(self.build(*values).using(alias))
        compiled = self.compiled_for(alias)
        return compiled.objects(alias, compiled.rows(connection, values))
