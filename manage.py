#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    """Run administrative tasks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "credit_portal.settings")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    from django.utils import translation

    # Commands speak English. Django's own prompts (createsuperuser's among them) are not translated, so with the
    # site's default language active their field names would come in Chinese beside English sentences.
    translation.deactivate_all()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
