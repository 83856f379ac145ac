import os
import sys
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

# Let the test modules import helpers beside them (report_figures.py).
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the report's data, loaded once per run like `make run` does."""
    with django_db_blocker.unblock():
        call_command("load_report", verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: pages cached by one test never leak into another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def report_data(db):
    """The report's data, reloaded when a transactional test before this one flushed it."""
    from cities.models import City

    if not City.objects.exists():
        call_command("load_report", verbosity=0)


def pytest_runtest_setup(item):
    """Tests marked `source_report` read the report's text, which is not in the repository: without it they skip
    (one summary line), or fail where REQUIRE_SOURCE_REPORT=1 (CI, `.ci/run`) so that they are never lost."""
    if item.get_closest_marker("source_report") is None:
        return
    from django.conf import settings

    path = settings.SOURCE_REPORT_PATH
    if not path.is_file():
        message = f"the source report is not at {path}: set SOURCE_REPORT_PATH to its text to run these tests"
        if os.environ.get("REQUIRE_SOURCE_REPORT") == "1":
            pytest.fail(f"REQUIRE_SOURCE_REPORT=1, but {message}", pytrace=False)
        pytest.skip(message)


def pytest_configure(config):
    """Tests serve static files from the finders; the hashed manifest is production's (`collectstatic`).

    They also need the compiled translation catalogs, which are not committed (cheap when up to date)."""
    from django.conf import settings

    from core.translations import compile_catalogs

    if compile_catalogs():
        # Catalogs read before they were compiled (Django is set up first) are read again: Django's own cache
        # and Python's gettext cache, which keeps each .mo file as first parsed.
        import gettext

        from django.utils.translation import trans_real

        gettext._translations.clear()
        trans_real._translations = {}
        trans_real._default = None

    # The test client's host: absolute URLs in pages are the configured origin's, and tests read them as such.
    settings.SITE_ORIGIN = "http://testserver"
    # The suite's own cache, apart from a `make run` on the same checkout.
    if settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
        settings.CACHES["default"]["LOCATION"] = tempfile.mkdtemp(prefix="portal-test-cache-")

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def chaoyang(report_data):
    """朝陽區, the report's first city: the city the voting tests vote for."""
    from cities.models import City

    return City.objects.get(slug="chaoyang")


@pytest.fixture
def haidian(report_data):
    """海淀區, the report's second city."""
    from cities.models import City

    return City.objects.get(slug="haidian")


@pytest.fixture
def generated_data(report_data):
    """Ten times the report's rows, generated, for asserting that query counts do not grow with data."""
    from initiatives import synthetic

    return synthetic.generate(cities=140, initiatives_per_city=6, metrics_per_initiative=3, seed=7)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request to /en/… leaves English active in the test's thread,
    and reverse() would then build /en/ URLs in the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english_admin(client):
    """The admin (outside the language prefix) in English, as an editor whose browser asks for English gets it;
    the public pages stay zh-Hant at their unprefixed URLs whatever the browser says."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def editor_client(english_admin, report_data):
    """Logged in as an editor (a staff user in the Editors group) over the report's data, the admin in English."""
    from tests.admin_support import make_editor  # the models load once Django is set up, after this module

    english_admin.force_login(make_editor())
    return english_admin


@pytest.fixture
def superuser_client(english_admin, report_data):
    from tests.admin_support import make_superuser  # as above

    english_admin.force_login(make_superuser())
    return english_admin
