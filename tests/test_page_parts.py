"""An initiative's tags and place in the report, written in Python (initiatives/page_parts.py), are the bytes the
includes write, for every initiative of the report in every language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from initiatives import page_parts
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db

TAGS = Template('{% include "initiatives/includes/initiative_tags.html" %}')
REFERENCE = Template('{% include "initiatives/includes/report_reference.html" %}')


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_every_initiative_reads_as_the_includes_write_it(report_data, language):
    initiatives = list(Initiative.objects.for_list().with_tags())
    assert any(initiative.topics.all() for initiative in initiatives)
    assert any(initiative.additional_categories.all() for initiative in initiatives)
    assert any(not initiative.topics.all() and not initiative.additional_categories.all() for initiative in initiatives)
    with translation.override(language):
        for initiative in initiatives:
            context = Context({"initiative": initiative, "LANGUAGE_CODE": language})
            assert page_parts.initiative_tags(initiative) == TAGS.render(context)
            assert page_parts.report_reference(initiative) == REFERENCE.render(context)
