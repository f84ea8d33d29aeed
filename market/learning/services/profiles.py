"""The learner's profile: name (for certificates), language, and the region
and age band, each only with consent. Withdrawing consent erases it."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import LearnerProfile


def profile_for(user) -> LearnerProfile:
    profile = LearnerProfile.objects.filter(user=user).first()
    return profile or LearnerProfile(user=user)


@transaction.atomic
def learner_profile_update(
    *,
    user,
    first_name: str,
    last_name: str,
    language: str,
    region: str,
    region_consent: bool,
    age_band: str = "",
    age_band_consent: bool = False,
) -> LearnerProfile:
    """Save what the learner gave; the region and the age band are each kept
    only with their own consent."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
    profile, _created = LearnerProfile.objects.select_for_update().get_or_create(
        user=user, defaults={"language": settings.LANGUAGE_CODE}
    )
    profile.language = language
    if region_consent and region:
        if not profile.region_consent:
            profile.consented_at = timezone.now()
        profile.region, profile.region_consent = region, True
    else:
        profile.region, profile.region_consent, profile.consented_at = "", False, None
    if age_band_consent and age_band:
        profile.age_band, profile.age_band_consent = age_band, True
    else:
        profile.age_band, profile.age_band_consent = "", False
    profile.save()
    return profile


def learner_language_remember(*, user, language: str) -> None:
    """The language the learner last used to enrol: their e-mails and
    certificate are written in it."""
    if language not in dict(settings.LANGUAGES):
        return
    profile, created = LearnerProfile.objects.get_or_create(
        user=user, defaults={"language": language}
    )
    if not created and profile.language != language:
        profile.language = language
        profile.save(update_fields=["language"])
