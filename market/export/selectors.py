"""Reads of selling abroad: which shipping profiles a resident owns, and
which they may put on a listing (their own and the Centre's)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import ShippingProfile, ShippingRate, ShippingZone


def owned_shipping_profiles(resident) -> QuerySet:
    """The resident's own profiles: the ones they may change."""
    return ShippingProfile.objects.filter(resident=resident)


def usable_shipping_profiles(resident) -> QuerySet:
    """The profiles a resident may ship a listing with: their own, then the
    Centre's (which they may read and adopt, never change)."""
    return ShippingProfile.objects.filter(
        Q(resident=resident) | Q(resident__isnull=True)
    ).order_by("resident_id", "name", "pk")


def owned_shipping_zones(resident) -> QuerySet:
    return ShippingZone.objects.filter(profile__resident=resident).select_related(
        "profile"
    )


def owned_shipping_rates(resident) -> QuerySet:
    return ShippingRate.objects.filter(zone__profile__resident=resident).select_related(
        "zone__profile"
    )
