"""The pages of the report's themes: the categories and the topics, each with its initiatives."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from cities.models import City
from initiatives import figure_rows
from initiatives.models import InitiativeCategory, Topic
from initiatives.views.initiatives import paginate


def theme_figures_download(request, theme):
    """The figures of a category's or a topic's initiatives, when the URL asks for them (?rows=figures)."""
    figures = figure_rows.figures_of_initiatives(theme.initiatives.all())
    return figure_rows.figures_download(request, f"figures-{theme.slug}", figures)


def category_list(request):
    context = {"categories": InitiativeCategory.objects.with_counts()}
    return render(request, "initiatives/category_list.html", context)


def category_detail(request, slug):
    category = get_object_or_404(InitiativeCategory, slug=slug)
    download = theme_figures_download(request, category)
    if download:
        return download
    context = {
        "category": category,
        "cities": City.objects.filter(initiatives__category=category)
        .annotate(initiative_count=Count("initiatives"))
        .order_by("order", "slug"),
        "page": paginate(request, category.initiatives.for_list().with_figures()),
    }
    return render(request, "initiatives/category_detail.html", context)


def topic_list(request):
    context = {"topics": Topic.objects.with_counts()}
    return render(request, "initiatives/topic_list.html", context)


def topic_detail(request, slug):
    """Every city with the topic, each with its initiatives that carry it."""
    topic = get_object_or_404(Topic, slug=slug)
    download = theme_figures_download(request, topic)
    if download:
        return download
    initiatives = topic.initiatives.for_list().with_figures().with_tags().order_by("city__order", "city_id", "order")
    context = {"topic": topic, "initiatives": initiatives}
    return render(request, "initiatives/topic_detail.html", context)
