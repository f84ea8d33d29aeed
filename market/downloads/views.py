"""The buyer's downloads page and the signed download link itself."""

import logging

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.files import File
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from . import services, signing
from .models import DownloadGrant, Refusal
from .selectors import grants_for_user

logger = logging.getLogger(__name__)

# 403 when the link is not the requester's to use (forged, altered, someone
# else's); 410 Gone when it was genuine but is no longer usable (expired,
# refunded, used up, file removed): a fresh link or support may help there.
REFUSAL_STATUS = {
    Refusal.TAMPERED: 403,
    Refusal.NOT_YOURS: 403,
    Refusal.EXPIRED: 410,
    Refusal.REVOKED: 410,
    Refusal.LIMIT_REACHED: 410,
    Refusal.FILE_REMOVED: 410,
}


class GrantListView(LoginRequiredMixin, ListView):
    """The signed-in buyer's files: what is left and a fresh link for each."""

    context_object_name = "grants"
    template_name = "market/downloads/grant_list.html"
    paginate_by = 50

    def get_queryset(self):
        return grants_for_user(user=self.request.user)


def _refused(request: HttpRequest, reason: Refusal) -> HttpResponse:
    return render(
        request,
        "market/downloads/refused.html",
        {"reason": reason},
        status=REFUSAL_STATUS[reason],
    )


def _attachment_name(name: str, extension: str) -> str:
    # A header cannot carry control characters; the stored name is the buyer's
    # upload name, so keep only what prints.
    return "".join(ch for ch in name if ch.isprintable()) or f"download{extension}"


def _open(grant: DownloadGrant) -> File:
    """The grant's file, opened for reading, or FILE_REMOVED."""
    digital_file = grant.digital_file
    if digital_file is None:
        raise services.DownloadRefused(Refusal.FILE_REMOVED)
    try:
        return digital_file.file.storage.open(digital_file.file.name, "rb")
    except FileNotFoundError:
        logger.error("Digital file %s is missing from storage", digital_file.pk)
        raise services.DownloadRefused(Refusal.FILE_REMOVED) from None


@require_GET  # not HEAD: a link preview must not use up a download
@login_required
def download_file(request: HttpRequest, token: str) -> HttpResponse:
    """Stream the file of a signed link to its buyer, counting one download.

    The file is opened before the download is counted, so a file missing from
    storage uses up nothing; a refusal sends the refusal page, no file bytes.
    """
    try:
        grant = signing.grant_from_token(token=token, user=request.user)
        stream = _open(grant)
        try:
            services.download_grant_use(grant_id=grant.pk, user=request.user)
        except services.DownloadRefused:
            stream.close()
            raise
    except services.DownloadRefused as refusal:
        logger.info("Download refused (%s), user %s", refusal.reason, request.user.pk)
        return _refused(request, refusal.reason)
    digital_file = grant.digital_file
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=_attachment_name(digital_file.original_name, digital_file.extension),
        content_type=digital_file.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response
