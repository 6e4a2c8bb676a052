"""WSGI entry point: ``gunicorn kerjasama.wsgi`` in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.core.settings")
application = get_wsgi_application()
