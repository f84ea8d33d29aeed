"""E-mails the platform writes: rendered in the reader's language from a
subject and a plain-text body template, with links that work outside the
site, and sent through a durable outbox (market.mail.models.OutgoingEmail).

Queuing an e-mail is a row written in the caller's transaction: it exists
exactly when what it tells of was committed, and survives a crash. A task
sends it after the commit (in the request with the development's immediate
task backend, by a worker in production) and retries with back-off when the
mail server fails; a request never fails, and nothing is undone, because a
mail server is down (`manage.py mail_send_pending` drains what is left).

The functions below are the package's API; they load the outbox model on
first use (this package is an app whose models load after its import).
"""


def site_url(path: str) -> str:
    """An absolute link to `path` on the site, for e-mails."""
    from .services import site_url as url

    return url(path)


def mail_in_language(**kwargs):
    """Render a subject and body template in a language and queue them (see
    services.mail_in_language)."""
    from .services import mail_in_language as queue

    return queue(**kwargs)


def mail_staff(**kwargs):
    """Queue an e-mail to MARKET_ALERT_EMAILS (see services.mail_staff)."""
    from .services import mail_staff as queue

    return queue(**kwargs)
