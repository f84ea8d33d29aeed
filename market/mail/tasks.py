from django_tasks import task

from .services import emails_send_pending


@task()
def send_pending_emails() -> dict:
    """Send what the outbox holds that is due (retries included)."""
    return emails_send_pending()
