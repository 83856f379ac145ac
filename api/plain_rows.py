"""A list's results read as plain values: what each serializer's fields show, compiled once per view into the
columns they read (one `values_list()` query per relation the view prefetches) and a reader per field.

Through DRF, a page of 50 initiatives built about 460 model instances and ran each field's `get_attribute` and
`to_representation` (26 ms of a 28 ms request, SQL included). The serializers stay the API's declaration: the
OpenAPI document is generated from them, one object is still read through them, and each field's own
`to_representation` converts its value here too (None stays None, as DRF does). tests/test_api_plain_rows.py
keeps every list equal to what the serializers give for the same objects.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch
from django.db.models.constants import LOOKUP_SEP
from rest_framework import fields, serializers
from rest_framework.relations import ManyRelatedField, SlugRelatedField

from initiatives.links import NUMBER_STANDIN, SLUG_STANDIN

from .serializers import ApiUrlField, ListingUrlField

# Fields whose to_representation is str() or int() of a value the database already gives as one.
AS_READ = (fields.CharField, fields.SlugField, fields.IntegerField)


class Attributes:
    """Columns as attributes, `initiative__heading` as `.initiative.heading`: what a model property's code reads."""

    def __init__(self, **values):
        self.__dict__.update(values)


class Urls:
    """Each URL field's URL split once per request around a stand-in key, then joined around each row's key (the
    same string as `Links`, which reverses one template per URL name and replaces the stand-in in it)."""

    def __init__(self, links):
        self.links, self.parts = links, {}

    def of(self, field, key):
        parts = self.parts.get(field)
        if parts is None:
            standin = NUMBER_STANDIN if isinstance(key, int) else SLUG_STANDIN
            url = field.represent(self.links, standin)
            parts = self.parts[field] = () if url is None else url.split(str(standin))
        return str(key).join(parts) if parts else None


class Query:
    """The columns of one values_list() query, each read once however many fields show it, and the lists inside its
    rows that take a query each; `prefetched` holds the view's Prefetch querysets by the path they prefetch."""

    def __init__(self, prefetched=None):
        self.paths, self.relations, self.prefetched = [], [], prefetched or {}

    def add(self, path):
        if path not in self.paths:
            self.paths.append(path)
        return self.paths.index(path)


class Relation(Query):
    """A list inside each row (a reverse foreign key or a many-to-many): one more query for the whole page."""

    def __init__(self, queryset, lookup, key):
        super().__init__()
        self.queryset, self.lookup, self.key = queryset, lookup, key
        self.add(lookup)  # column 0: the row it belongs to
        self.read_row = None


class Reader:
    """The rows of one view's lists as the view's serializer shows them."""

    def __init__(self, view):
        queryset = view.get_queryset()
        prefetched = {
            lookup.prefetch_to: lookup.queryset
            for lookup in queryset._prefetch_related_lookups
            if isinstance(lookup, Prefetch) and lookup.queryset is not None
        }
        self.query = Query(prefetched)
        self.read_row = self.compile_serializer(view.get_serializer_class()(), queryset.model, "", self.query)

    def rows(self, queryset, links):
        """The serialized rows of `queryset` (a page: sliced, not yet read), with `links` for their URLs."""
        found = list(queryset.prefetch_related(None).values_list(*self.query.paths))
        return self.represent(found, self.query, self.read_row, Urls(links))

    def represent(self, found, query, read_row, urls):
        groups = {}
        for relation in query.relations:
            keys = {row[relation.key] for row in found} - {None}
            groups[relation] = self.related(relation, keys, urls) if keys else {}
        return [read_row(row, urls, groups) for row in found]

    def related(self, relation, keys, urls):
        found = list(relation.queryset.filter(**{f"{relation.lookup}__in": keys}).values_list(*relation.paths))
        by_key = {}
        for row, shown in zip(found, self.represent(found, relation, relation.read_row, urls), strict=True):
            by_key.setdefault(row[0], []).append(shown)
        return by_key

    # Compiling: every reader is called as reader(row, urls, groups).

    def compile_serializer(self, serializer, model, prefix, query):
        readers = [
            (name, self.compile_field(field, model, prefix, query))
            for name, field in serializer.fields.items()
            if not field.write_only
        ]

        def read(row, urls, groups):
            return {name: reader(row, urls, groups) for name, reader in readers}

        return read

    def compile_field(self, field, model, prefix, query):
        if isinstance(field, (serializers.ListSerializer, ManyRelatedField)):
            return self.compile_relation(field, model, prefix, query)
        if isinstance(field, serializers.BaseSerializer):
            return self.compile_nested(field, model, prefix, query)
        if isinstance(field, (ApiUrlField, ListingUrlField)):
            index = query.add(prefix + key_path(model, field.key))
            return lambda row, urls, groups: urls.of(field, row[index])
        path, model_property = field_path(model, field.source_attrs)
        if model_property is not None:
            return self.compile_property(field, model, prefix + path, model_property, query)
        index = query.add(prefix + path)
        if type(field) in AS_READ:
            return lambda row, urls, groups: row[index]
        convert = field.to_representation
        return lambda row, urls, groups: None if row[index] is None else convert(row[index])

    def compile_property(self, field, model, path, model_property, query):
        base = path.rpartition(LOOKUP_SEP)[0]
        base = base + LOOKUP_SEP if base else ""
        own, related = [], {}
        columns = getattr(model_property.fget, "reads", None)
        if columns is None:
            raise ImproperlyConfigured(f"{model.__name__}.{field.source} shows a property without @reads(...)")
        for name in columns:
            head, _, rest = name.partition(LOOKUP_SEP)
            if rest:
                related.setdefault(head, []).append((rest, query.add(base + name)))
            else:
                own.append((name, query.add(base + name)))
        related = list(related.items())
        compute, convert = model_property.fget, field.to_representation

        def read(row, urls, groups):
            values = {name: row[index] for name, index in own}
            for head, columns in related:
                values[head] = Attributes(**{name: row[index] for name, index in columns})
            value = compute(Attributes(**values))
            return None if value is None else convert(value)

        return read

    def compile_nested(self, serializer, model, prefix, query):
        if serializer.source == "*":
            return self.compile_serializer(serializer, model, prefix, query)
        path, related_model = relation_path(model, serializer.source_attrs)
        present = query.add(prefix + path)  # the foreign key: None where there is no related object
        read_object = self.compile_serializer(serializer, related_model, prefix + path + LOOKUP_SEP, query)
        return lambda row, urls, groups: None if row[present] is None else read_object(row, urls, groups)

    def compile_relation(self, field, model, prefix, query):
        (name,) = field.source_attrs
        model_field = model._meta.get_field(name)
        related_model = model_field.related_model
        if model_field.auto_created:  # reverse: the related model's foreign key or many-to-many names this one
            lookup = model_field.field.name
        else:
            lookup = model_field.related_query_name()
        queryset = query.prefetched.get(prefix + name)
        if queryset is None:
            queryset = related_model._default_manager.all()
        relation = Relation(queryset, lookup, query.add(prefix + model._meta.pk.name))
        if isinstance(field, serializers.ListSerializer):
            relation.read_row = self.compile_serializer(field.child, related_model, "", relation)
        else:
            child = field.child_relation
            if not isinstance(child, SlugRelatedField):
                raise TypeError(f"No plain reading of {type(child).__name__}")
            index = relation.add(child.slug_field)
            relation.read_row = lambda row, urls, groups: row[index]
        query.relations.append(relation)
        return lambda row, urls, groups: groups[relation].get(row[relation.key], [])


def key_path(model, key):
    return model._meta.pk.name if key == "pk" else key


def relation_path(model, attributes):
    """The lookup path of a chain of foreign keys (`city.province` → `city__province`) and the model it ends at."""
    for attribute in attributes:
        model_field = model._meta.get_field(attribute)
        if not (model_field.many_to_one or model_field.one_to_one) or model_field.auto_created:
            raise TypeError(f"{model.__name__}.{attribute} is not a foreign key")
        model = model_field.related_model
    return LOOKUP_SEP.join(attributes), model


def field_path(model, attributes):
    """(lookup path, None) of a column or annotation, or (path, property) of a model property the API shows."""
    *through, last = attributes
    path, model = relation_path(model, through)
    prefix = path + LOOKUP_SEP if path else ""
    model_property = getattr(model, last, None)
    if isinstance(model_property, property):
        return prefix + last, model_property
    return prefix + key_path(model, last), None


_readers = {}


def reader(view_class):
    """The Reader of a view class, compiled at its first list."""
    if view_class not in _readers:
        _readers[view_class] = Reader(view_class())
    return _readers[view_class]
