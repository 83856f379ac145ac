"""The same site as an ASGI application, for an ASGI server (uvicorn, daphne) where one is preferred; production
runs the WSGI one. See https://docs.djangoproject.com/en/5.2/howto/deployment/asgi/."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "credit_portal.settings")

application = get_asgi_application()
