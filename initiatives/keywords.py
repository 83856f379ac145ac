"""Keywords as readers type them: the report is in Traditional Chinese, many readers type Simplified."""

from functools import lru_cache


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=4096)
def to_traditional(text):
    return _converter().convert(text) if text else text


def keyword_variants(keyword):
    """The keyword as typed and, when it differs, in Traditional characters."""
    variants = [keyword]
    traditional = to_traditional(keyword)
    if traditional != keyword:
        variants.append(traditional)
    return variants
