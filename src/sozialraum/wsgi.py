"""WSGI entry point for gunicorn: `gunicorn sozialraum.wsgi` (see docs/deployment.md)."""

import os

from django.core.wsgi import get_wsgi_application

from sozialraum.core.memory import freeze_startup_objects

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sozialraum.settings")
application = get_wsgi_application()
freeze_startup_objects()

from sozialraum.directory import filter_sets, search_postings  # noqa: E402  (needs Django)

search_postings.warm_up_in_background()
filter_sets.warm_up_in_background()
