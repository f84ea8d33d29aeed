"""The signed download link and the buyer's downloads page, through HTTP."""

import time
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.core import signing
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from market.downloads.models import DownloadGrant, Refusal
from market.downloads.selectors import grants_for_order
from market.downloads.services import (
    DownloadRefused,
    download_grants_create,
    download_grants_revoke,
)
from market.downloads.signing import download_url, grant_from_token
from tests.factories import UserFactory

from .conftest import WAV, place_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(order):
    (grant,) = download_grants_create(order=order)
    return grant


def count(grant: DownloadGrant) -> int:
    grant.refresh_from_db()
    return grant.download_count


def assert_refused(response, status: int, reason: Refusal) -> None:
    """A short refusal page, and not one byte of the file."""
    assert response.status_code == status
    assert not response.streaming
    assert response.context["reason"] == reason
    assert str(reason.label) in response.content.decode()
    assert WAV not in response.content


def token_of(url: str) -> str:
    return url.removeprefix("/shop/downloads/").removesuffix("/")


def test_download_sends_the_exact_bytes_once_counted(client, buyer, grant):
    client.force_login(buyer)

    response = client.get(download_url(grant=grant))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == WAV
    assert response["Content-Type"] == "audio/x-wav"
    assert response["Content-Length"] == str(len(WAV))
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Mu%C4%9Fam%20n%C3%BCmun%C9%99l%C9%99ri.wav"
    )
    assert response["Cache-Control"] == "private, no-store"
    assert count(grant) == 1


def test_link_is_bound_to_the_grant_user_and_line(grant, buyer):
    url = download_url(grant=grant)

    assert url.startswith("/shop/downloads/")
    assert grant_from_token(token=token_of(url), user=buyer) == grant


def test_expired_link_is_refused_and_counts_nothing(client, buyer, grant, settings):
    settings.MARKET_DOWNLOAD_LINK_MAX_AGE = 3600
    signed_at = time.time() - 3601
    with mock.patch("django.core.signing.time.time", return_value=signed_at):
        url = download_url(grant=grant)
    client.force_login(buyer)

    response = client.get(url)

    assert_refused(response, 410, Refusal.EXPIRED)
    assert count(grant) == 0


def test_link_within_its_age_works(client, buyer, grant, settings):
    settings.MARKET_DOWNLOAD_LINK_MAX_AGE = 3600
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 3500):
        url = download_url(grant=grant)
    client.force_login(buyer)

    response = client.get(url)

    assert response.status_code == 200
    assert count(grant) == 1


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "W1s5OTksMSwxXQ" + token[token.index(":") :],
        lambda token: token.split(":", 1)[0],
        lambda token: "not-a-token",
    ],
    ids=["signature", "payload", "no-signature", "garbage"],
)
def test_tampered_link_is_refused_and_counts_nothing(client, buyer, grant, tamper):
    token = tamper(token_of(download_url(grant=grant)))
    client.force_login(buyer)

    response = client.get(reverse("downloads:file", kwargs={"token": token}))

    assert_refused(response, 403, Refusal.TAMPERED)
    assert count(grant) == 0


def test_another_users_link_is_refused(client, grant):
    stranger = UserFactory(email="stranger@example.az")
    client.force_login(stranger)

    response = client.get(download_url(grant=grant))

    assert_refused(response, 403, Refusal.NOT_YOURS)
    assert count(grant) == 0


def test_a_genuine_signature_for_another_user_on_this_grant_is_refused(client, grant):
    # Even a token signed with the real key cannot move a grant to someone else.
    stranger = UserFactory(email="stranger@example.az")
    token = signing.TimestampSigner(salt="market.downloads").sign_object(
        [grant.pk, stranger.pk, grant.line_id]
    )
    client.force_login(stranger)

    response = client.get(reverse("downloads:file", kwargs={"token": token}))

    assert_refused(response, 403, Refusal.TAMPERED)
    assert count(grant) == 0


def test_a_token_for_another_line_is_refused(client, buyer, grant, resident, variant):
    other_order = place_order(buyer, resident, variant)
    other_line = other_order.lines.get()
    token = signing.TimestampSigner(salt="market.downloads").sign_object(
        [grant.pk, buyer.pk, other_line.pk]
    )
    client.force_login(buyer)

    response = client.get(reverse("downloads:file", kwargs={"token": token}))

    assert_refused(response, 403, Refusal.TAMPERED)
    assert count(grant) == 0


def test_downloads_stop_at_the_limit(client, buyer, order, settings):
    settings.MARKET_DOWNLOAD_LIMIT = 2
    (grant,) = download_grants_create(order=order)
    client.force_login(buyer)

    first = client.get(download_url(grant=grant))
    second = client.get(download_url(grant=grant))
    third = client.get(download_url(grant=grant))

    assert b"".join(first.streaming_content) == WAV
    assert b"".join(second.streaming_content) == WAV
    assert_refused(third, 410, Refusal.LIMIT_REACHED)
    assert count(grant) == 2


def test_revoked_grant_is_refused(client, buyer, grant, digital_line):
    url = download_url(grant=grant)
    download_grants_revoke(line=digital_line, reason="Refund R-17")
    client.force_login(buyer)

    response = client.get(url)

    assert_refused(response, 410, Refusal.REVOKED)
    assert count(grant) == 0


def test_removed_file_is_refused(client, buyer, grant, wav_file):
    url = download_url(grant=grant)
    wav_file.delete()
    client.force_login(buyer)

    response = client.get(url)

    assert_refused(response, 410, Refusal.FILE_REMOVED)
    assert count(grant) == 0


def test_file_missing_from_storage_is_refused_without_counting(
    client, buyer, grant, wav_file
):
    wav_file.file.storage.delete(wav_file.file.name)
    client.force_login(buyer)

    response = client.get(download_url(grant=grant))

    assert_refused(response, 410, Refusal.FILE_REMOVED)
    assert count(grant) == 0


def test_anonymous_visitor_is_sent_to_log_in(client, grant):
    url = download_url(grant=grant)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == (
        reverse("customer:login") + "?" + urlencode({"next": url}, safe="/")
    )
    assert count(grant) == 0


def test_head_request_counts_nothing(client, buyer, grant):
    client.force_login(buyer)

    response = client.head(download_url(grant=grant))

    assert response.status_code == 405
    assert count(grant) == 0


def test_list_shows_only_the_users_own_grants(client, buyer, grant, resident, variant):
    other_buyer = UserFactory(email="other@example.az")
    (others,) = download_grants_create(
        order=place_order(other_buyer, resident, variant)
    )
    client.force_login(buyer)

    response = client.get(reverse("downloads:list"))

    assert response.status_code == 200
    assert list(response.context["grants"]) == [grant]
    html = response.content.decode()
    assert html.count('class="btn btn-primary btn-sm download-link"') == 1
    assert "Muğam nümunələri (Personal)" in html
    assert "Muğam nümunələri.wav" in html
    with translation.override("az"):
        assert _("%(left)s of %(limit)s") % {"left": 5, "limit": 5} in html
    link = html.split('download-link" href="')[1].split('"')[0]
    assert grant_from_token(token=token_of(link), user=buyer) == grant
    with pytest.raises(DownloadRefused) as refused:
        grant_from_token(token=token_of(link), user=other_buyer)
    assert refused.value.reason == Refusal.NOT_YOURS
    assert others.user == other_buyer


def test_list_says_why_a_grant_is_unavailable(client, buyer, grant, digital_line):
    download_grants_revoke(line=digital_line, reason="Refund")
    client.force_login(buyer)

    response = client.get(reverse("downloads:list"))

    html = response.content.decode()
    assert "download-link" not in html
    assert str(Refusal.REVOKED.label) in html


def test_list_requires_sign_in(client):
    response = client.get(reverse("downloads:list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("customer:login"))


def test_order_snippet_lists_links_with_downloads_left(buyer, order, grant):
    request = RequestFactory().get("/")
    request.user = buyer

    html = render_to_string(
        "market/downloads/order_downloads.html",
        {"grants": grants_for_order(order=order, user=buyer)},
        request=request,
    )

    link = html.split('class="download-link" href="')[1].split('"')[0]
    assert grant_from_token(token=token_of(link), user=buyer) == grant
    assert "Muğam nümunələri.wav" in html
    assert html.count('class="download-link"') == 1
