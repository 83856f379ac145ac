"""Generated data on top of the report's, to measure pages at the size of every city in China.

Generated rows are marked by their slugs (provinces and cities start with ``gen-``), so they can be
removed without touching the report's data.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from cities.models import City, InnovationModel, Lesson, Province, Source
from core import page_cache
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind, Topic

GENERATED_PREFIX = "gen-"
PROVINCE_COUNT = 27  # 34 provincial-level divisions in China, 7 of them in the report

SYLLABLES = "安寧興華德昌平和康泰豐遠明陽嘉祥雲山海河江湖東西南北新城鎮州縣"
PHRASES = [
    "建立健全信用承諾制度，推動守信激勵和失信約束",
    "歸集共享公共信用信息，完善企業信用畫像",
    "拓展信易貸應用場景，緩解中小微企業融資難題",
    "推行專項信用報告替代無違法違規證明",
    "優化信用修復流程，壓縮辦理時限",
    "開展分級分類監管，減少對守信企業的干擾",
    "打造信用應用場景，讓守信者處處受益",
    "推進跨區域信用協同，實現信用報告互認",
]
UNITS = [("家", "enterprises"), ("條", "records"), ("元", "yuan"), ("戶", "households"), ("個", "items"), ("%", "%")]


def _name(rng, length):
    return "".join(rng.choice(SYLLABLES) for _ in range(length))


def _description(rng):
    return "；".join(rng.sample(PHRASES, 3)) + "。"


def _searchable(rows):
    """The rows with their search columns filled, as a save would (bulk inserts do not call save)."""
    rows = list(rows)
    for row in rows:
        row.refresh_search_columns()
    return rows


@transaction.atomic
def generate(cities=100, initiatives_per_city=10, metrics_per_initiative=3, seed=1, batch_size=5000, progress=None):
    """Add `cities` generated cities with their initiatives and figures; returns the counts added.

    Cities are written in chunks so memory stays flat at any size.
    """
    rng = random.Random(seed)
    categories = list(InitiativeCategory.objects.all())
    kinds = list(MetricKind.objects.all())
    topics = list(Topic.objects.all())
    source = Source.objects.first()
    if not categories or source is None:
        raise ValueError("Load the report's data first: generated rows reuse its categories and metric kinds.")

    provinces = _generated_provinces(rng) + list(Province.objects.exclude(slug__startswith=GENERATED_PREFIX))
    start = City.objects.filter(slug__startswith=GENERATED_PREFIX).count()
    chunk = max(1, batch_size // max(1, initiatives_per_city))
    counts = {"cities": 0, "initiatives": 0, "metrics": 0}
    for first in range(start + 1, start + cities + 1, chunk):
        numbers = range(first, min(first + chunk, start + cities + 1))
        new_cities = City.objects.bulk_create(_searchable(_city(rng, n, provinces) for n in numbers))
        initiatives = Initiative.objects.bulk_create(
            _searchable(
                _initiative(rng, city, n, categories, source)
                for city in new_cities
                for n in range(1, initiatives_per_city + 1)
            ),
            batch_size=batch_size,
        )
        _tag(initiatives, topics)
        metrics = _searchable(
            _metric(rng, initiative, position, kinds)
            for initiative in initiatives
            for position in range(1, metrics_per_initiative + 1)
        )
        Metric.objects.bulk_create(metrics, batch_size=batch_size)
        counts["cities"] += len(new_cities)
        counts["initiatives"] += len(initiatives)
        counts["metrics"] += len(metrics)
        if progress:
            progress(counts)
    return counts


def _tag(initiatives, topics):
    """One topic each, as many of the report's initiatives have (their search columns, filled before, lack its
    name: generated rows measure speed, not what a search finds)."""
    if topics:
        Initiative.topics.through.objects.bulk_create(
            Initiative.topics.through(initiative_id=initiative.pk, topic_id=topics[initiative.order % len(topics)].pk)
            for initiative in initiatives
        )


def _generated_provinces(rng):
    existing = list(Province.objects.filter(slug__startswith=GENERATED_PREFIX))
    return existing + Province.objects.bulk_create(
        Province(
            slug=f"{GENERATED_PREFIX}province-{n:02d}",
            name_zh=f"{_name(rng, 2)}省",
            name_en=f"Generated Province {n}",
            kind=Province.Kind.PROVINCE,
            order=100 + n,
        )
        for n in range(len(existing) + 1, PROVINCE_COUNT + 1)
    )


def _city(rng, n, provinces):
    levels = [choice for choice, _ in City.Level.choices]
    return City(
        province=provinces[n % len(provinces)],
        slug=f"{GENERATED_PREFIX}city-{n:05d}",
        name_zh=f"{_name(rng, 2)}市",
        name_en=f"Generated City {n}",
        level=levels[n % len(levels)],
        summary_zh=_description(rng),
        summary_en="A generated city for measuring the portal at national scale.",
        order=1000 + n,
    )


def _initiative(rng, city, n, categories, source):
    category = categories[(n - 1) % len(categories)]
    dated = rng.random() < 0.3
    return Initiative(
        city=city,
        category=category,
        slug=f"generated-{n:04d}",
        order=n,
        heading=f"{category.name_zh}方面",
        title_zh=f"{_name(rng, 4)}信用工程",
        title_en=f"Generated programme {n}",
        description_zh=_description(rng),
        description_en="A generated programme with realistic text length for performance measurements.",
        date=datetime.date(rng.randint(2015, 2025), rng.randint(1, 12), 1) if dated else None,
        date_precision="month" if dated else "",
        date_event=Initiative.DateEvent.STARTED if dated else "",
        source=source,
        report_section="generated",
        report_paragraph=n,
    )


def _metric(rng, initiative, position, kinds):
    # Generated figures belong to a measure, every measure in turn across the cities (the report's own figures
    # include those of no measure): each measure's ranking then runs over several pages.
    turn = initiative.city.order + initiative.order + position
    kind = kinds[turn % len(kinds)] if kinds else None
    unit, unit_en = (kind.unit, kind.unit_en) if kind else UNITS[rng.randrange(len(UNITS))]
    value = Decimal(rng.randint(1, 100)) if unit == "%" else Decimal(rng.randint(1, 5_000_000))
    year = rng.randint(2020, 2025)
    return Metric(
        initiative=initiative,
        position=position,
        label_zh=f"{_name(rng, 2)}數量",
        label_en="Generated figure",
        value=value,
        unit=unit,
        unit_en=unit_en,
        qualifier=rng.choice(["exact", "exact", "over", "about", "more_than"]),
        as_written=f"{value}{unit}",
        as_of=datetime.date(year, rng.randint(1, 12), 1),
        as_of_precision="month",
        time_as_written=f"截至{year}年",
        basis=kind.basis if kind else "stock",
        kind=kind,
        source_id=initiative.source_id,
    )


@transaction.atomic
def remove():
    """Delete every generated row, and only those; returns how many rows were deleted.

    Generated rows have no history and nothing of the report's points at them, so each table's are deleted in one
    statement: deleting row by row sends a signal per row, 1.2 million at 300,000 initiatives. The content version
    (the page cache's key) moves on once, in the same transaction.
    """
    cities = City.objects.filter(slug__startswith=GENERATED_PREFIX)
    # Readers' votes, reached through City.votes: the votes app builds on this one, which does not import it.
    votes = City._meta.get_field("votes").related_model
    deleted = votes.objects.filter(city__in=cities).delete()[0]
    for through in (InnovationModel.cities.through, Lesson.cities.through):
        deleted += through.objects.filter(city__in=cities).delete()[0]
    for through in (Initiative.topics.through, Initiative.additional_categories.through):
        deleted += through.objects.filter(initiative__city__in=cities).delete()[0]
    for rows in (
        Metric.objects.filter(initiative__city__in=cities),
        Initiative.objects.filter(city__in=cities),
        cities,
        Province.objects.filter(slug__startswith=GENERATED_PREFIX),
    ):
        deleted += rows._raw_delete(rows.db)
    page_cache.bump_version()
    return deleted
