"""Shared by the voting tests: the vote page's address, casting and withdrawing a vote as a reader's browser does, and
reading what the page shows."""

import re
import zoneinfo

from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from votes import voting as votes
from votes.models import Vote

VOTE_URL = "/vote/"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def cast(client, slug, **extra):
    return client.post(reverse("vote_cast", args=[slug]), extra.pop("data", {}), **extra)


def withdraw(client, slug, **extra):
    return client.post(reverse("vote_withdraw", args=[slug]), extra.pop("data", {}), **extra)


def shown(msgid, **params):
    """An interface text as a zh-Hant reader sees it on the page, whether or not it is translated yet."""
    with translation.override("zh-hant"):
        text = translation.gettext(msgid)
    return escape(text % params if params else text)


def table_rows(html):
    """(rank, city, votes) of each row of the tally table, in order."""
    body = html.split('<table class="vote-table">', 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)[1:]:
        rank = re.search(r'<td class="num">(\d+)</td>', row).group(1)
        name = re.sub(r"<[^>]+>", "", re.search(r'<th scope="row">(.*?)</th>', row, flags=re.S).group(1)).strip()
        count = re.findall(r'<td class="num">(\d+)</td>', row)[1]
        rows.append((int(rank), name, int(count)))
    return rows


def token_of(client):
    """The token the client's voter cookie carries, read the way the site reads it."""
    request = RequestFactory().get("/")
    request.COOKIES[votes.COOKIE_NAME] = client.cookies[votes.COOKIE_NAME].value
    return votes.read_token(request)


def add_votes(city, count, prefix):
    Vote.objects.bulk_create(Vote(city=city, voter_hash=f"{prefix}{n:02d}".ljust(64, "0")) for n in range(count))
