"""Production (DJANGO_DEBUG=0) compiles each template once per process: the cached loader wraps the others."""

import json

from tests.production import production_env, run_python

LOADERS = """
import json, django
django.setup()
from django.template import engines
engine = engines["django"].engine
name = lambda loader: type(loader).__module__ + "." + type(loader).__name__
outer = engine.template_loaders
inner = [type(each).__module__ for loader in outer for each in getattr(loader, "loaders", [])]
print(json.dumps([engine.debug, [name(loader) for loader in outer], inner]))
"""


def test_production_templates_load_through_the_cached_loader():
    result = run_python(LOADERS, production_env())
    assert result.returncode == 0, result.stderr
    debug, loaders, wrapped = json.loads(result.stdout.strip().splitlines()[-1])
    assert debug is False
    assert loaders == ["django.template.loaders.cached.Loader"]
    assert wrapped == ["django.template.loaders.filesystem", "django.template.loaders.app_directories"]
