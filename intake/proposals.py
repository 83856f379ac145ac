"""A report's text turned into an IntakeBatch of proposals: cities resolved, categories, measures and duplicates
suggested. Either every row is written or none (a text with an unknown city or no city heading writes nothing)."""

from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import Count
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cities.models import City, Province, Source
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind
from intake.models import IntakeBatch, ProposedFigure, ProposedInitiative, Status, time_key
from intake.parser import ReportTextError, split_sections

# How many two-character pieces a clause must share with a published label to suggest that figure's measure.
MIN_SHARED_BIGRAMS = 2


class IntakeError(ValueError):
    """The text cannot be taken in; `messages` say why, `unknown_cities` which cities to create first."""

    def __init__(self, messages, unknown_cities=()):
        super().__init__(" ".join(messages))
        self.messages = list(messages)
        self.unknown_cities = list(unknown_cities)


def bigrams(text):
    text = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    return {text[i : i + 2] for i in range(len(text) - 1)}


def read_sections(text):
    """The city sections of the text with each city resolved; IntakeError when there is none or a city is unknown."""
    try:
        sections = split_sections(text)
    except ReportTextError:
        raise IntakeError(
            [
                _(
                    "No city heading was found. The intake reads a report written like the present one: a line "
                    "“…創新示范研究” for each province, then a line with the city's name (e.g. 朝陽區), then its "
                    "paragraphs “…方面，…”."
                )
            ]
        ) from None
    cities = {c.name_zh: c for c in City.objects.filter(name_zh__in={s.city for s in sections})}
    provinces = {p.name_zh: p for p in Province.objects.filter(name_zh__in={s.province for s in sections})}
    unknown = []
    for section in sections:
        if section.city not in cities and section.city not in [u["city"] for u in unknown]:
            unknown.append(
                {"city": section.city, "province": section.province, "known_province": provinces.get(section.province)}
            )
    if unknown:
        names = "、".join(u["city"] for u in unknown)
        raise IntakeError(
            [_("The portal does not know these cities yet: %(names)s. Create them first.") % {"names": names}], unknown
        )
    if not any(p.figures or p.heading for s in sections for p in s.paragraphs):
        raise IntakeError([_("The city sections have no paragraphs to propose.")])
    return sections, cities


def category_for(heading, by_heading, categories):
    """The category the heading names (信用修復機制創新方面 → 信用修復), else the one the portal already gives this
    heading most often."""
    for category in categories:
        if category.name_zh in heading:
            return category
    return by_heading.get(heading)


def _headings(categories):
    counts = defaultdict(Counter)
    rows = Initiative.objects.values_list("heading", "category_id").annotate(n=Count("id")).order_by()
    for heading, category_id, n in rows:
        counts[heading][category_id] += n
    by_id = {c.pk: c for c in categories}
    return {heading: by_id[c.most_common(1)[0][0]] for heading, c in counts.items()}


def suggest_measure(figure, city, published, kinds):
    """(kind, published figure of that kind in the city or None) for a proposed figure, by the words it shares."""
    words = bigrams(figure.context)
    best, best_score = None, MIN_SHARED_BIGRAMS - 1
    for metric in published.get(city.pk, ()):
        if metric.unit != figure.unit or metric.kind_id is None:
            continue
        score = len(words & bigrams(metric.label_zh))
        if score > best_score:
            best, best_score = metric, score
    if best is not None:
        return best.kind, best
    best_kind, best_score = None, MIN_SHARED_BIGRAMS - 1
    for kind in kinds:
        score = len(words & bigrams(kind.name_zh)) if kind.unit == figure.unit else 0
        if score > best_score:
            best_kind, best_score = kind, score
    return best_kind, None


NUMBER_FIELDS = ("value", "value_max", "unit", "qualifier", "second_qualifier")


def find_duplicate(proposal, city_id, published):
    """The published figure of the same city and time and the same measure (or, for a figure of no measure, the same
    number, unit and qualifiers), if any."""
    same_time = [metric for metric in published.get(city_id, ()) if time_key(metric) == time_key(proposal)]
    for metric in same_time:  # the very figure first: a city may give one measure twice at one time (海淀's removals)
        if all(getattr(metric, name) == getattr(proposal, name) for name in NUMBER_FIELDS):
            return metric
    for metric in same_time:
        if proposal.kind_id is not None and metric.kind_id == proposal.kind_id:
            return metric
    return None


def published_figures(city_ids):
    """The published figures of these cities, grouped by city (one query)."""
    grouped = defaultdict(list)
    metrics = Metric.objects.filter(initiative__city__in=city_ids).select_related("initiative", "kind")
    for metric in metrics.order_by("initiative__city_id", "-as_of", "-period_start", "id"):
        grouped[metric.initiative.city_id].append(metric)
    return grouped


def _label(figure):
    before = figure.context.split(figure.as_written[:1], 1)[0] if figure.as_written else figure.context
    label = "".join(before.split()).strip("，,：:")
    return label[-120:] or figure.as_written


def save_new_source(source):
    """A source described in the intake's form, with a slug of its own."""
    base = slugify(source.title_en)[:50] or "source"
    slug, n = base, 1
    while Source.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    source.slug = slug
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def propose(text, editor, source, file_name=""):
    """Write the batch (and the new source, when `source` is unsaved) and all its proposals, or raise IntakeError
    and write nothing."""
    sections, cities = read_sections(text)
    if source.pk is None:
        source = save_new_source(source)
    categories = list(InitiativeCategory.objects.order_by("order"))
    by_heading = _headings(categories)
    kinds = list(MetricKind.objects.all())
    published = published_figures([c.pk for c in cities.values()])
    units_en = {}
    for unit, unit_en, _n in Metric.objects.values_list("unit", "unit_en").annotate(n=Count("id")).order_by("n"):
        units_en[unit] = unit_en  # the most common English unit last, so it wins
    # Paragraphs of this source already published (the same text taken in again): their initiatives, to merge into.
    cited = {}
    for pk, city_id, section, paragraph in (
        Initiative.objects.filter(source=source, city__in=cities.values())
        .order_by("-order")
        .values_list("pk", "city_id", "report_section", "report_paragraph")
    ):
        cited[(city_id, section, paragraph)] = pk
    batch = IntakeBatch.objects.create(source=source, editor=editor, text=text, file_name=file_name)
    order, initiatives, figures_of = 0, [], []
    for section in sections:
        city = cities[section.city]
        for paragraph in section.paragraphs:
            order += 1
            initiative = ProposedInitiative(
                batch=batch,
                order=order,
                city=city,
                report_section=section.report_section,
                report_paragraph=paragraph.number,
                heading=paragraph.heading,
                paragraph=paragraph.text,
                category=category_for(paragraph.heading, by_heading, categories),
                merge_into_id=cited.get((city.pk, section.report_section, paragraph.number)),
            )
            figures = []
            for position, found in enumerate(paragraph.figures, start=1):
                figure = ProposedFigure(
                    order=position,
                    context=found.context[:300],
                    problem=found.problem[:200],
                    as_written=found.as_written[:60],
                    **{
                        name: getattr(found, name)
                        for name in (
                            "value", "value_max", "unit", "qualifier", "second_qualifier", "time_as_written",
                            "as_of", "as_of_precision", "period_start", "period_precision", "period_end",
                        )
                    },
                )  # fmt: skip
                figure.unit = figure.unit or ""
                kind, same_measure = (
                    suggest_measure(figure, city, published, kinds) if not figure.problem else (None, None)
                )
                figure.kind = kind
                figure.basis = kind.basis if kind else ""
                figure.label_zh = same_measure.label_zh if same_measure else _label(figure)
                figure.label_en = same_measure.label_en if same_measure else ""
                figure.unit_en = (same_measure.unit_en if same_measure else units_en.get(figure.unit, ""))[:40]
                figure.duplicate_of = find_duplicate(figure, city.pk, published)
                if same_measure and initiative.merge_into_id is None:
                    initiative.merge_into_id = same_measure.initiative_id
                figures.append(figure)
            initiatives.append(initiative)
            figures_of.append(figures)
    ProposedInitiative.objects.bulk_create(initiatives)  # one query each, whatever the text's size
    for initiative, figures in zip(initiatives, figures_of, strict=True):
        for figure in figures:
            figure.initiative = initiative
    ProposedFigure.objects.bulk_create([figure for figures in figures_of for figure in figures])
    return batch


def refresh_duplicates(batch):
    """After an editor's changes (a measure or time edited), which proposed figures duplicate published ones."""
    figures = list(ProposedFigure.objects.filter(initiative__batch=batch).select_related("initiative"))
    published = published_figures({f.initiative.city_id for f in figures})
    changed = []
    for figure in figures:
        if figure.status in (Status.ACCEPTED, Status.MERGED) and figure.published_id:
            continue
        duplicate = find_duplicate(figure, figure.initiative.city_id, published)
        if (duplicate.pk if duplicate else None) != figure.duplicate_of_id:
            figure.duplicate_of = duplicate
            changed.append(figure)
    ProposedFigure.objects.bulk_update(changed, ["duplicate_of"])
