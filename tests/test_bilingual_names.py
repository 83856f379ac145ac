"""A name in English is followed by its Chinese name, set off the same way on every page; in Chinese it stands
alone, in the reader's script."""

import pytest
from django.utils import translation

from cities.models import City
from core.localization import bilingual_html

pytestmark = pytest.mark.django_db

CHAOYANG_EN = 'Chaoyang District <span class="name-zh" lang="zh-Hant">朝陽區</span>'


@pytest.mark.parametrize("language, expected", [("en", CHAOYANG_EN), ("zh-hant", "朝陽區"), ("zh-hans", "朝阳区")])
def test_a_name_in_each_language(report_data, language, expected):
    city = City.objects.get(slug="chaoyang")
    with translation.override(language):
        assert bilingual_html(city) == expected


def test_a_name_is_escaped_and_an_untranslated_one_not_repeated():
    fictional = City(name_zh="<測試>市", name_en="<測試>市")
    assert bilingual_html(fictional, language="en") == "&lt;測試&gt;市"
    fictional.name_en = "Test & City"
    assert bilingual_html(fictional, language="en") == (
        'Test &amp; City <span class="name-zh" lang="zh-Hant">&lt;測試&gt;市</span>'
    )


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/cities/",
        "/en/cities/chaoyang/",
        "/en/provinces/beijing/",
        "/en/compare/?cities=chaoyang,haidian",
        "/en/initiatives/",
        "/en/coverage/",
    ],
)
def test_pages_set_the_chinese_name_off_alike(client, report_data, path):
    html = client.get(path).content.decode()
    assert CHAOYANG_EN in html
    assert 'Chaoyang District <span lang="zh-Hant">' not in html
