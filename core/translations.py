"""Compile the translation catalogs (.po → .mo) in pure Python, so a fresh machine needs no GNU gettext.

The .mo files are build products (not committed): `make install` and the test session compile them.
"""

from pathlib import Path

from django.conf import settings

# The project's catalogs (settings.LOCALE_PATHS); this module only compiles them.
LOCALE_DIR = Path(settings.LOCALE_PATHS[0])


def catalogs(locale_dir=LOCALE_DIR):
    return sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po"))


def compile_catalogs(locale_dir=LOCALE_DIR, force=False):
    """Write each .mo next to its .po when missing or older; returns the .mo paths written."""
    import polib

    written = []
    for po_path in catalogs(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalog = polib.pofile(str(po_path))
        # Like msgfmt without --use-fuzzy: a fuzzy translation is a guess, and shows the English instead.
        for entry in catalog.fuzzy_entries():
            catalog.remove(entry)
        catalog.save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written
