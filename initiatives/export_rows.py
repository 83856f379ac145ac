"""The ready-made columns and rows of the lists several pages offer as downloads (written by exports.py): cities,
initiatives, figures and a measure's ranking. The figures download (FIGURE_COLUMNS) is in figure_rows.py."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from initiatives.exports import Column
from initiatives.links import Links
from initiatives.models import InitiativeCategory, Topic
from initiatives.rankings import with_ranks


def in_model_order(queryset):
    """The queryset in its explicit order, or else its model's: Django drops Meta.ordering once counts group rows."""
    return queryset if queryset.query.order_by else queryset.order_by(*queryset.model._meta.ordering)


def _page_links(request):
    if request is None:
        return None
    return Links(request)


CITY_COLUMNS = [
    Column("slug", _("Slug")),
    Column("name_zh", _("Name (Chinese)")),
    Column("name_en", _("Name (English)")),
    Column("province", _("Province (slug)")),
    Column("province_name_zh", _("Province (Chinese)"), "city__province__name_zh"),
    Column("province_name_en", _("Province (English)"), "city__province__name_en"),
    Column("level", _("Administrative level")),
    Column("innovation_models", _("Innovation model types")),
    Column("initiative_count", _("Initiatives")),
    Column("metric_count", _("Figures"), "export_metric_count"),
    Column("url", _("Permanent URL")),
]


def city_rows(queryset, request=None):
    """Rows of CITY_COLUMNS for these cities (a CityQuerySet): two queries, whatever their number."""
    links = _page_links(request)
    cities = in_model_order(queryset).with_counts().select_related("province").with_model_types()
    for city in cities:
        yield {
            "slug": city.slug,
            "name_zh": city.name_zh,
            "name_en": city.name_en,
            "province": city.province.slug,
            "province_name_zh": city.province.name_zh,
            "province_name_en": city.province.name_en,
            "level": city.level,
            "innovation_models": [model.slug for model in city.model_types],
            "initiative_count": city.initiative_count,
            "metric_count": city.metric_count,
            "url": links.page("city_detail", city.slug) if links else None,
        }


INITIATIVE_COLUMNS = [
    Column("id", _("ID"), "pk"),
    Column("city", _("City (slug)"), "city__slug"),
    Column("city_name_zh", _("City (Chinese)"), "city__name_zh"),
    Column("city_name_en", _("City (English)"), "city__name_en"),
    Column("province_name_zh", _("Province (Chinese)"), "city__province__name_zh"),
    Column("province_name_en", _("Province (English)"), "city__province__name_en"),
    Column("category", _("Category (slug)"), "category__slug"),
    Column("category_name_zh", _("Category (Chinese)"), "category__name_zh"),
    Column("category_name_en", _("Category (English)"), "category__name_en"),
    Column("additional_categories", _("Additional categories (slugs)")),
    Column("topics", _("Topics (slugs)")),
    Column("heading", _("Heading in the report"), "heading"),
    Column("title_zh", _("Title (Chinese)"), "title_zh"),
    Column("title_en", _("Title (English)"), "title_en"),
    Column("description_zh", _("Description (Chinese)"), "description_zh"),
    Column("description_en", _("Description (English)"), "description_en"),
    Column("sub_locality", _("Sub-locality"), "sub_locality"),
    Column("date", _("Date"), "date"),
    Column("date_precision", _("Date precision"), "date_precision"),
    Column("date_event", _("What happened on the date"), "date_event"),
    Column("metric_count", _("Figures"), "export_metric_count"),
    Column("source", _("Source (slug)"), "source__slug"),
    Column("report_section", _("Report section"), "report_section"),
    Column("report_paragraph", _("Report paragraph"), "report_paragraph"),
    Column("url", _("Permanent URL")),
]


# The columns a values_list() over the initiatives and their joined rows reads; the rest are added per row.
INITIATIVE_FIELDS = {column.key: column.read for column in INITIATIVE_COLUMNS if column.read}
CHUNK_SIZE = 2000


def chunks(rows, size):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def tag_slugs(model, related_name, initiative_ids):
    """{initiative id: [slug, …]} of a tag model (additional categories or topics), in the model's order."""
    slugs = {}
    pairs = model.objects.filter(**{f"{related_name}__in": initiative_ids}).values_list(related_name, "slug")
    for initiative_id, slug in pairs:
        slugs.setdefault(initiative_id, []).append(slug)
    return slugs


def initiative_rows(queryset, request=None):
    """Rows of INITIATIVE_COLUMNS, streamed: one query per 2,000 initiatives and two for their tags, read as plain
    values (no model instances: building them was most of a download's time)."""
    links = _page_links(request)
    keys = list(INITIATIVE_FIELDS)
    values = (
        in_model_order(queryset)
        .annotate(export_metric_count=Count("metrics"))
        .values_list(*INITIATIVE_FIELDS.values())
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for chunk in chunks(values, CHUNK_SIZE):
        ids = [row[0] for row in chunk]
        also = tag_slugs(InitiativeCategory, "additional_initiatives", ids)
        topics = tag_slugs(Topic, "initiatives", ids)
        for row in chunk:
            fields = dict(zip(keys, row, strict=True))
            pk = fields["id"]
            yield {
                **fields,
                "additional_categories": also.get(pk, []),
                "topics": topics.get(pk, []),
                "url": links.page("initiative_detail", pk) if links else None,
            }


METRIC_COLUMNS = [
    Column("id", _("ID")),
    Column("city", _("City (slug)")),
    Column("city_name_zh", _("City (Chinese)")),
    Column("city_name_en", _("City (English)")),
    Column("initiative_id", _("Initiative ID")),
    Column("initiative_title_zh", _("Initiative (Chinese)")),
    Column("initiative_title_en", _("Initiative (English)")),
    Column("label_zh", _("Label (Chinese)")),
    Column("label_en", _("Label (English)")),
    Column("value", _("Value")),
    Column("value_max", _("Upper value")),
    Column("unit", _("Unit")),
    Column("unit_en", _("Unit (English)")),
    Column("qualifier", _("Qualifier")),
    Column("second_qualifier", _("Second qualifier")),
    Column("as_of", _("As of")),
    Column("as_of_precision", _("As-of precision")),
    Column("period_start", _("Period from")),
    Column("period_precision", _("Period-start precision")),
    Column("period_end", _("Period to")),
    Column("basis", _("Basis")),
    Column("as_written", _("As the report writes it")),
    Column("time_as_written", _("Time as the report writes it")),
    Column("kind", _("Metric kind (slug)")),
    Column("kind_name_zh", _("Metric kind (Chinese)")),
    Column("kind_name_en", _("Metric kind (English)")),
    Column("source", _("Source (slug)")),
    Column("report_section", _("Report section")),
    Column("report_paragraph", _("Report paragraph")),
    Column("heading", _("Heading in the report")),
    Column("url", _("Permanent URL")),
]


def metric_rows(queryset, request=None):
    """Rows of METRIC_COLUMNS: one query, streamed, whatever the number of figures."""
    links = _page_links(request)
    for metric in queryset.select_related("initiative__city", "kind", "source").iterator(chunk_size=2000):
        yield metric_row(metric, links)


def metric_row(metric, links=None):
    initiative, kind = metric.initiative, metric.kind
    return {
        "id": metric.pk,
        "city": initiative.city.slug,
        "city_name_zh": initiative.city.name_zh,
        "city_name_en": initiative.city.name_en,
        "initiative_id": initiative.pk,
        "initiative_title_zh": initiative.title_zh,
        "initiative_title_en": initiative.title_en,
        "label_zh": metric.label_zh,
        "label_en": metric.label_en,
        "value": metric.value,
        "value_max": metric.value_max,
        "unit": metric.unit,
        "unit_en": metric.unit_en,
        "qualifier": metric.qualifier,
        "second_qualifier": metric.second_qualifier,
        "as_of": metric.as_of,
        "as_of_precision": metric.as_of_precision,
        "period_start": metric.period_start,
        "period_precision": metric.period_precision,
        "period_end": metric.period_end,
        "basis": metric.basis,
        "as_written": metric.as_written,
        "time_as_written": metric.time_as_written,
        "kind": kind.slug if kind else None,
        "kind_name_zh": kind.name_zh if kind else None,
        "kind_name_en": kind.name_en if kind else None,
        "source": metric.source.slug,
        "report_section": metric.cited_section,
        "report_paragraph": metric.cited_paragraph,
        "heading": initiative.heading,
        "url": links.page("initiative_detail", initiative.pk) if links else None,
    }


RANKING_COLUMNS = [Column("rank", _("Rank")), *METRIC_COLUMNS]


def ranking_rows(kind, metrics, request=None):
    """Rows of RANKING_COLUMNS for every figure of a kind in ranking order (rankings.ranked_figures), ranked as the
    page ranks them: one query, streamed."""
    links = _page_links(request)
    for rank, metric in with_ranks(metrics.iterator(chunk_size=2000)):
        metric.kind = kind  # known already: no query per row
        yield {"rank": rank, **metric_row(metric, links)}
