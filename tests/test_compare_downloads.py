"""The comparison's CSV download: the page's rows, in the reader's language, through either address."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.compare_support import COMPARE, compare, read_csv, translated

pytestmark = pytest.mark.django_db


def test_csv_has_a_header_row_and_the_same_rows_as_the_page(client, report_data):
    response = client.get(reverse("compare_csv") + "?cities=chaoyang,haidian")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="compare-chaoyang-haidian.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    _ = translation.gettext  # the CSV is in the reader's language, like the page
    assert rows[0] == [_("Section"), _("Row"), "朝陽區", "海淀區", _("Note")]
    assert all(len(row) == 5 for row in rows)
    facts = {row[1]: row[2:4] for row in rows if row[0] == _("At a glance")}
    assert facts[translation.gettext("Province")] == ["北京市", "北京市"]
    chaoyang_figures = " ".join(row[2] for row in rows)
    assert "7.58萬家 (截至2026年1月)" in chaoyang_figures
    measures = {row[1]: row for row in rows if row[0] == _("By measure")}
    records = measures["信用數據"]
    assert records[2].startswith("超3.6萬條 (2024年全年) [")
    assert "約1.2億條" in records[3] and _("(largest)") not in records[3]  # opened vs shared in a year: not ranked
    assert records[4].startswith(translated("Not ranked: %(reason)s"))


def test_csv_through_the_format_parameter(client, report_data):
    response = compare(client, "cities=chaoyang,haidian&format=csv")
    assert response.status_code == 200
    assert read_csv(response)[0][2:4] == ["朝陽區", "海淀區"]
    # The city page's form plus ?format=csv still ends at the CSV.
    response = compare(client, "cities=chaoyang&cities=haidian&format=csv")
    assert response["Location"] == f"{COMPARE}?cities=chaoyang,haidian&format=csv"


def test_csv_follows_the_readers_language(client, report_data):
    with translation.override("en"):
        response = client.get(reverse("compare_csv") + "?cities=chaoyang,haidian", HTTP_ACCEPT_LANGUAGE="en")
    rows = read_csv(response)
    assert rows[0][2:4] == ["Chaoyang District 朝陽區", "Haidian District 海淀區"]
