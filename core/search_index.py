"""The normalised search columns: what a row can be found by, in one form for every way of writing it.

A text and a query are normalised the same way, character by character: NFKC (full-width ｃｈａｏ and
half-width chao agree), lower case, Traditional → Simplified (朝陽 and 朝阳 agree; converting the other way
is ambiguous), without spaces, quotation marks, brackets or dashes. City and province names are also stored in pinyin
(朝陽區 → chaoyangqu). Each row keeps two columns: `search_name` (its names) ranks name matches first;
`search_text` (names and texts) is what the search filters on.
"""

import unicodedata
from functools import lru_cache

from django.apps import apps
from django.db import models
from django.db.models.lookups import Contains
from django.utils.translation import gettext_lazy as _

from core.localization import to_simplified

# Separates the parts of a column; a normalised query never contains it, so no match spans two fields.
PART_SEPARATOR = "\n"
# Quotation marks, brackets and dashes carry no meaning for a search: “無事不擾”企業 is found by 無事不擾企業,
# and no-disturbance by "no disturbance".
IGNORED_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Pi", "Pf", "Ps", "Pe", "Pd"}
IGNORED_CHARACTERS = {'"', "'", "`"}


@lru_cache(maxsize=8192)
def normalize_character(character):
    """One character of a text as the search sees it: '' for spaces and quotes, else NFKC, lower, Simplified."""
    folded = unicodedata.normalize("NFKC", character).lower()
    kept = "".join(
        c for c in folded if c not in IGNORED_CHARACTERS and unicodedata.category(c) not in IGNORED_CATEGORIES
    )
    if not kept or kept.isascii():
        return kept
    return to_simplified(kept)


def normalize_with_positions(text):
    """The normalised text and, for each of its characters, the index of the original character it came from."""
    normalized = []
    positions = []
    for index, character in enumerate(text or ""):
        for folded in normalize_character(character):
            normalized.append(folded)
            positions.append(index)
    return "".join(normalized), positions


def normalize(text):
    return "".join(normalize_character(character) for character in text or "")


@lru_cache(maxsize=4096)
def pinyin(text):
    """A Chinese name in toneless pinyin without spaces: 朝陽區 → chaoyangqu (words read as phrases)."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text or "")).lower()


@lru_cache(maxsize=4096)
def pinyin_syllables(text):
    """One item per character: the pinyin of a Chinese character, any other character as it is."""
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(text or "", errors=lambda run: list(run)))


def resolve(obj, dotted):
    for attribute in dotted.split("."):
        obj = getattr(obj, attribute, None)
        if obj is None:
            return None
    return obj


class SearchIndexed(models.Model):
    """Adds the two search columns, filled on every save from the fields a model names.

    A model declares `search_name_fields` (names, shown first in results), `search_text_fields` (descriptions),
    `search_pinyin_fields` (Chinese names also stored in pinyin), `search_related` (dotted paths to rows whose
    names it is found by too, e.g. an initiative by its city's names) and `search_m2m` (many-to-many fields whose
    rows' names it is found by, e.g. an initiative by its topics'; read once the row has a primary key, so whoever
    changes the list reindexes the row, see initiatives/models/topics.py).
    """

    search_name_fields: tuple = ()
    search_text_fields: tuple = ()
    search_pinyin_fields: tuple = ()
    search_related: tuple = ()
    search_m2m: tuple = ()
    # (model label, lookup) of rows that are found by this row's names and must follow a rename.
    search_dependents: tuple = ()

    search_name = models.TextField(_("names, normalised for search"), blank=True, default="", editable=False)
    search_text = models.TextField(_("text, normalised for search"), blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def search_columns(self):
        """(search_name, search_text) for the row as it is now."""
        names = [getattr(self, field) for field in self.search_name_fields]
        names += [pinyin(getattr(self, field)) for field in self.search_pinyin_fields]
        name_parts = _unique(normalize(part) for part in names)
        related_parts = []
        for path in self.search_related:
            related = resolve(self, path)
            if related is not None:
                related_parts.extend(related.search_columns()[0].split(PART_SEPARATOR))
        for name in self.search_m2m if self.pk else ():
            for related in getattr(self, name).all():
                related_parts.extend(related.search_columns()[0].split(PART_SEPARATOR))
        texts = [getattr(self, field) for field in self.search_text_fields]
        text_parts = _unique([*name_parts, *(normalize(part) for part in texts), *related_parts])
        return PART_SEPARATOR.join(name_parts), PART_SEPARATOR.join(text_parts)

    def refresh_search_columns(self):
        self.search_name, self.search_text = self.search_columns()

    def save(self, *args, **kwargs):
        self.refresh_search_columns()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_name", "search_text"}
        super().save(*args, **kwargs)
        for label, lookup in self.search_dependents:
            reindex(apps.get_model(label).objects.filter(**{lookup: self}))


def reindex(queryset, batch_size=500):
    """Recompute the search columns of the rows of `queryset` in batches, without save(); returns the count."""
    model = queryset.model
    related = [path.replace(".", "__") for path in model.search_related]
    queryset = queryset.select_related(*related).prefetch_related(*model.search_m2m).order_by("pk")
    count = 0
    batch = []
    for row in queryset.iterator(chunk_size=batch_size):
        name, text = row.search_columns()
        if (name, text) != (row.search_name, row.search_text):
            row.search_name, row.search_text = name, text
            batch.append(row)
        count += 1
        if len(batch) >= batch_size:
            model.objects.bulk_update(batch, ["search_name", "search_text"])
            batch = []
    if batch:
        model.objects.bulk_update(batch, ["search_name", "search_text"])
    return count


def _unique(parts):
    seen = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return seen


# The search column's character pairs on PostgreSQL (migration initiatives 0004): a trigram index cannot serve a
# two-character query such as 信用, the commonest length of a Chinese word, so the largest tables also keep the set
# of adjacent character pairs of their search text in a generated column, `search_pairs`, with a GIN index. The
# column is the database's own (Django neither reads nor writes it). A one-character query uses the set of the
# text's characters, `search_characters` (migration initiatives 0010), the same way.
PAIRS_COLUMN = "search_pairs"
CHARACTERS_COLUMN = "search_characters"


@models.TextField.register_lookup
class SearchContains(Contains):
    """`search_text__search_contains=needle`: `contains`, served by the pairs index where the table has one."""

    lookup_name = "search_contains"

    def get_rhs_op(self, connection, rhs):
        # The backends' operator tables know `contains`, not this name.
        if self.rhs_is_direct_value() and not self.bilateral_transforms:
            return connection.operators["contains"] % rhs
        return connection.pattern_ops["contains"].format(connection.pattern_esc).format(rhs)

    def as_postgresql(self, compiler, connection):
        sql, params = super().as_sql(compiler, connection)
        target = getattr(self.lhs, "target", None)
        model = getattr(target, "model", None)
        if not getattr(model, "search_bigram_index", False) or not isinstance(self.rhs, str):
            return sql, params
        column = {1: CHARACTERS_COLUMN, 2: PAIRS_COLUMN}.get(len(self.rhs))
        if column is None:
            return sql, params
        indexed = f"{compiler.quote_name_unless_alias(self.lhs.alias)}.{connection.ops.quote_name(column)}"
        return f"({indexed} @> ARRAY[%s]::text[] AND {sql})", [self.rhs, *params]
