from django_tasks import task

from .services import webhook_deliveries_send_due


@task()
def send_due_webhooks() -> dict:
    """Send the webhook deliveries that are due (retries included)."""
    return webhook_deliveries_send_due()
