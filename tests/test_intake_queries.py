"""The intake's pages make a fixed number of queries, for a short text and for one ten times longer."""

import pytest
from admin_support import make_editor
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from test_intake_flow import FICTIONAL_REPORT, NEW_SOURCE

from intake.models import IntakeBatch


def longer(times):
    """The fictional text with each city's paragraph repeated: `times` times as many paragraphs and figures."""
    head, wuqing_part = FICTIONAL_REPORT.split("武清區的這一段介紹為測試而虛構。\n")
    wuqing_paragraph, rest = wuqing_part.split("\n", 1)
    yichun_head, yichun_paragraph = rest.rsplit("伊春市的這一段介紹為測試而虛構。\n", 1)
    return (
        head
        + "武清區的這一段介紹為測試而虛構。\n"
        + (wuqing_paragraph + "\n") * times
        + yichun_head
        + "伊春市的這一段介紹為測試而虛構。\n"
        + yichun_paragraph * times
    )


@pytest.fixture
def editor_client(client, report_data):
    client.force_login(make_editor("intake-editor"))
    return client


# Session, user, the editor's permissions (group and own), then the page's own: the recent batches on the first;
# the batch, its proposed initiatives, their figures (with measures and published duplicates), the categories,
# the measures and the cities' initiatives on the review.
START_QUERIES = 6
REVIEW_QUERIES = 11
# Proposing: the session and user, the permissions, the cities and provinces, the new source (its slug, its
# validation's unique and check constraints, its insertion, the content version), the categories, headings,
# measures, published figures and English units, the source's paragraphs already published, then the batch, its
# initiatives and its figures; savepoints.
PROPOSE_QUERIES = 27


@pytest.mark.parametrize("times", [1, 10])
def test_proposing_and_reviewing_take_a_fixed_number_of_queries(editor_client, django_assert_num_queries, times):
    text = longer(times)
    with CaptureQueriesContext(connection) as posted:
        response = editor_client.post(reverse("intake_start"), {"text": text, **NEW_SOURCE})
    assert response.status_code == 302
    assert len(posted) == PROPOSE_QUERIES, "\n".join(q["sql"][:90] for q in posted)
    batch = IntakeBatch.objects.get()
    assert batch.initiatives.count() == 2 * times
    with django_assert_num_queries(REVIEW_QUERIES):
        assert editor_client.get(reverse("intake_review", args=[batch.pk])).status_code == 200
    with django_assert_num_queries(START_QUERIES):
        assert editor_client.get(reverse("intake_start")).status_code == 200
