"""The sources the portal's data is transcribed from, and the fields by which a row cites one."""

import reversion
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.content import ContentQuerySet, SlugManager
from core.precision import Precision, precision_constraint


class SourceQuerySet(ContentQuerySet):
    def cited_for_city(self, city):
        """The sources of what a city's page shows: its initiatives and figures, its model types and lessons (one
        query; the relations are named from this side, as the initiatives app builds on this one)."""
        # One subquery per relation: OR-ing the four joins in one WHERE multiplied every source's initiatives by its
        # figures, model types and lessons (100 ms on the report's data).
        cited = (
            Q(initiatives__city=city),
            Q(metrics__initiative__city=city),
            Q(innovation_models__representative_city=city),
            Q(lessons__cities=city),
        )
        any_cited = Q()
        for relation in cited:
            any_cited |= Q(pk__in=self.filter(relation).values("pk"))
        return self.filter(any_cited).order_by("id")


@reversion.register()
class Source(models.Model):
    """A report (or other publication) that figures, initiatives, model types and lessons are transcribed from.

    The first source is the report the portal was built on; the pages that introduce the portal quote it."""

    slug = models.SlugField(_("slug"), max_length=60)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_is_descriptive = models.BooleanField(
        _("title supplied by the portal"),
        default=False,
        help_text=_("True when the report carries no title of its own and this one describes it."),
    )
    publisher = models.CharField(_("publisher"), max_length=100)
    platform = models.CharField(_("published on"), max_length=100, blank=True)
    url = models.URLField(_("address (URL)"), max_length=500, blank=True, help_text=_("Empty when not known."))
    published = models.DateField(
        _("publication date"), null=True, blank=True, help_text=_("Only as much of it as the source gives.")
    )
    published_precision = models.CharField(
        _("publication date precision"), max_length=10, choices=Precision.choices, blank=True
    )
    editor = models.CharField(_("editor"), max_length=100, blank=True)
    proofreader = models.CharField(_("proof-reader"), max_length=100, blank=True)
    period_start_year = models.PositiveSmallIntegerField(_("period from (year)"))
    period_end_year = models.PositiveSmallIntegerField(_("period to (year)"))
    terms = models.TextField(
        _("terms"), blank=True, help_text=_("The terms the source is published under, where it states any.")
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Anything a reader should know about this source."))
    introduction_zh = models.TextField(_("introduction (Chinese)"), blank=True)
    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    call_to_vote_zh = models.TextField(_("call to vote (Chinese)"), blank=True)
    call_to_vote_en = models.TextField(_("call to vote (English)"), blank=True)
    disclaimer_zh = models.TextField(_("disclaimer (Chinese)"), blank=True)
    disclaimer_en = models.TextField(_("disclaimer (English)"), blank=True)
    platform_notice = models.TextField(_("platform notice"), blank=True)

    # The published data, in the order fixtures/ writes it: the fixtures, the dataset download, imports and exports
    # (and the API) all list these fields from here.
    PUBLISHED_FIELDS = (
        "slug",
        "title_zh",
        "title_en",
        "title_is_descriptive",
        "publisher",
        "platform",
        "url",
        "published",
        "published_precision",
        "editor",
        "proofreader",
        "period_start_year",
        "period_end_year",
        "terms",
        "note",
        "introduction_zh",
        "introduction_en",
        "call_to_vote_zh",
        "call_to_vote_en",
        "disclaimer_zh",
        "disclaimer_en",
        "platform_notice",
    )

    objects = SlugManager.from_queryset(SourceQuerySet)()

    class Meta:
        ordering = ["id"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="source_unique_slug"),
            models.CheckConstraint(
                condition=Q(period_end_year__gte=models.F("period_start_year")),
                name="source_period_in_order",
            ),
            precision_constraint("published", "published_precision", "source_published_precision_valid"),
        ]

    def __str__(self):
        return self.title_zh

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        from django.urls import reverse

        return f"{reverse('about')}#source-{self.slug}"  # the about page lists every source


def source_field(related_name):
    """The source a row cites: every initiative, figure, model type and lesson names one (and it cannot be deleted
    while anything cites it)."""
    return models.ForeignKey(Source, on_delete=models.PROTECT, related_name=related_name, verbose_name=_("source"))


def section_fields(required=True):
    """Where in its source a row is: a section path and a paragraph within it."""
    section = models.CharField(
        _("section in the source"),
        max_length=60,
        blank=not required,
        help_text=_("e.g. 典型經驗提煉") if required else _("Empty when the same as its initiative's."),
    )
    paragraph = models.PositiveSmallIntegerField(_("paragraph in the section"), null=not required, blank=not required)
    return section, paragraph
