"""WSGI entry point for gunicorn: `gunicorn sozialraum.wsgi` (see docs/deployment.md)."""

import os

from django.core.wsgi import get_wsgi_application

from sozialraum.core.memory import freeze_startup_objects

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sozialraum.settings")
application = get_wsgi_application()
freeze_startup_objects()

from sozialraum.directory.search_postings import warm_up_in_background  # noqa: E402  (needs Django)

warm_up_in_background()
