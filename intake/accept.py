"""Publishing a batch's accepted proposals: every Initiative and Metric in one transaction and one revision of the
history, by the editor who accepted them. A proposal that does not validate stops the whole batch."""

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from initiatives.models import Initiative, Metric
from intake.models import ProposedFigure, ProposedInitiative, Status
from intake.proposals import IntakeError, refresh_duplicates

METRIC_FIELDS = (
    "label_zh", "label_en", "value", "value_max", "unit", "unit_en", "qualifier", "second_qualifier", "as_written",
    "as_of", "as_of_precision", "period_start", "period_precision", "period_end", "time_as_written", "basis", "kind",
)  # fmt: skip


def _messages(where, error):
    if hasattr(error, "message_dict"):
        return [f"{where}: {field}: {' '.join(texts)}" for field, texts in error.message_dict.items()]
    return [f"{where}: {' '.join(error.messages)}"]


def _unique_slug(city, title_en, taken):
    base = slugify(title_en)[:70] or "initiative"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _new_initiative(proposal, taken_slugs, next_order):
    initiative = Initiative(
        city=proposal.city,
        category=proposal.category,
        slug=_unique_slug(proposal.city, proposal.title_en, taken_slugs),
        order=next_order,
        heading=proposal.heading,
        title_zh=proposal.title_zh,
        title_en=proposal.title_en,
        description_zh=proposal.description_zh,
        description_en=proposal.description_en,
        source=proposal.batch.source,
        report_section=proposal.report_section,
        report_paragraph=proposal.report_paragraph,
    )
    return initiative


def accept(batch, editor):
    """Publish what the editor accepted; return (initiatives created, figures created). Raise IntakeError (and write
    nothing) when a proposal is incomplete or would add a figure the portal already holds."""
    refresh_duplicates(batch)
    proposals = list(
        ProposedInitiative.objects.filter(batch=batch)
        .select_related("city", "category", "merge_into", "batch__source")
        .prefetch_related("figures__kind", "figures__duplicate_of")
    )
    errors, created_initiatives, created_figures = [], 0, 0
    if True:
        with transaction.atomic(), reversion.create_revision():
            city_ids = {p.city_id for p in proposals}
            taken = set(Initiative.objects.filter(city__in=city_ids).values_list("city_id", "slug"))
            orders = dict(Initiative.objects.filter(city__in=city_ids).values_list("city_id").annotate(m=Max("order")))
            for proposal in proposals:
                where = f"{proposal.city.name_zh} ¶{proposal.report_paragraph}"
                accepted = [f for f in proposal.figures.all() if f.status == Status.ACCEPTED and not f.published_id]
                if proposal.status == Status.DROPPED or (proposal.status == Status.PROPOSED and not accepted):
                    continue
                target = proposal.published or proposal.merge_into
                if proposal.status == Status.ACCEPTED and proposal.published_id is None:
                    orders[proposal.city_id] = orders.get(proposal.city_id, 0) + 1
                    slugs = {slug for city_id, slug in taken if city_id == proposal.city_id}
                    target = _new_initiative(proposal, slugs, orders[proposal.city_id])
                    taken.add((proposal.city_id, target.slug))
                    try:
                        if proposal.category_id is None:
                            raise ValidationError({"category": _("Choose a category.")})
                        target.full_clean()
                    except ValidationError as error:
                        errors += _messages(where, error)
                        continue
                    target.save()
                    proposal.published = target
                    proposal.save(update_fields=["published"])
                    created_initiatives += 1
                if target is None:
                    errors.append(
                        where + ": " + _("accept the initiative, or choose the existing one its figures belong to.")
                    )
                    continue
                position = (target.metrics.aggregate(m=Max("position"))["m"] or 0) if target.pk else 0
                for figure in accepted:
                    label = f"{where} {figure.as_written}"
                    if figure.duplicate_of_id:
                        errors.append(
                            label
                            + ": "
                            + _("the portal already holds this figure (%(existing)s): merge it instead of adding it.")
                            % {"existing": figure.duplicate_of}
                        )
                        continue
                    position += 1
                    metric = Metric(
                        initiative=target,
                        position=position,
                        source=batch.source,
                        **{f: getattr(figure, f) for f in METRIC_FIELDS},
                    )
                    if target.source_id != batch.source_id or target.report_section != proposal.report_section:
                        # A later source's figure of an earlier initiative cites where it stands in its own source.
                        metric.report_section = proposal.report_section
                        metric.report_paragraph = proposal.report_paragraph
                    try:
                        if figure.value is None:
                            raise ValidationError({"value": figure.problem or _("Enter the value.")})
                        metric.full_clean()
                    except ValidationError as error:
                        errors += _messages(label, error)
                        continue
                    metric.save()
                    figure.published = metric
                    figure.save(update_fields=["published"])
                    created_figures += 1
            if errors:
                raise IntakeError(errors)
            if not created_initiatives and not created_figures:
                raise IntakeError([_("Nothing is accepted yet: accept initiatives or figures first.")])
            batch.accepted = timezone.now()
            batch.save(update_fields=["accepted"])
            reversion.set_user(editor)
            reversion.set_comment(
                _("Intake #%(batch)s: %(initiatives)s initiatives and %(figures)s figures accepted.")
                % {"batch": batch.pk, "initiatives": created_initiatives, "figures": created_figures}
            )
    return created_initiatives, created_figures


def merge(figure):
    """A proposed figure the portal already holds is kept once: marked merged, nothing added."""
    ProposedFigure.objects.filter(pk=figure.pk).update(status=Status.MERGED, published=figure.duplicate_of)
