"""Shared by the fidelity tests: the report's fourteen cities, and the report's text read as they compare it (its
city sections, and without spaces)."""

from functools import cache

from django.conf import settings

SUMMARY_HEADING = "創新模式總結與對比分析"

CITIES = [
    # slug, name_zh, name_en, province, level
    ("chaoyang", "朝陽區", "Chaoyang District", "beijing", "municipal_district"),
    ("haidian", "海淀區", "Haidian District", "beijing", "municipal_district"),
    ("hedong", "河東區", "Hedong District", "tianjin", "municipal_district"),
    ("wuqing", "武清區", "Wuqing District", "tianjin", "municipal_district"),
    ("hengshui", "衡水市", "Hengshui", "hebei", "prefecture_city"),
    ("hejian", "河間市", "Hejian", "hebei", "county_city"),
    ("taiyuan", "太原市", "Taiyuan", "shanxi", "provincial_capital"),
    ("jincheng", "晉城市", "Jincheng", "shanxi", "prefecture_city"),
    ("hohhot", "呼和浩特市", "Hohhot", "inner-mongolia", "provincial_capital"),
    ("ordos", "鄂爾多斯市", "Ordos", "inner-mongolia", "prefecture_city"),
    ("shenyang", "沈陽市", "Shenyang", "liaoning", "provincial_capital"),
    ("benxi", "本溪市", "Benxi", "liaoning", "prefecture_city"),
    ("yichun", "伊春市", "Yichun", "heilongjiang", "prefecture_city"),
    ("jixi", "雞西市", "Jixi", "heilongjiang", "prefecture_city"),
]


def nospace(text):
    return "".join(text.split())


@cache
def report_text():
    """The report's text: only for tests marked `source_report`, which skip when it is absent (conftest.py)."""
    return settings.SOURCE_REPORT_PATH.read_text(encoding="utf-8")


@cache
def report_nospace():
    return nospace(report_text())


@cache
def city_sections():
    """{city heading: (province heading, [paragraphs after the introduction line])} parsed from the report."""
    names = {name for _slug, name, *_ in CITIES}
    sections, province, current = {}, None, None
    for line in report_text().splitlines():
        line = line.strip()
        if line == SUMMARY_HEADING:
            break
        if line.endswith("創新示范研究"):
            province, current = line, None
        elif line in names:
            current = sections[line] = (province, [])
        elif current is not None and line:
            current[1].append(line)
    return {name: (prov, paras[1:]) for name, (prov, paras) in sections.items()}  # drop the introduction
