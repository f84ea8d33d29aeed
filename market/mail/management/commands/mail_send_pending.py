"""Send the e-mails waiting in the outbox (run every minute from cron, or
by the scheduler): retries of e-mails the mail server refused, and anything
queued while no worker ran."""

from django.core.management.base import BaseCommand

from market.mail.services import emails_send_pending


class Command(BaseCommand):
    help = "Send the e-mails waiting in the outbox."

    def handle(self, *args, **options):
        counts = emails_send_pending(limit=10_000)
        self.stdout.write(
            "sent {sent}, retrying later {retrying}, failed {failed}".format(**counts)
        )
