"""The fixtures' initiatives say what the report says: one for each paragraph, under its heading, with the report's
names, numbers and dates, and described in the portal's own words."""

import re

import pytest
from report_figures import PARAGRAPHS

from cities.models import City, InnovationModel, Lesson, Source
from initiatives.models import Initiative
from tests.fidelity_support import CITIES, city_sections, nospace, report_nospace, report_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_data")]

# (city, a word of the initiative's title, date, precision, accepted events)
EVENTS = [
    ("shenyang", "社會信用條例", "2024-01-01", "day", {"took_effect"}),
    ("jincheng", "鳳城分", "2024-09-20", "day", {"launched"}),
    ("haidian", "開放信用監管數據", "2025-03-14", "day", {"signed"}),
    ("ordos", "信用承諾函替代投標保證金", "2025-05-27", "day", {"took_effect", "started"}),
    ("hengshui", "一中心兩平臺", "2023-01-01", "year", {"approved"}),
    ("shenyang", "企業上市申請", "2023-08-01", "month", {"started"}),
    ("shenyang", "專項信用報告替代無違法違規記錄證明", "2025-02-01", "month", {"issued"}),
    ("jincheng", "八條舉措", "2025-06-01", "month", {"issued"}),
    ("hohhot", "房地產開發企業", "2023-01-01", "year", {"issued"}),
    ("hohhot", "信用幫辦驛站", "2024-01-01", "year", {"started"}),
    ("wuqing", "信用園區", "2025-01-01", "year", {"awarded"}),
    ("jixi", "企業訴求直通車", "2025-01-01", "year", {"launched"}),
]


def paragraph_headings(paragraphs):
    """The heading each paragraph falls under; a paragraph without its own heading keeps the one before."""
    headings, last = [], None
    for paragraph in paragraphs:
        match = re.match(r"^(.{1,20}?方面)[,，]", paragraph)
        last = match.group(1) if match else last
        headings.append(last)
    return headings


@pytest.mark.source_report
def test_each_paragraph_of_each_city_has_an_initiative():
    sections = city_sections()
    for slug, name, *_ in CITIES:
        assert len(sections[name][1]) == PARAGRAPHS[slug], f"{slug}: the report has other paragraphs"
        city = City.objects.get(slug=slug)
        assert city.initiatives.count() >= PARAGRAPHS[slug]
        covered = set(city.initiatives.values_list("report_paragraph", flat=True))
        assert covered == set(range(1, PARAGRAPHS[slug] + 1)), slug


@pytest.mark.source_report
def test_initiatives_point_at_their_place_in_the_report():
    sections = city_sections()
    for i in Initiative.objects.select_related("city", "category"):
        province_heading, paragraphs = sections[i.city.name_zh]
        assert i.category_id
        assert i.description_zh.strip() and i.description_en.strip(), i
        assert i.title_zh.strip() and i.title_en.strip(), i
        assert i.heading.endswith("方面") and i.heading in report_text(), i.heading
        assert i.report_section == f"{province_heading} › {i.city.name_zh}", i.report_section
        assert 1 <= i.report_paragraph <= len(paragraphs), i
        assert i.heading == paragraph_headings(paragraphs)[i.report_paragraph - 1], f"{i.city.slug}/{i.slug}"
        assert i.review_status == "unchecked"
        for place in filter(None, i.sub_locality.split("、")):
            assert place in nospace("".join(paragraphs)), place


@pytest.mark.source_report
def test_taiyuan_paragraph_without_heading_belongs_to_the_one_before():
    paragraphs = city_sections()["太原市"][1]
    assert paragraphs[1].startswith("具體舉措包括")
    assert Initiative.objects.filter(city__slug="taiyuan", report_paragraph=2, heading="信用修復制度創新方面").exists()


@pytest.mark.source_report
def test_names_in_titles_are_the_reports():
    for i in Initiative.objects.all():
        for name in re.findall(r"“[^“”]+”|《[^《》]+》", i.title_zh):
            assert nospace(name) in report_nospace(), f"{i.slug}: {name}"


@pytest.mark.source_report
def test_numbers_in_chinese_texts_come_from_the_citys_section():
    sections = city_sections()
    for i in Initiative.objects.select_related("city"):
        section = nospace("".join(sections[i.city.name_zh][1]))
        for number in re.findall(r"\d+(?:\.\d+)?(?:[萬億])?", i.title_zh + i.description_zh):
            assert number in section, f"{i.city.slug}/{i.slug}: {number}"
    for city in City.objects.all():
        section = nospace("".join(sections[city.name_zh][1]))
        for number in re.findall(r"\d+(?:\.\d+)?(?:[萬億])?", city.summary_zh):
            assert number in section, f"{city.slug}: {number}"


def normalised(text):
    """Only letters, digits and CJK characters: punctuation and spaces cannot hide a copied sentence."""
    return "".join(ch for ch in text if ch.isalnum())


def copied_run(text, length=30):
    source, own = normalised(report_text()), normalised(text)
    for start in range(len(own) - length + 1):
        if own[start : start + length] in source:
            return own[start : start + length]
    return None


@pytest.mark.source_report
def test_descriptions_are_in_our_own_words():
    texts = [(f"initiative {i.city_id}/{i.slug}", i.description_zh) for i in Initiative.objects.all()]
    texts += [(f"city {c.slug}", c.summary_zh) for c in City.objects.all()]
    texts += [(f"model {m.slug}", m.description_zh) for m in InnovationModel.objects.all()]
    texts += [(f"lesson {le.slug}", le.description_zh) for le in Lesson.objects.all()]
    report = Source.objects.get()
    texts += [("introduction", report.introduction_zh), ("call to vote", report.call_to_vote_zh)]
    copies = [(where, run) for where, text in texts if (run := copied_run(text))]
    assert not copies, copies


def test_event_dates():
    for city, word, day, precision, events in EVENTS:
        matches = Initiative.objects.filter(city__slug=city, title_zh__contains=word)
        assert matches.count() == 1, (city, word)
        i = matches.get()
        assert (i.date.isoformat(), i.date_precision) == (day, precision), (city, word)
        assert i.date_event in events, (city, word)
    assert Initiative.objects.dated().count() == len(EVENTS)
