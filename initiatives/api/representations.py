"""How each object reads in the API: plain dicts with stable snake_case keys.

Figures are exact: a value is a decimal string ("75800", "77.14"), never a float. Dates are ISO 8601 with their
precision beside them (a month is stored as its first day). Field names never change with the reader's language:
both the Chinese (`*_zh`, as the report writes it, Traditional) and English (`*_en`) texts are given.
"""

from django.urls import NoReverseMatch, reverse

from initiatives.display import machine_number

# Stand-ins reversed once per request and replaced per object: reverse() for every row of a 500-row page is slow.
SLUG_STANDIN = "__key__"
NUMBER_STANDIN = 9090909090909


class Links:
    """Absolute URLs of API resources and portal pages, built from one reversed template per URL name."""

    def __init__(self, request):
        self.base = f"{request.scheme}://{request.get_host()}"
        self._templates = {}

    def _template(self, name, standin):
        if name not in self._templates:
            try:
                self._templates[name] = (reverse(name, args=[standin]), str(standin))
            except NoReverseMatch:
                self._templates[name] = None
        return self._templates[name]

    def detail(self, name, key):
        path, standin = self._template(f"api:{name}", SLUG_STANDIN)
        return self.base + path.replace(standin, str(key))

    def listing(self, name, **filters):
        url = self.base + reverse(f"api:{name}")
        if filters:
            url += "?" + "&".join(f"{key}={value}" for key, value in filters.items())
        return url

    def page(self, name, key):
        """The portal's HTML page for an object, or None where this deployment has no such page."""
        template = self._template(name, NUMBER_STANDIN if isinstance(key, int) else SLUG_STANDIN)
        if template is None:
            return None
        path, standin = template
        return self.base + path.replace(standin, str(key))


def number(value):
    return machine_number(value) if value is not None else None


def iso(date):
    return date.isoformat() if date else None


def province_ref(province, links):
    return {
        "slug": province.slug,
        "url": links.detail("province-detail", province.slug),
        "name_zh": province.name_zh,
        "name_en": province.name_en,
    }


def city_ref(city, links):
    return {
        "slug": city.slug,
        "url": links.detail("city-detail", city.slug),
        "name_zh": city.name_zh,
        "name_en": city.name_en,
    }


def category_ref(category, links):
    return {
        "slug": category.slug,
        "url": links.detail("category-detail", category.slug),
        "name_zh": category.name_zh,
        "name_en": category.name_en,
    }


def metric_kind_ref(kind, links):
    return {
        "slug": kind.slug,
        "url": links.detail("metric-kind-detail", kind.slug),
        "name_zh": kind.name_zh,
        "name_en": kind.name_en,
        "unit": kind.unit,
        "unit_en": kind.unit_en,
    }


def innovation_model_ref(model, links):
    return {
        "slug": model.slug,
        "url": links.detail("innovation-model-detail", model.slug),
        "name_zh": model.name_zh,
        "name_en": model.name_en,
    }


def initiative_ref(initiative, links):
    return {
        "id": initiative.pk,
        "url": links.detail("initiative-detail", initiative.pk),
        "title_zh": initiative.title_zh,
        "title_en": initiative.title_en,
    }


def report_reference(initiative):
    """Where the report says it: its section (province › city), the paragraph in the city's part, the heading."""
    return {
        "section": initiative.report_section,
        "paragraph": initiative.report_paragraph,
        "heading": initiative.heading,
    }


def province(province, links):
    """Needs `cities` prefetched."""
    return {
        "slug": province.slug,
        "url": links.detail("province-detail", province.slug),
        "html_url": links.page("province_detail", province.slug),
        "name_zh": province.name_zh,
        "name_en": province.name_en,
        "kind": province.kind,
        "order": province.order,
        "cities": [city_ref(city, links) for city in province.cities.all()],
    }


def city(city, links):
    """Needs `province` selected, `innovation_models` prefetched and `CityQuerySet.with_counts()`."""
    return {
        "slug": city.slug,
        "url": links.detail("city-detail", city.slug),
        "html_url": links.page("city_detail", city.slug),
        "name_zh": city.name_zh,
        "name_en": city.name_en,
        "level": city.level,
        "province": province_ref(city.province, links),
        "summary_zh": city.summary_zh,
        "summary_en": city.summary_en,
        "order": city.order,
        "innovation_models": [innovation_model_ref(model, links) for model in city.innovation_models.all()],
        "initiative_count": city.initiative_count,
        "metric_count": city.metric_count,
        "initiatives_url": links.listing("initiative-list", city=city.slug),
        "metrics_url": links.listing("metric-list", city=city.slug),
    }


def category(category, links):
    """Needs an `initiative_count` annotation."""
    return {
        "slug": category.slug,
        "url": links.detail("category-detail", category.slug),
        "html_url": links.page("category_detail", category.slug),
        "name_zh": category.name_zh,
        "name_en": category.name_en,
        "description_zh": category.description_zh,
        "description_en": category.description_en,
        "order": category.order,
        "initiative_count": category.initiative_count,
        "initiatives_url": links.listing("initiative-list", category=category.slug),
    }


def metric_kind(kind, links):
    """Needs a `metric_count` annotation."""
    return {
        "slug": kind.slug,
        "url": links.detail("metric-kind-detail", kind.slug),
        "html_url": links.page("metric_kind_detail", kind.slug),
        "name_zh": kind.name_zh,
        "name_en": kind.name_en,
        "unit": kind.unit,
        "unit_en": kind.unit_en,
        "basis": kind.basis,
        "family": kind.family,
        "description_zh": kind.description_zh,
        "description_en": kind.description_en,
        "order": kind.order,
        "metric_count": kind.metric_count,
        "metrics_url": links.listing("metric-list", kind=kind.slug),
    }


def innovation_model(model, links):
    """Needs `representative_city` selected and `cities` prefetched."""
    return {
        "slug": model.slug,
        "url": links.detail("innovation-model-detail", model.slug),
        "html_url": links.page("innovation_model_detail", model.slug),
        "name_zh": model.name_zh,
        "name_en": model.name_en,
        "order": model.order,
        "representative_city": city_ref(model.representative_city, links),
        "cities": [city_ref(city, links) for city in model.cities.all()],
        "description_zh": model.description_zh,
        "description_en": model.description_en,
        "focus_zh": model.focus_zh,
        "focus_en": model.focus_en,
        "approach_zh": model.approach_zh,
        "approach_en": model.approach_en,
        "scenarios_zh": model.scenarios_zh,
        "scenarios_en": model.scenarios_en,
        "results_zh": model.results_zh,
        "results_en": model.results_en,
    }


def metric(metric, links):
    """One figure, complete wherever it appears. Needs `initiative__city` and `kind` selected."""
    initiative = metric.initiative
    return {
        "id": metric.pk,
        "url": links.detail("metric-detail", metric.pk),
        "position": metric.position,
        "label_zh": metric.label_zh,
        "label_en": metric.label_en,
        "value": number(metric.value),
        "value_max": number(metric.value_max),
        "unit": metric.unit,
        "unit_en": metric.unit_en,
        "qualifier": metric.qualifier,
        "second_qualifier": metric.second_qualifier or None,
        "as_of": iso(metric.as_of),
        "as_of_precision": metric.as_of_precision or None,
        "period_start": iso(metric.period_start),
        "period_precision": metric.period_precision or None,
        "period_end": iso(metric.period_end),
        "basis": metric.basis or None,
        "as_written": metric.as_written,
        "time_as_written": metric.time_as_written,
        "kind": metric_kind_ref(metric.kind, links) if metric.kind_id else None,
        "review_status": metric.review_status,
        "report_reference": report_reference(initiative),
        "initiative": initiative_ref(initiative, links),
        "city": city_ref(initiative.city, links),
    }


def initiative(initiative, links):
    """Needs `city__province` and `category` selected, and `metrics` prefetched with their `kind`."""
    return {
        "id": initiative.pk,
        "url": links.detail("initiative-detail", initiative.pk),
        "html_url": links.page("initiative_detail", initiative.pk),
        "slug": initiative.slug,
        "city": city_ref(initiative.city, links),
        "province": province_ref(initiative.city.province, links),
        "category": category_ref(initiative.category, links),
        "order": initiative.order,
        "heading": initiative.heading,
        "title_zh": initiative.title_zh,
        "title_en": initiative.title_en,
        "description_zh": initiative.description_zh,
        "description_en": initiative.description_en,
        "sub_locality": initiative.sub_locality,
        "date": iso(initiative.date),
        "date_precision": initiative.date_precision or None,
        "date_event": initiative.date_event or None,
        "review_status": initiative.review_status,
        "report_reference": report_reference(initiative),
        "metrics": [metric(figure, links) for figure in initiative.metrics.all()],
    }
