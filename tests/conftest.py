import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the report's data, loaded once per run like `make run` does."""
    with django_db_blocker.unblock():
        call_command("load_report", verbosity=0)


@pytest.fixture
def report_data(db):
    """The report's data, reloaded when a transactional test before this one flushed it."""
    from cities.models import City

    if not City.objects.exists():
        call_command("load_report", verbosity=0)
