"""E-mails the platform writes: rendered from a subject and a body template
in the reader's language, with links to the site that work outside it."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def site_url(path: str) -> str:
    """An absolute link to `path` on the site, for e-mails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def mail_in_language(
    *,
    language: str,
    subject_template: str,
    body_template: str,
    context: dict,
    to: list[str],
) -> None:
    """Render the subject (one line) and body in `language`, and send them."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    send_mail(subject, body, None, to)
