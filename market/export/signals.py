"""Any change of a zone, rate or band is a new version of its profile (its
`updated_at` moves), so cached prices of the old version are never used."""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .models import ShippingProfile, ShippingRate, ShippingZone, WeightBand


def _touch(profile_id) -> None:
    ShippingProfile.objects.filter(pk=profile_id).update(updated_at=timezone.now())


def zone_changed(sender, instance, **kwargs):
    _touch(instance.profile_id)


def rate_changed(sender, instance, **kwargs):
    _touch(ShippingZone.objects.filter(pk=instance.zone_id).values("profile_id")[:1])


def band_changed(sender, instance, **kwargs):
    _touch(
        ShippingZone.objects.filter(rates__pk=instance.rate_id).values("profile_id")[:1]
    )


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(zone_changed, sender=ShippingZone, dispatch_uid=f"zone{signal}")
        signal.connect(rate_changed, sender=ShippingRate, dispatch_uid=f"rate{signal}")
        signal.connect(band_changed, sender=WeightBand, dispatch_uid=f"band{signal}")
