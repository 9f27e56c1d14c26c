"""Background task: regenerate the HSDS downloads (django.tasks; settings TASKS).

Enqueue it after bulk changes (an import) or on a schedule:
``regenerate_hsds_downloads.enqueue()``. With the default immediate backend it runs at once.
"""

from django.tasks import task

from .export import hsds_export_downloads


@task
def regenerate_hsds_downloads() -> list[str]:
    return [str(path) for path in hsds_export_downloads()]
