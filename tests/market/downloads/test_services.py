"""Granting, using and revoking downloads, without the web layer."""

import pytest
from django.db import IntegrityError, transaction

from catalogue.kinds import PHYSICAL
from market.downloads.models import DownloadGrant, Refusal
from market.downloads.selectors import grants_for_order, grants_for_user
from market.downloads.services import (
    DownloadRefused,
    download_grant_use,
    download_grants_create,
    download_grants_revoke,
)
from tests.factories import UserFactory

from .conftest import add_digital_file, place_order

pytestmark = pytest.mark.django_db


def test_grants_one_per_file_of_each_digital_line(
    order, digital_line, wav_file, zip_file, buyer, settings
):
    settings.MARKET_DOWNLOAD_LIMIT = 3

    grants = download_grants_create(order=order)

    assert [(g.line, g.digital_file, g.user) for g in grants] == [
        (digital_line, wav_file, buyer),
        (digital_line, zip_file, buyer),
    ]
    assert [(g.download_limit, g.download_count, g.revoked_at) for g in grants] == [
        (3, 0, None),
        (3, 0, None),
    ]


def test_granting_twice_creates_nothing_new(order, zip_file):
    first = download_grants_create(order=order)

    second = download_grants_create(order=order)

    assert [g.pk for g in second] == [g.pk for g in first]
    assert DownloadGrant.objects.count() == 2


def test_granting_again_adds_only_files_added_since(order, wav_file, variant):
    (first,) = download_grants_create(order=order)
    added = add_digital_file(variant.parent, "extra.zip", b"PK\x03\x04", ".zip", "")

    grants = download_grants_create(order=order)

    assert [g.digital_file for g in grants] == [wav_file, added]
    assert grants[0].pk == first.pk
    assert DownloadGrant.objects.count() == 2


def test_an_order_without_digital_lines_gets_no_grants(buyer, resident, catalogue):
    order = place_order(buyer, resident, catalogue[PHYSICAL])

    assert download_grants_create(order=order) == []
    assert DownloadGrant.objects.count() == 0


def test_a_refunded_line_gets_no_new_grants(order, digital_line, variant):
    download_grants_create(order=order)
    download_grants_revoke(line=digital_line, reason="Refund")
    add_digital_file(variant.parent, "late.zip", b"PK\x03\x04", ".zip", "")

    download_grants_create(order=order)

    assert DownloadGrant.objects.count() == 1


def test_use_counts_one_download(order, buyer):
    (grant,) = download_grants_create(order=order)

    used = download_grant_use(grant_id=grant.pk, user=buyer)

    assert used.pk == grant.pk
    assert used.download_count == 1
    grant.refresh_from_db()
    assert grant.download_count == 1


def test_another_user_cannot_use_a_grant_by_its_id(order):
    (grant,) = download_grants_create(order=order)
    stranger = UserFactory(email="stranger@example.az")

    with pytest.raises(DownloadRefused) as refused:
        download_grant_use(grant_id=grant.pk, user=stranger)

    assert refused.value.reason == Refusal.NOT_YOURS
    grant.refresh_from_db()
    assert grant.download_count == 0


def test_use_stops_at_the_limit(order, buyer, settings):
    settings.MARKET_DOWNLOAD_LIMIT = 2
    (grant,) = download_grants_create(order=order)
    download_grant_use(grant_id=grant.pk, user=buyer)
    download_grant_use(grant_id=grant.pk, user=buyer)

    with pytest.raises(DownloadRefused) as refused:
        download_grant_use(grant_id=grant.pk, user=buyer)

    assert refused.value.reason == Refusal.LIMIT_REACHED
    grant.refresh_from_db()
    assert grant.download_count == 2


def test_revoking_is_idempotent_and_stops_use(order, digital_line, zip_file, buyer):
    download_grants_create(order=order)

    first = download_grants_revoke(line=digital_line, reason="Refund R-17")
    again = download_grants_revoke(line=digital_line, reason="Second refund")

    assert (first, again) == (2, 0)
    assert list(
        DownloadGrant.objects.order_by("pk").values_list("revoke_reason", flat=True)
    ) == ["Refund R-17", "Refund R-17"]
    grant = DownloadGrant.objects.first()
    with pytest.raises(DownloadRefused) as refused:
        download_grant_use(grant_id=grant.pk, user=buyer)
    assert refused.value.reason == Refusal.REVOKED
    grant.refresh_from_db()
    assert grant.download_count == 0


def test_a_removed_file_cannot_be_used(order, wav_file, buyer):
    (grant,) = download_grants_create(order=order)
    wav_file.delete()

    with pytest.raises(DownloadRefused) as refused:
        download_grant_use(grant_id=grant.pk, user=buyer)

    assert refused.value.reason == Refusal.FILE_REMOVED
    grant.refresh_from_db()
    assert (grant.digital_file, grant.download_count) == (None, 0)


def test_the_database_refuses_a_count_above_the_limit(order):
    (grant,) = download_grants_create(order=order)

    with pytest.raises(IntegrityError), transaction.atomic():
        DownloadGrant.objects.filter(pk=grant.pk).update(download_count=6)

    grant.refresh_from_db()
    assert grant.download_count == 0


def test_selectors_return_only_the_users_own_grants(order, resident, variant, buyer):
    own = download_grants_create(order=order)
    other_buyer = UserFactory(email="other@example.az")
    other_order = place_order(other_buyer, resident, variant)
    others = download_grants_create(order=other_order)

    assert list(grants_for_user(user=buyer)) == own
    assert list(grants_for_user(user=other_buyer)) == others
    assert list(grants_for_order(order=order, user=buyer)) == own
    assert list(grants_for_order(order=order, user=other_buyer)) == []
