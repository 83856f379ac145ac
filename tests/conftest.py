import sys
from pathlib import Path

import pytest
from django.core.management import call_command

# tests/ is not a package: let the test modules import report_figures.py beside them.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def report_data(db):
    """The report's data, loaded from fixtures/ the way production loads it."""
    call_command("load_report", verbosity=0)
