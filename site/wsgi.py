"""WSGI entry point for gunicorn: `gunicorn dcaht.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dcaht.settings.production")

application = get_wsgi_application()
