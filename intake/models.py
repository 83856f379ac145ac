"""What the intake proposes from a pasted report: unpublished rows an editor reviews, then accepts or drops.

Nothing here is published: an accepted proposal becomes an Initiative or a Metric (intake.accept), and keeps a link
to what it became.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cities.models import City, Source
from core.precision import Precision
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind
from initiatives.models.categories import Basis


class Status(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    DROPPED = "dropped", _("dropped")
    # A figure the portal already holds (same city, measure and time): kept once, not added twice.
    MERGED = "merged", _("merged with the figure already published")


class IntakeBatch(models.Model):
    """One pasted or uploaded report text, as an editor gave it, and the source it is."""

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="intake_batches", verbose_name=_("source")
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intake_batches", verbose_name=_("editor")
    )
    text = models.TextField(_("text"))
    file_name = models.CharField(_("uploaded file"), max_length=200, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    accepted = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("intake batch")
        verbose_name_plural = _("intake batches")

    def __str__(self):
        return f"#{self.pk} {self.created:%Y-%m-%d %H:%M}"


class ProposedInitiative(models.Model):
    """One "…方面" paragraph of a city's section, proposed as an initiative (or as new figures of an existing one)."""

    batch = models.ForeignKey(IntakeBatch, on_delete=models.CASCADE, related_name="initiatives")
    order = models.PositiveSmallIntegerField(_("order"))
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="+", verbose_name=_("city"))
    report_section = models.CharField(_("report section"), max_length=60)
    report_paragraph = models.PositiveSmallIntegerField(_("report paragraph"))
    heading = models.CharField(_("heading in the report"), max_length=60, blank=True)
    paragraph = models.TextField(_("paragraph"))
    category = models.ForeignKey(
        InitiativeCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=120, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    merge_into = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("add to the existing initiative"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    published = models.ForeignKey(Initiative, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["batch", "order"]
        verbose_name = _("proposed initiative")
        verbose_name_plural = _("proposed initiatives")

    def __str__(self):
        return f"{self.report_section} ¶{self.report_paragraph}"


class ProposedFigure(models.Model):
    """One figure of a paragraph, read by core.figures; `problem` says why a number could not be read."""

    initiative = models.ForeignKey(ProposedInitiative, on_delete=models.CASCADE, related_name="figures")
    order = models.PositiveSmallIntegerField(_("order"))
    context = models.CharField(_("the clause it stands in"), max_length=300, blank=True)
    problem = models.CharField(_("problem"), max_length=200, blank=True)
    label_zh = models.CharField(_("label (Chinese)"), max_length=120, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    as_written = models.CharField(_("as the report writes it"), max_length=60)
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=4, null=True, blank=True)
    value_max = models.DecimalField(_("upper value"), max_digits=24, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=40, blank=True)
    qualifier = models.CharField(_("qualifier"), max_length=10, choices=Metric.Qualifier.choices, default="exact")
    second_qualifier = models.CharField(
        _("second qualifier"), max_length=10, choices=Metric.Qualifier.choices, blank=True
    )
    time_as_written = models.CharField(_("time as the report writes it"), max_length=60, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    as_of_precision = models.CharField(_("as-of precision"), max_length=10, choices=Precision.choices, blank=True)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_precision = models.CharField(
        _("period-start precision"), max_length=10, choices=Precision.choices, blank=True
    )
    period_end = models.DateField(_("period to"), null=True, blank=True)
    basis = models.CharField(_("basis"), max_length=10, choices=Basis.choices, blank=True)
    kind = models.ForeignKey(
        MetricKind, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("metric kind")
    )
    duplicate_of = models.ForeignKey(
        Metric, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("already published")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    published = models.ForeignKey(Metric, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["initiative", "order"]
        verbose_name = _("proposed figure")
        verbose_name_plural = _("proposed figures")

    def __str__(self):
        return self.as_written

    @property
    def time_key(self):
        """What "the same time" means for duplicates: the same dates, or the same words where there is no date."""
        return time_key(self)


def time_key(figure):
    if figure.as_of or figure.period_start or figure.period_end:
        return (figure.as_of, figure.as_of_precision, figure.period_start, figure.period_end)
    return ("", figure.time_as_written)
