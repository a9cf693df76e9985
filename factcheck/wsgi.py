"""WSGI entry point (gunicorn factcheck.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

application = get_wsgi_application()

# What loading the project made (modules, URL patterns, models) lives as long as the process:
# frozen, it is left out of the collector's full passes, which would otherwise walk it all
# again every few hundred requests.
gc.freeze()
