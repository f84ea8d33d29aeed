"""Writes of shipping profiles: a resident's own (from their dashboard) or
the Centre's (`resident=None`, from the staff's Wagtail admin, whose model
permissions say who may). Each function checks that the profile belongs to
`resident` and raises PermissionDenied otherwise; a refusal (ValidationError)
writes nothing. Every change to a zone, rate or band touches the profile's
`updated_at` (which also re-indexes its listings for search)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from market.residents.models import Resident
from market.residents.selectors import resident_may_act
from market.validators import validate_one_line

from .models import ShippingProfile, ShippingRate, ShippingZone, WeightBand


def _check_owner(profile: ShippingProfile, resident: Resident | None) -> None:
    """`resident` owns `profile` (None: the Centre owns it) and may act now."""
    owner_id = resident.pk if resident is not None else None
    if profile.resident_id != owner_id:
        raise PermissionDenied
    if resident is not None and not resident_may_act(resident):
        raise PermissionDenied(_("Your shop is not open: this cannot be done now."))


def _check_name(name: str, field: str = "name") -> str:
    name = name.strip()
    if not name:
        raise ValidationError({field: _("Give a name.")})
    try:
        validate_one_line(name)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    return name


@transaction.atomic
def shipping_profile_create(*, resident: Resident | None, name: str) -> ShippingProfile:
    """A new, empty profile of `resident` (None: a Centre profile)."""
    profile = ShippingProfile(resident=resident, name=_check_name(name))
    _check_owner(profile, resident)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def shipping_profile_update(
    *, resident: Resident | None, profile: ShippingProfile, name: str
) -> ShippingProfile:
    """Rename one of `resident`'s profiles."""
    profile = ShippingProfile.objects.select_for_update().get(pk=profile.pk)
    _check_owner(profile, resident)
    profile.name = _check_name(name)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def shipping_profile_delete(
    *, resident: Resident | None, profile: ShippingProfile
) -> None:
    """Delete a profile with its zones and rates; refused while a listing
    ships with it."""
    profile = ShippingProfile.objects.select_for_update().get(pk=profile.pk)
    _check_owner(profile, resident)
    used = profile.listings.count()
    if used:
        raise ValidationError(
            _(
                "%(count)s listing(s) ship with this profile: give them another "
                "profile before deleting it."
            )
            % {"count": used}
        )
    profile.delete()


@transaction.atomic
def shipping_zone_save(
    *,
    resident: Resident | None,
    profile: ShippingProfile,
    name: str,
    countries: Iterable[str],
    zone: ShippingZone | None = None,
) -> ShippingZone:
    """Create (`zone` None) or change a zone of one of `resident`'s profiles.
    Refused when it has no country, or a country another zone of the same
    profile already has."""
    profile = ShippingProfile.objects.select_for_update().get(pk=profile.pk)
    _check_owner(profile, resident)
    if zone is None:
        zone = ShippingZone(profile=profile)
    else:
        zone = ShippingZone.objects.get(pk=zone.pk)
        if zone.profile_id != profile.pk:
            raise PermissionDenied
    zone.profile = profile
    zone.name = _check_name(name)
    zone.countries = list(countries)
    zone.full_clean()
    zone.save()
    profile.save()
    return zone


@transaction.atomic
def shipping_zone_delete(*, resident: Resident | None, zone: ShippingZone) -> None:
    """Delete a zone of one of `resident`'s profiles, with its rates."""
    zone = ShippingZone.objects.select_related("profile").get(pk=zone.pk)
    profile = ShippingProfile.objects.select_for_update().get(pk=zone.profile_id)
    _check_owner(profile, resident)
    zone.delete()
    profile.save()


def _clean_bands(bands: Iterable[tuple[int, Decimal]]) -> list[tuple[int, Decimal]]:
    cleaned = []
    for max_grams, price in bands:
        if max_grams is None or max_grams < 1:
            raise ValidationError(_("A weight band ends at 1 gram or more."))
        if price is None or price < 0:
            raise ValidationError(_("A price is zero or more."))
        cleaned.append((int(max_grams), Decimal(price)))
    limits = [max_grams for max_grams, _price in cleaned]
    if len(set(limits)) != len(limits):
        raise ValidationError(_("Two bands end at the same weight."))
    return sorted(cleaned)


@transaction.atomic
def shipping_rate_save(
    *,
    resident: Resident | None,
    zone: ShippingZone,
    carrier: str,
    min_days: int,
    max_days: int,
    first_item: Decimal,
    each_additional: Decimal,
    free_over: Decimal | None = None,
    bands: Iterable[tuple[int, Decimal]] = (),
    rate: ShippingRate | None = None,
) -> ShippingRate:
    """Create (`rate` None) or change a carrier of a zone of one of
    `resident`'s profiles, with its weight bands (they replace the old ones).
    Refused for a negative price or weight, a shortest delivery longer than
    the longest, two bands ending at the same weight, a carrier's name on
    more than one line."""
    zone = ShippingZone.objects.get(pk=zone.pk)
    profile = ShippingProfile.objects.select_for_update().get(pk=zone.profile_id)
    _check_owner(profile, resident)
    if rate is None:
        rate = ShippingRate(zone=zone)
    else:
        rate = ShippingRate.objects.get(pk=rate.pk)
        if rate.zone_id != zone.pk:
            raise PermissionDenied
    rate.carrier = _check_name(carrier, field="carrier")
    rate.min_days = min_days
    rate.max_days = max_days
    rate.first_item = first_item
    rate.each_additional = each_additional
    rate.free_over = free_over
    cleaned_bands = _clean_bands(bands)
    rate.full_clean()
    rate.save()
    rate.bands.all().delete()
    WeightBand.objects.bulk_create(
        WeightBand(rate=rate, max_grams=max_grams, price=price)
        for max_grams, price in cleaned_bands
    )
    profile.save()
    return rate


@transaction.atomic
def shipping_rate_delete(*, resident: Resident | None, rate: ShippingRate) -> None:
    """Delete a carrier of a zone of one of `resident`'s profiles. Parcels
    already sent with it keep their frozen carrier and price."""
    rate = ShippingRate.objects.select_related("zone").get(pk=rate.pk)
    profile = ShippingProfile.objects.select_for_update().get(pk=rate.zone.profile_id)
    _check_owner(profile, resident)
    rate.delete()
    profile.save()
