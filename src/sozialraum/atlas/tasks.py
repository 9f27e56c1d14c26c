"""Background tasks of the Sozialatlas (Django's tasks framework, backend set in TASKS)."""

from django.tasks import task

from .warnings import warning_digest_send


@task
def send_warning_digest(finding_ids: list[int]) -> int:
    """E-mail the planners a digest of these findings (ids, as task arguments must be JSON);
    findings mailed before are left out. Returns how many e-mails went out."""
    return warning_digest_send(finding_ids=finding_ids)
