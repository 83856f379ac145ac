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
from intake.models import FIGURE_FIELDS, IntakeBatch, ProposedInitiative, Status
from intake.proposals import IntakeError, refresh_duplicates

METRIC_FIELDS = (*FIGURE_FIELDS, "kind")


def _messages(where, error):
    if hasattr(error, "message_dict"):
        return [f"{where}: {field}: {' '.join(texts)}" for field, texts in error.message_dict.items()]
    return [f"{where}: {' '.join(error.messages)}"]


def _unique_slug(title_en, taken):
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
        slug=_unique_slug(proposal.title_en, taken_slugs),
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


def _publish(row, proposal, where, errors, missing=None):
    """Validate and save one row, linking its proposal to it; on a problem, add the messages and return None."""
    try:
        if missing:
            raise ValidationError(missing)
        row.full_clean()
    except ValidationError as error:
        errors += _messages(where, error)
        return None
    row.save()
    proposal.published = row
    proposal.save(update_fields=["published"])
    return row


class _Publication:
    """The rows one batch publishes, and what went wrong (nothing is kept unless nothing did)."""

    def __init__(self, batch, proposals):
        self.batch, self.errors, self.initiatives, self.figures = batch, [], 0, 0
        city_ids = {p.city_id for p in proposals}
        self.slugs = {}
        for city_id, slug in Initiative.objects.filter(city__in=city_ids).values_list("city_id", "slug"):
            self.slugs.setdefault(city_id, set()).add(slug)
        self.orders = dict(Initiative.objects.filter(city__in=city_ids).values_list("city_id").annotate(m=Max("order")))

    def initiative(self, proposal, where):
        """The initiative the proposal's figures join: a new one (accepted), the existing one, or None."""
        if proposal.status != Status.ACCEPTED or proposal.published_id:
            return proposal.published or proposal.merge_into
        self.orders[proposal.city_id] = self.orders.get(proposal.city_id, 0) + 1
        initiative = _new_initiative(
            proposal, self.slugs.setdefault(proposal.city_id, set()), self.orders[proposal.city_id]
        )
        missing = {"category": _("Choose a category.")} if proposal.category_id is None else None
        created = _publish(initiative, proposal, where, self.errors, missing)
        self.initiatives += created is not None
        return created

    def figure(self, figure, initiative, position, proposal, where):
        if figure.duplicate_of_id:
            message = _("the portal already holds this figure (%(existing)s): merge it instead of adding it.")
            self.errors.append(f"{where}: " + message % {"existing": figure.duplicate_of})
            return
        metric = Metric(
            initiative=initiative,
            position=position,
            source=self.batch.source,
            **{name: getattr(figure, name) for name in METRIC_FIELDS},
        )
        if initiative.source_id != self.batch.source_id or initiative.report_section != proposal.report_section:
            # A later source's figure of an earlier initiative cites where it stands in its own source.
            metric.report_section, metric.report_paragraph = proposal.report_section, proposal.report_paragraph
        missing = {"value": figure.problem or _("Enter the value.")} if figure.value is None else None
        self.figures += _publish(metric, figure, where, self.errors, missing) is not None


def accept(batch, editor):
    """Publish what the editor accepted; return (initiatives created, figures created). Raise IntakeError (and write
    nothing) when a proposal is incomplete or would add a figure the portal already holds."""
    refresh_duplicates(batch)
    with transaction.atomic():
        return _accept(IntakeBatch.objects.select_for_update().select_related("source").get(pk=batch.pk), editor)


def _accept(batch, editor):
    """accept(), the batch locked: two editors publishing it at once publish it once."""
    proposals = list(
        ProposedInitiative.objects.filter(batch=batch)
        .select_related("city", "category", "merge_into", "batch__source")
        .prefetch_related("figures__kind", "figures__duplicate_of")
    )
    with transaction.atomic(), reversion.create_revision():
        publication = _Publication(batch, proposals)
        for proposal in proposals:
            where = f"{proposal.city.name_zh} ¶{proposal.report_paragraph}"
            accepted = [f for f in proposal.figures.all() if f.status == Status.ACCEPTED and not f.published_id]
            if proposal.status == Status.DROPPED or (proposal.status == Status.PROPOSED and not accepted):
                continue
            initiative = publication.initiative(proposal, where)
            if initiative is None:
                if proposal.status != Status.ACCEPTED:
                    message = _("accept the initiative, or choose the existing one its figures belong to.")
                    publication.errors.append(f"{where}: {message}")
                continue
            position = initiative.metrics.aggregate(m=Max("position"))["m"] or 0
            for offset, figure in enumerate(accepted, start=1):
                publication.figure(figure, initiative, position + offset, proposal, f"{where} {figure.as_written}")
        if publication.errors:
            raise IntakeError(publication.errors)
        if not publication.initiatives and not publication.figures:
            raise IntakeError([_("Nothing is accepted yet: accept initiatives or figures first.")])
        batch.accepted = timezone.now()
        batch.save(update_fields=["accepted"])
        reversion.set_user(editor)
        reversion.set_comment(
            _("Intake #%(batch)s: %(initiatives)s initiatives and %(figures)s figures accepted.")
            % {"batch": batch.pk, "initiatives": publication.initiatives, "figures": publication.figures}
        )
    return publication.initiatives, publication.figures
