"""Readers vote for the cities they support: the tally page, casting and withdrawing, and the tally's exports."""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from cities.models import City, Source
from core.localization import bilingual_name, localized
from initiatives import exports
from initiatives.chart_views import chart_response
from initiatives.charts import ChartItem, bar_chart
from votes import rate_limit, voting

RATE_SCOPE = "vote"


def tally_chart(cities):
    """The tally as a ranked bar chart, cities in the tally's order (ties keep the report's order)."""
    items = [
        ChartItem(
            label=bilingual_name(city),
            value=city.vote_count,
            value_text=str(city.vote_count),
        )
        for city in cities
    ]
    return bar_chart(items, chart_id="vote-chart", title=_("Votes per city, most first"), sort=False, unit=_("votes"))


@require_safe
@never_cache
def vote(request):
    cities = voting.tally()
    context = {
        "report": Source.objects.first(),
        "cities": cities,
        "summary": voting.summary(),
        "chart": tally_chart(cities),
        "rate_limit": settings.VOTE_RATE_LIMIT,
        "rate_window_minutes": settings.VOTE_RATE_WINDOW_SECONDS // 60,
    }
    return render(request, "cities/vote.html", context)


@require_POST
def vote_cast(request, slug):
    refused = refuse_a_flood(request)
    if refused:
        return refused
    city = get_object_or_404(City, slug=slug)
    try:
        token = voting.read_token(request)
    except voting.BadVoterToken:
        return refuse_bad_token(request)
    is_new_voter = token is None
    if is_new_voter:
        token = voting.new_token()
    name = localized(city, "name")
    if voting.cast(city, voting.voter_hash(token)):
        messages.success(request, _("Your vote for %(city)s is counted.") % {"city": name})
    else:
        messages.info(request, _("You had already voted for %(city)s: your vote counts once.") % {"city": name})
    response = redirect(next_url(request))
    if is_new_voter:
        voting.remember_token(response, request, token)
    return response


@require_POST
def vote_withdraw(request, slug):
    refused = refuse_a_flood(request)
    if refused:
        return refused
    city = get_object_or_404(City, slug=slug)
    try:
        token = voting.read_token(request)
    except voting.BadVoterToken:
        return refuse_bad_token(request)
    if token is None:
        return vote_problem(
            request,
            _("No vote to withdraw"),
            _(
                "This browser holds no voter token (its cookies may have been cleared or blocked), "
                "so there is no vote of yours to withdraw. Nothing was changed."
            ),
            status=400,
        )
    name = localized(city, "name")
    if voting.withdraw(city, voting.voter_hash(token)):
        messages.success(request, _("Your vote for %(city)s is withdrawn.") % {"city": name})
    else:
        messages.info(request, _("You had no vote for %(city)s to withdraw.") % {"city": name})
    return redirect(next_url(request))


@require_safe
@never_cache
def tally_json(request):
    cities = voting.tally()
    summary = voting.summary()
    data = {
        "voters": summary["voters"],
        "votes": summary["votes"],
        "voting_opened_at": summary["opened_at"].isoformat() if summary["opened_at"] else None,
        "cities": [
            {
                "rank": city.rank,
                "slug": city.slug,
                "name_zh": city.name_zh,
                "name_en": city.name_en,
                "province": city.province.slug,
                "votes": city.vote_count,
            }
            for city in cities
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_safe
@never_cache
def tally_csv(request):
    header = [_("Rank"), _("Slug"), _("City (Chinese)"), _("City (English)"), _("Province"), _("Votes")]
    rows = (
        [city.rank, city.slug, city.name_zh, city.name_en, city.province.name_zh, city.vote_count]
        for city in voting.tally()
    )
    return exports.table_csv_response("vote-tally.csv", header, rows)


def next_url(request):
    """Back where the reader voted, when `next` points into this site; the vote page otherwise."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("vote")


def refuse_a_flood(request):
    """A 429 page once this client has sent more vote requests than the limit allows in the window."""
    if rate_limit.hit(request, RATE_SCOPE, settings.VOTE_RATE_LIMIT):
        return None
    response = vote_problem(
        request,
        _("Too many votes from your connection"),
        _(
            "Your connection has sent more than %(limit)d vote requests in %(minutes)d minutes, so this one was "
            "refused and nothing was changed. Please try again in a few minutes."
        )
        % {"limit": settings.VOTE_RATE_LIMIT, "minutes": settings.VOTE_RATE_WINDOW_SECONDS // 60},
        status=429,
    )
    response["Retry-After"] = str(rate_limit.retry_after(request))
    return response


def refuse_bad_token(request):
    response = vote_problem(
        request,
        _("Your voter token is not valid"),
        _(
            "Your browser sent a voter token that this site did not issue (it was altered, or it comes from "
            "another site). Nothing was changed. The token has been removed: voting again gives you a new one."
        ),
        status=400,
    )
    voting.forget_token(response)
    return response


def vote_problem(request, title, message, status):
    context = {"title": title, "message": message}
    return render(request, "cities/vote_problem.html", context, status=status)


@never_cache
def vote_chart_download(request, fmt):
    return chart_response(tally_chart(voting.tally()), "chart-votes", fmt)
