"""The pages of the report's themes: the categories and the topics, each with its initiatives."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from cities.models import City
from core.pages import listing_page
from initiatives import figure_rows
from initiatives.models import InitiativeCategory, Topic
from initiatives.views.initiatives import paginate


def theme_page(request, theme, template, context_of):
    """A category's or a topic's page with `context_of(theme)`, or the figures of its initiatives when the URL asks
    for them (?rows=figures)."""
    figures = figure_rows.figures_of_initiatives(theme.initiatives.all())
    download = figure_rows.figures_download(request, f"figures-{theme.slug}", figures)
    return download or render(request, template, context_of(theme))


category_list = listing_page("initiatives/category_list.html", "categories", InitiativeCategory.objects.with_counts)


def category_detail(request, slug):
    def context_of(category):
        cities = City.objects.filter(initiatives__category=category).annotate(initiative_count=Count("initiatives"))
        page = paginate(request, category.initiatives.for_list().with_figures())
        return {"category": category, "cities": cities.order_by("order", "slug"), "page": page}

    category = get_object_or_404(InitiativeCategory, slug=slug)
    return theme_page(request, category, "initiatives/category_detail.html", context_of)


topic_list = listing_page("initiatives/topic_list.html", "topics", Topic.objects.with_counts)


def topic_detail(request, slug):
    """Every city with the topic, each with its initiatives that carry it."""

    def context_of(topic):
        initiatives = topic.initiatives.for_list().with_figures().with_tags()
        return {"topic": topic, "initiatives": initiatives.order_by("city__order", "city_id", "order")}

    return theme_page(request, get_object_or_404(Topic, slug=slug), "initiatives/topic_detail.html", context_of)
