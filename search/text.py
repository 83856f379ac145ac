"""A search query, and the matches it finds in a text: highlighted names and snippets."""

from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.search_index import normalize, normalize_with_positions, pinyin_syllables

MAX_QUERY_CHARACTERS = 100  # of what the reader typed; a longer query is cut, and the page says so
SNIPPET_BEFORE = 30
SNIPPET_AFTER = 90
PINYIN_HIGHLIGHT_MAX = 40  # only names are stored in pinyin, so only short texts are matched through it


@dataclass(frozen=True)
class SearchQuery:
    text: str  # as typed, trimmed and cut to MAX_QUERY_CHARACTERS
    needle: str  # normalised: what search_text must contain
    was_cut: bool = False

    @property
    def is_empty(self):
        return not self.needle


def parse_query(raw):
    text = " ".join((raw or "").split())
    was_cut = len(text) > MAX_QUERY_CHARACTERS
    text = text[:MAX_QUERY_CHARACTERS]
    return SearchQuery(text=text, needle=normalize(text), was_cut=was_cut)


# -- highlighting -------------------------------------------------------------------------------------------


def match_spans(text, needle):
    """(start, end) spans of `text` whose normalised form is `needle`, in order, not overlapping."""
    if not text or not needle:
        return ()
    return _match_spans(str(text), str(needle))


@lru_cache(maxsize=4096)
def _match_spans(text, needle):
    """Kept for the texts last searched: a page highlights the same names and descriptions for every reader."""
    normalized, positions = normalize_with_positions(text)
    spans = _spans(normalized, positions, needle)
    return tuple(spans or _pinyin_spans(text, needle))


def _spans(normalized, positions, needle):
    spans = []
    start = normalized.find(needle)
    while start != -1:
        end = start + len(needle)
        spans.append((positions[start], positions[end - 1] + 1))
        start = normalized.find(needle, end)
    return spans


def _pinyin_spans(text, needle):
    """Spans of a Chinese name matched through its pinyin: 'chaoyang' marks 朝陽 in 朝陽區."""
    if len(text) > PINYIN_HIGHLIGHT_MAX or text.isascii() or not needle.isascii():
        return []
    syllables = pinyin_syllables(text)
    if len(syllables) != len(text):
        return []
    normalized, positions = [], []
    for index, syllable in enumerate(syllables):
        for character in normalize(syllable):
            normalized.append(character)
            positions.append(index)
    return _spans("".join(normalized), positions, needle)


def highlight(text, needle):
    """`text` escaped, with each match of `needle` wrapped in <mark>; safe to render as it is."""
    text = str(text or "")
    pieces = []
    done = 0
    for start, end in match_spans(text, needle):
        pieces.append(escape(text[done:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        done = end
    pieces.append(escape(text[done:]))
    return mark_safe("".join(pieces))


def snippet(text, needle):
    """A short window of a long text around its first match, highlighted; the beginning when nothing matches."""
    text = str(text or "")
    spans = match_spans(text, needle)
    if spans:
        start, end = spans[0]
        window_start = max(0, start - SNIPPET_BEFORE)
        window_end = min(len(text), end + SNIPPET_AFTER)
    else:
        window_start, window_end = 0, SNIPPET_BEFORE + SNIPPET_AFTER
    window = text[window_start:window_end]
    prefix = "…" if window_start > 0 else ""
    suffix = "…" if window_end < len(text) else ""
    return mark_safe(f"{prefix}{highlight(window, needle)}{suffix}")
