"""Topics: cross-cutting tags an initiative can carry several of (personal credit scores, 信易貸, blockchain, …).

A category is an initiative's one theme, from the report's "…方面" heading; a topic is what the report's text for
the initiative is about whatever heading it sits under, so "which cities run a personal credit score?" has an answer.
Initiatives are found by their topics' names (Initiative.search_m2m), so the site search keeps them up to date when
topics are added to or taken from an initiative, or renamed.
"""

import reversion
from django.db import models
from django.db.models import OuterRef
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _

from core.content import ContentQuerySet, SlugManager, count_subquery
from core.object_urls import object_url
from core.search_index import SearchIndexed, reindex


def with_initiative_counts(queryset, initiatives):
    """The rows with their number of `initiatives` (correlated to each row) and of cities that have one."""
    return queryset.annotate(
        initiative_count=count_subquery(initiatives), city_count=count_subquery(initiatives, distinct="city")
    )


class Classifier(SearchIndexed):
    """What categories, topics and measures share: a slug, an order, names and a description in the portal's
    words; found by their names and descriptions."""

    search_name_fields = ("name_zh", "name_en")
    search_text_fields = ("description_zh", "description_en")

    slug = models.SlugField(_("slug"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=100)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        abstract = True
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name_zh

    def natural_key(self):
        return (self.slug,)


def tagged_model():
    """Initiative, through the relation it declares to Topic (initiative.py imports this module, not the reverse)."""
    return Topic._meta.get_field("initiatives").related_model


class TopicQuerySet(ContentQuerySet):
    def with_counts(self):
        """Each topic with its number of initiatives and of cities that have one (one query)."""
        return with_initiative_counts(self, tagged_model().objects.filter(topics=OuterRef("pk")))


@reversion.register()
class Topic(Classifier):
    """A cross-cutting tag; its description is the portal's own words, not the report's."""

    search_dependents = (("initiatives.Initiative", "topics"),)

    # The published data, in the order fixtures/ writes it (see cities.models.Report.PUBLISHED_FIELDS).
    PUBLISHED_FIELDS = ("slug", "order", "name_zh", "name_en", "description_zh", "description_en")

    objects = SlugManager.from_queryset(TopicQuerySet)()

    class Meta(Classifier.Meta):
        app_label = "initiatives"
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [models.UniqueConstraint(fields=["slug"], name="topic_unique_slug")]

    def get_absolute_url(self):
        return object_url("topic_detail", self.slug)


def reindex_tagged(sender, instance, action, reverse, pk_set, model, **kwargs):
    """An initiative is found by its topics' names: follow every change of its list of topics, from either side."""
    Initiative = tagged_model()  # noqa: N806

    if action == "pre_clear" and reverse:
        # Which initiatives lose the row is known only before the clear.
        instance._cleared_initiatives = list(getattr(instance, "initiatives", Initiative.objects.none()).values("pk"))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        reindex(Initiative.objects.filter(pk=instance.pk))
    elif action == "post_clear":
        reindex(Initiative.objects.filter(pk__in=[row["pk"] for row in getattr(instance, "_cleared_initiatives", [])]))
    else:
        reindex(Initiative.objects.filter(pk__in=pk_set or ()))


def connect_signals():
    m2m_changed.connect(reindex_tagged, sender=tagged_model().topics.through, dispatch_uid="reindex-initiative-topics")
