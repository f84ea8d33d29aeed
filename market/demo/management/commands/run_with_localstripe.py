"""Serve the demo with payments on: localstripe (a fake Stripe from PyPI) on
port 8420, its webhooks sent to this server, and the Stripe settings pointed
at it. For trying the checkout without a Stripe account; never in production.

Test cards (any future expiry, any CVC): 4242424242424242 pays,
4000002760003184 asks for 3-D Secure, 4000000000000341 is declined.
"""

import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

WEBHOOK_SECRET = "whsec_demo_localstripe"  # noqa: S105 - a fake server's secret


class Command(BaseCommand):
    help = "Run the development server with localstripe as Stripe."

    def add_arguments(self, parser):
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--stripe-port", type=int, default=8420)

    def handle(self, *args, address, stripe_port, **options):
        state = settings.BASE_DIR / ".localstripe"
        state.mkdir(exist_ok=True)
        base = f"http://127.0.0.1:{stripe_port}"
        log = (state / "localstripe.log").open("w")
        process = subprocess.Popen(  # noqa: S603 - our interpreter, a fixed module
            [
                sys.executable,
                "-m",
                "localstripe",
                "--port",
                str(stripe_port),
                "--from-scratch",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=state,
        )
        # Stopped with SIGTERM too (not only Ctrl-C): still stop localstripe.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            self._wait(base, process)
            host, _, port = address.rpartition(":")
            webhook = urllib.parse.urlencode(
                {
                    "url": f"http://{host or '127.0.0.1'}:{port}/stripe/webhook/",
                    "secret": WEBHOOK_SECRET,
                }
            ).encode()
            urllib.request.urlopen(  # noqa: S310 - localhost, fixed scheme
                f"{base}/_config/webhooks/market", data=webhook, timeout=5
            )
            settings.STRIPE_SECRET_KEY = "sk_test_localstripe"  # noqa: S105
            settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
            settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
            settings.STRIPE_API_BASE = base
            settings.STRIPE_JS_URL = f"{base}/js.stripe.com/v3/"
            self.stdout.write(
                f"localstripe on {base} (log: {state / 'localstripe.log'}). "
                "Card 4242424242424242 pays; 4000002760003184 asks for 3-D Secure."
            )
            call_command("runserver", address, use_reloader=False)
        finally:
            process.terminate()
            process.wait(timeout=10)
            log.close()

    def _wait(self, base: str, process) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise CommandError(
                    "localstripe stopped; is port 8420 taken? See .localstripe/."
                )
            try:
                urllib.request.urlopen(f"{base}/js.stripe.com/v3/", timeout=1)  # noqa: S310
                return
            except OSError:
                time.sleep(0.2)
        raise CommandError("localstripe did not start within 20 seconds.")
