"""What the intake proposes from a pasted report: unpublished rows an editor reviews, then accepts or drops.

Nothing here is published: an accepted proposal becomes an Initiative or a Metric (intake.accept), and keeps a link
to what it became.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cities.models import City, Source
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind


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


# A figure's own fields, all but where it is published (its initiative, position, source, measure and review).
FIGURE_FIELDS = tuple(
    name
    for name in Metric.PUBLISHED_FIELDS
    if name not in ("initiative", "position", "kind", "source", "report_section", "report_paragraph", "review_status")
)


def _proposed(name):
    """Metric's field `name` as a proposal holds it: without its help text, and optional where the figure needs it
    (the intake may not read it), except how the report writes the figure."""
    field = Metric._meta.get_field(name)
    _name, _path, args, kwargs = field.deconstruct()
    kwargs.pop("help_text", None)
    if name != "as_written" and "default" not in kwargs:
        kwargs["blank"] = True
        if not isinstance(field, models.CharField):  # a text is blank, a number or a date null
            kwargs["null"] = True
    return type(field)(*args, **kwargs)


class ProposedFigureFields(models.Model):
    class Meta:
        abstract = True


for _field_name in FIGURE_FIELDS:
    ProposedFigureFields.add_to_class(_field_name, _proposed(_field_name))


class ProposedFigure(ProposedFigureFields):
    """One figure of a paragraph, read by core.figures; `problem` says why a number could not be read. Its figure
    fields are Metric's (FIGURE_FIELDS)."""

    initiative = models.ForeignKey(ProposedInitiative, on_delete=models.CASCADE, related_name="figures")
    order = models.PositiveSmallIntegerField(_("order"))
    context = models.CharField(_("the clause it stands in"), max_length=300, blank=True)
    problem = models.CharField(_("problem"), max_length=200, blank=True)
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
