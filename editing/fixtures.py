"""Write the database back to fixtures/ exactly as the transcribed fixtures are laid out.

Same files, same records in the same order, same fields in the same order, natural keys instead of ids,
decimals without trailing zeros, two-space indentation and Chinese unescaped: exporting a database
that nobody has edited reproduces fixtures/ byte for byte, so `git diff` shows only the editors' corrections.
"""

import datetime
import json
from decimal import Decimal

from cities.models import City, InnovationModel, Lesson, Province, Source
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind, Topic

# file, model: each model's PUBLISHED_FIELDS, in that order (reviewers and review times stay in the database).
LAYOUT = [
    ("sources.json", Source),
    ("provinces.json", Province),
    ("cities.json", City),
    ("categories.json", InitiativeCategory),
    ("topics.json", Topic),
    ("metric_kinds.json", MetricKind),
    ("innovation_models.json", InnovationModel),
    ("lessons.json", Lesson),
    ("initiatives.json", Initiative),
    ("metrics.json", Metric),
]

# What natural_key() reads, fetched with the rows instead of once per row.
RELATED = {
    City: (("province",), ()),
    InnovationModel: (("representative_city", "source"), ("cities",)),
    Lesson: (("source",), ("cities",)),
    Initiative: (("city", "category", "source"), Initiative.TAG_FIELDS),
    Metric: (("initiative__city", "kind", "source"), ()),
}


def plain_decimal(value):
    """75800.0000 → "75800", 77.1400 → "77.14", as the fixtures write numbers."""
    return f"{value.normalize():f}"


def fixture_value(obj, field, previous):
    if field.many_to_many:
        keys = [list(related.natural_key()) for related in getattr(obj, field.name).all()]
        # The database keeps no order for a many-to-many list: keep the file's when only the order differs.
        if previous is not None and sorted(previous) == sorted(keys):
            return previous
        return keys
    if field.is_relation:
        related = getattr(obj, field.name)
        return list(related.natural_key()) if related is not None else None
    value = getattr(obj, field.attname)
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def records(model, field_names, previous_records=()):
    """The model's rows as fixture records, in the model's own order."""
    fields = [model._meta.get_field(name) for name in field_names]
    select, prefetch = RELATED.get(model, ((), ()))
    previous_by_key = {json.dumps(natural_key_of(record, model)): record for record in previous_records}
    label = model._meta.label_lower
    result = []
    for obj in model.objects.select_related(*select).prefetch_related(*prefetch):
        previous = previous_by_key.get(json.dumps(list(obj.natural_key())), {}).get("fields", {})
        result.append(
            {
                "model": label,
                "fields": {field.name: fixture_value(obj, field, previous.get(field.name)) for field in fields},
            }
        )
    return result


def natural_key_of(record, model):
    """The natural key a fixture record stands for, as natural_key() would return it (as a list)."""
    fields = record.get("fields", {})
    if model is Initiative:
        return [*fields.get("city", []), fields.get("slug")]
    if model is Metric:
        return [*fields.get("initiative", []), fields.get("position")]
    return [fields.get("slug")]


def dumps(data):
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def read_records(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return []


def export(directory):
    """Write every fixture file into `directory`; returns {file name: number of records}."""
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, model in LAYOUT:
        path = directory / name
        data = records(model, model.PUBLISHED_FIELDS, read_records(path))
        path.write_text(dumps(data), encoding="utf-8")
        counts[name] = len(data)
    return counts
