"""The editors' intake pages, in the admin site's look: paste or upload a report, review the proposals, accept."""

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from initiatives.models import Initiative, InitiativeCategory, MetricKind
from intake.accept import accept
from intake.forms import ProposedFigureForm, ProposedInitiativeForm, TextForm
from intake.models import IntakeBatch, ProposedInitiative, Status
from intake.proposals import IntakeError, propose

PERMISSION = "intake.add_intakebatch"
INITIATIVE_FIELDS = ("status", "title_zh", "title_en", "description_zh", "description_en")


def editor_only(view):
    return staff_member_required(permission_required(PERMISSION, raise_exception=True)(view))


def _context(request, **context):
    return {**admin.site.each_context(request), **context}


def _create_city_links(unknown):
    """Where an editor creates each unknown city (its province first, if that is unknown too), the form prefilled."""
    links = []
    for item in unknown:
        province = item["known_province"]
        if province is None:
            url = reverse("admin:cities_province_add") + "?" + urlencode({"name_zh": item["province"]})
            links.append({"city": item["city"], "province": item["province"], "url": url, "province_missing": True})
        else:
            query = urlencode({"name_zh": item["city"], "province": province.pk})
            links.append(
                {
                    "city": item["city"],
                    "province": province.name_zh,
                    "url": reverse("admin:cities_city_add") + "?" + query,
                }
            )
    return links


@editor_only
@require_http_methods(["GET", "POST"])
def start(request):
    form = TextForm(request.POST or None, request.FILES or None)
    problems, create_links = [], []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("upload")
        try:
            batch = propose(
                form.cleaned_data["report_text"],
                request.user,
                form.new_source() or form.cleaned_data["source"],
                file_name=request.FILES["upload"].name[:200] if upload else "",
            )
        except IntakeError as error:
            problems, create_links = error.messages, _create_city_links(error.unknown_cities)
        else:
            return redirect("intake_review", batch.pk)
    status = 400 if request.method == "POST" else 200
    batches = IntakeBatch.objects.select_related("editor", "source").order_by("-created", "-id")[:10]
    return render(
        request,
        "intake/start.html",
        _context(
            request,
            title=_("Take in a report"),
            form=form,
            problems=problems,
            create_links=create_links,
            batches=batches,
        ),
        status=status,
    )


def _review_forms(batch, data=None):
    proposals = list(
        ProposedInitiative.objects.filter(batch=batch)
        .select_related("city", "category", "merge_into", "published")
        .prefetch_related("figures__kind", "figures__duplicate_of__initiative")
    )
    categories = list(InitiativeCategory.objects.order_by("order").values_list("pk", "name_zh"))
    kinds = [(k.pk, f"{k.name_zh} ({k.get_basis_display()}, {k.unit})") for k in MetricKind.objects.order_by("order")]
    by_city = {}
    for pk, city_id, title in Initiative.objects.filter(city__in={p.city_id for p in proposals}).values_list(
        "pk", "city_id", "title_zh"
    ):
        by_city.setdefault(city_id, []).append((pk, title))
    rows = []
    for proposal in proposals:
        initial = {name: getattr(proposal, name) for name in INITIATIVE_FIELDS}
        initial.update(category=proposal.category_id, merge_into=proposal.merge_into_id)
        form = ProposedInitiativeForm(
            data,
            prefix=f"i{proposal.pk}",
            initial=initial,
            categories=categories,
            initiatives=by_city.get(proposal.city_id, []),
        )
        figure_forms = []
        for figure in proposal.figures.all():
            figure_form = ProposedFigureForm(
                data,
                prefix=f"f{figure.pk}",
                instance=figure,
                initial={"kind": figure.kind_id},
                kinds=kinds,
                duplicate=figure.duplicate_of,
            )
            figure_forms.append((figure, figure_form))
        rows.append((proposal, form, figure_forms))
    return rows


def _save(rows):
    for proposal, form, figure_forms in rows:
        if proposal.published_id is None:
            for name in INITIATIVE_FIELDS:
                setattr(proposal, name, form.cleaned_data[name])
            proposal.category_id = form.cleaned_data["category"]
            proposal.merge_into_id = form.cleaned_data["merge_into"]
            proposal.save()
        for figure, figure_form in figure_forms:
            if figure.published_id is None:
                figure = figure_form.save(commit=False)
                figure.kind_id = figure_form.cleaned_data["kind"]
                if figure.status == Status.MERGED:
                    figure.published = figure.duplicate_of
                figure.save()


def _form_errors(rows):
    found = []
    for proposal, form, figure_forms in rows:
        where = f"{proposal.city.name_zh} ¶{proposal.report_paragraph}"
        for owner, each in [(where, form)] + [(f"{where} {figure.as_written}", f) for figure, f in figure_forms]:
            for field, texts in each.errors.items():
                found.append(f"{owner}: {field}: {' '.join(texts)}")
    return found


@editor_only
@require_http_methods(["GET", "POST"])
def review(request, pk):
    batch = get_object_or_404(IntakeBatch.objects.select_related("editor", "source"), pk=pk)
    rows = _review_forms(batch, request.POST or None)
    problems = []
    if request.method == "POST":
        if all(form.is_valid() and all(f.is_valid() for _figure, f in figures) for _p, form, figures in rows):
            with transaction.atomic():
                _save(rows)
            if "publish" not in request.POST:
                messages.success(request, _("Your review is saved; nothing is published yet."))
                return redirect("intake_review", batch.pk)
            try:
                created, figures = accept(batch, request.user)
            except IntakeError as error:
                problems = error.messages
            else:
                messages.success(
                    request,
                    _("Published %(initiatives)s initiatives and %(figures)s figures, as one change in the history.")
                    % {"initiatives": created, "figures": figures},
                )
                return redirect("intake_review", batch.pk)
        else:
            problems = [_("Some proposals need correcting: see the messages beside them.")] + _form_errors(rows)
        rows = _review_forms(batch, request.POST) if problems else rows
    return render(
        request,
        "intake/review.html",
        _context(request, title=_("Review the proposals"), batch=batch, rows=rows, problems=problems),
        status=400 if problems else 200,
    )
