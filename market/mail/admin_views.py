"""The e-mail outbox inside the Wagtail admin (/cms/outbox/): what waits to
be sent, what failed after every retry (with the mail server's answer), and
a button to send a failed e-mail again."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import EmailStatus, OutgoingEmail

PERMISSION = "mail.change_outgoingemail"
SHOWN = 200


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def outbox_list(request):
    """Failed e-mails first (they need a person), else those waiting, or the
    latest sent."""
    _check(request)
    show = request.GET.get("status", EmailStatus.FAILED)
    if show not in EmailStatus.values:
        show = EmailStatus.FAILED
    emails = OutgoingEmail.objects.filter(status=show).order_by(
        "-sent_at" if show == EmailStatus.SENT else "next_attempt_at"
    )
    counts = {
        status: OutgoingEmail.objects.filter(status=status).count()
        for status in (EmailStatus.FAILED, EmailStatus.PENDING)
    }
    return TemplateResponse(
        request,
        "market/mail/admin/list.html",
        {
            "emails": emails[:SHOWN],
            "show": show,
            "statuses": EmailStatus.choices,
            "failed_count": counts[EmailStatus.FAILED],
            "pending_count": counts[EmailStatus.PENDING],
        },
    )


@require_POST
def outbox_retry(request, pk: int):
    _check(request)
    email = get_object_or_404(OutgoingEmail, pk=pk)
    if email.status != EmailStatus.FAILED:
        messages.error(request, _("Only an e-mail that failed can be sent again."))
    else:
        services.email_retry(email=email)
        messages.success(request, _("The e-mail will be sent again in a moment."))
    return redirect("mail_outbox")
