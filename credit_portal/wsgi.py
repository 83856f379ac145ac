"""The WSGI application that production serves: gunicorn loads `credit_portal.wsgi:application` (gunicorn.conf.py
sets its gthread workers). See https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "credit_portal.settings")

application = get_wsgi_application()
