"""The rows of the search downloads: every match of a kind, unhighlighted, in the figure downloads' columns."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.localization import localized
from initiatives import export_rows, exports

# A figure's columns as the figure downloads have them (export_rows.METRIC_COLUMNS), in their order.
FIGURE_KEYS = (
    "initiative_id",
    "value",
    "value_max",
    "unit",
    "unit_en",
    "qualifier",
    "as_of",
    "as_of_precision",
    "as_written",
    "time_as_written",
)

DOWNLOAD_COLUMNS = [
    exports.Column("kind", _("Kind of result (slug)")),
    exports.Column("kind_name", _("Kind of result")),
    exports.Column("id", _("ID")),
    exports.Column("slug", _("Slug")),
    exports.Column("title", _("Name or title")),
    exports.Column("title_zh", _("Name or title (Chinese)")),
    exports.Column("city", _("City (slug)")),
    exports.Column("city_name", _("City")),
    exports.Column("province_name", _("Province")),
    *[column for column in export_rows.METRIC_COLUMNS if column.key in FIGURE_KEYS],
    exports.Column("url", _("Permanent URL")),
]


def _named_row(obj, field_name, url):
    """What every kind of result but figures has: its slug, its name in the reader's language and in Chinese, its
    absolute URL."""
    return {
        "slug": obj.slug,
        "title": localized(obj, field_name),
        "title_zh": getattr(obj, f"{field_name}_zh"),
        "url": url,
    }


def _place(city=None, province=None):
    province = province or (city.province if city else None)
    return {
        "city": city.slug if city else None,
        "city_name": localized(city, "name") if city else None,
        "province_name": localized(province, "name") if province else None,
    }


def city_row(city, links):
    return {**_named_row(city, "name", links.page("city_detail", city.slug)), **_place(city)}


def province_row(province, links):
    return {**_named_row(province, "name", links.page("province_detail", province.slug)), **_place(province=province)}


def initiative_row(initiative, links):
    url = links.page("initiative_detail", initiative.pk)
    return {"id": initiative.pk, **_named_row(initiative, "title", url), **_place(initiative.city)}


def metric_row(metric, links):
    """A figure's columns as the figure downloads write them (export_rows.metric_row), with the name and place the other
    kinds have."""
    published = export_rows.metric_row(metric, links)
    return {
        "id": metric.pk,
        "title": localized(metric, "label"),
        "title_zh": metric.label_zh,
        **_place(metric.initiative.city),
        **{key: published[key] for key in FIGURE_KEYS},
        "url": published["url"],
    }


def category_row(category, links):
    return _named_row(category, "name", links.page("category_detail", category.slug))


def topic_row(topic, links):
    return _named_row(topic, "name", links.page("topic_detail", topic.slug))


def metric_kind_row(kind, links):
    return _named_row(kind, "name", links.page("metric_kind_detail", kind.slug))


def innovation_model_row(model, links):
    return {
        **_named_row(model, "name", links.page("innovation_model_detail", model.slug)),
        **_place(model.representative_city),
    }


def lesson_row(lesson, links):
    # A lesson has no page of its own: it is a section of the lessons page.
    return _named_row(lesson, "title", f"{links.base}{reverse('lesson_list')}#lesson-{lesson.slug}")
