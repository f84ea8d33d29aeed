"""The buyer's downloads page and the signed download link itself."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.files import File
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from market.storage import signed_attachment_url

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


def _file_of(grant: DownloadGrant):
    """The grant's DigitalFile, or FILE_REMOVED."""
    if grant.digital_file is None:
        raise services.DownloadRefused(Refusal.FILE_REMOVED)
    return grant.digital_file


def _missing(digital_file) -> services.DownloadRefused:
    logger.error("Digital file %s is missing from storage", digital_file.pk)
    return services.DownloadRefused(Refusal.FILE_REMOVED)


def _open(digital_file) -> File:
    """The file, opened for reading from a local folder, or FILE_REMOVED."""
    try:
        return digital_file.file.storage.open(digital_file.file.name, "rb")
    except FileNotFoundError:
        raise _missing(digital_file) from None


def _signed_url(digital_file) -> str | None:
    """A short-lived link to the file in object storage, checked to exist (one
    HEAD request), or None when the files are in a local folder."""
    storage, name = digital_file.file.storage, digital_file.file.name
    url = signed_attachment_url(
        storage,
        name,
        filename=_attachment_name(digital_file.original_name, digital_file.extension),
        content_type=digital_file.content_type,
        seconds=settings.MARKET_DOWNLOAD_SIGNED_URL_SECONDS,
    )
    if url is not None and not storage.exists(name):
        raise _missing(digital_file)
    return url


@require_GET  # not HEAD: a link preview must not use up a download
@login_required
def download_file(request: HttpRequest, token: str) -> HttpResponse:
    """Send the file of a signed link to its buyer, counting one download.

    From object storage: a redirect (302) to a link signed for
    MARKET_DOWNLOAD_SIGNED_URL_SECONDS, which makes the browser save the file
    under its original name; the web machine carries no file bytes. From a
    local folder: the file itself, streamed. Either way the file is found
    before the download is counted, so a file missing from storage uses up
    nothing, and a refusal sends the refusal page, no file and no link.
    """
    stream = None
    try:
        grant = signing.grant_from_token(token=token, user=request.user)
        digital_file = _file_of(grant)
        url = _signed_url(digital_file)
        if url is None:
            stream = _open(digital_file)
        services.download_grant_use(grant_id=grant.pk, user=request.user)
    except services.DownloadRefused as refusal:
        if stream is not None:
            stream.close()
        logger.info("Download refused (%s), user %s", refusal.reason, request.user.pk)
        return _refused(request, refusal.reason)
    if url is not None:
        response = HttpResponseRedirect(url)
    else:
        response = FileResponse(
            stream,
            as_attachment=True,
            filename=_attachment_name(
                digital_file.original_name, digital_file.extension
            ),
            content_type=digital_file.content_type or "application/octet-stream",
        )
    response["Cache-Control"] = "private, no-store"
    return response
