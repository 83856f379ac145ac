"""A report's text split the way the present report is written, and the figures each paragraph gives.

The conventions (docs/editing.md):
- a province's part opens with a heading line "…創新示范研究" (北京市創新示范研究);
- a city's section opens with a heading line naming it (朝陽區, 衡水市): a short line, no sentence punctuation, ending
  in a place suffix (市, 區, 縣, 旗, 州, 盟);
- the section's first paragraph introduces the city; the numbered paragraphs follow (1 is the first after it), each
  opening with its theme "…方面，" — a paragraph without one continues the previous paragraph's theme;
- a heading line that is neither ends the cities' part (創新模式總結與對比分析: the report's own conclusions).

Figures are read by core.figures (the one reader of the report's notation); the time each refers to by
intake.times. Nothing here touches the database.
"""

import re
from dataclasses import dataclass, field

from core.figures import find_figures
from intake.times import time_before

PROVINCE_HEADING = re.compile(r"^(?P<province>\S{2,12}?)創新示范研究$")
PLACE_SUFFIXES = "市區縣旗州盟"
SENTENCE_PUNCTUATION = re.compile(r"[，。,；;：:！？!?、]")
THEME = re.compile(r"^(?P<heading>[^，。,；]{2,30}?方面)\s*[，,]")
SENTENCE_END = re.compile(r"[。！？；!?;]")
MAX_HEADING_LENGTH = 20
# 「數據合規率、及時率和報送率均實現 100%」: one figure for each of the things listed before 均.
EACH_OF = re.compile(r"(?P<subjects>[^，。,；]*?)均[^，。,；]*$")


READ_FIELDS = ("value", "value_max", "unit", "qualifier", "second_qualifier")


class ReportTextError(ValueError):
    """The text cannot be split into city sections."""


@dataclass
class ProposedFigureData:
    as_written: str
    start: int
    value: object = None
    value_max: object = None
    unit: str = ""
    qualifier: str = "exact"
    second_qualifier: str = ""
    time_as_written: str = ""
    as_of: object = None
    as_of_precision: str = ""
    period_start: object = None
    period_precision: str = ""
    period_end: object = None
    problem: str = ""
    context: str = ""  # the clause it stands in, for a label


@dataclass
class Paragraph:
    number: int
    heading: str
    text: str
    figures: list = field(default_factory=list)


@dataclass
class CitySection:
    province: str  # as the heading writes it: 北京市, 內蒙古自治區
    city: str  # 朝陽區
    introduction: str = ""
    paragraphs: list = field(default_factory=list)

    @property
    def report_section(self):
        """As the fixtures cite it: 北京市創新示范研究 › 朝陽區."""
        return f"{self.province}創新示范研究 › {self.city}"


def is_heading(line):
    return len(line) <= MAX_HEADING_LENGTH and not SENTENCE_PUNCTUATION.search(line)


def split_sections(text):
    """The report's city sections in order; ReportTextError when there is none."""
    sections, province = [], None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if is_heading(line):
            heading = PROVINCE_HEADING.match(line)
            if heading:
                province = heading.group("province")
                continue
            if province and line[-1] in PLACE_SUFFIXES:
                sections.append(CitySection(province=province, city=line))
                continue
            if sections:  # a heading of another kind: the cities' part is over
                break
            continue
        if not sections:
            continue  # the report's introduction
        section = sections[-1]
        if not section.introduction and not section.paragraphs and not THEME.match(line):
            section.introduction = line
            continue
        theme = THEME.match(line)
        heading = theme.group("heading") if theme else (section.paragraphs[-1].heading if section.paragraphs else "")
        section.paragraphs.append(Paragraph(number=len(section.paragraphs) + 1, heading=heading, text=line))
    if not sections:
        raise ReportTextError("no city heading")
    for section in sections:
        for paragraph in section.paragraphs:
            paragraph.figures = paragraph_figures(paragraph.text)
    return sections


def _clause_bounds(text, position):
    start = max(text.rfind(mark, 0, position) for mark in "，。,；;") + 1
    ends = [i for i in (text.find(mark, position) for mark in "，。,；;") if i != -1]
    return start, min(ends) if ends else len(text)


def paragraph_figures(text):
    """The figures of one paragraph, each with the time its sentence gives before it."""
    proposals = []
    for found in find_figures(text):
        start = found["start"]
        sentence_start = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
        time = time_before(text, sentence_start, start)
        clause_start, clause_end = _clause_bounds(text, start)
        figure = ProposedFigureData(
            as_written=found["as_written"],
            start=start,
            problem=found.get("problem", ""),
            context=text[clause_start:clause_end].strip(),
            **{key: found[key] for key in READ_FIELDS if key in found},
            **time,
        )
        each = EACH_OF.match(text[clause_start:start])
        count = len(_listed(each.group("subjects"))) if each else 1
        proposals.extend(ProposedFigureData(**{**figure.__dict__}) for _ in range(count))
    return proposals


def _listed(subjects):
    """合規率、及時率和報送率 → three subjects (和, 與 or 及 before the last one)."""
    items = [item for item in re.split(r"、", subjects) if item.strip()]
    if items:
        items[-1:] = [part for part in re.split(r"(?<=.)(?:和|與|与|以及)", items[-1], maxsplit=1) if part.strip()]
    return items or [subjects]
