"""A resident's bio and city in the visitor's language, the languages they
speak named in it; the footer's address likewise."""

import pytest
from django.utils import translation

from market.places import place_name
from market.residents.dashboard.forms import ProfileForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def potter(resident):
    resident.city = "Bakı"
    resident.languages = "az, ru"
    resident.bio = "<p>Gil qablar.</p>"
    resident.bio_en = "<p>Clay pots.</p><script>alert(1)</script>"
    resident.save()
    return resident


@pytest.mark.parametrize(
    ("language", "bio", "city", "languages"),
    [
        ("az", "<p>Gil qablar.</p>", "Bakı", "Azərbaycan dili, Rus dili"),
        ("en", "<p>Clay pots.</p>", "Baku", "Azerbaijani, Russian"),
        # No Russian bio: the original.
        ("ru", "<p>Gil qablar.</p>", "Баку", "Азербайджанский, Русский"),
    ],
)
def test_the_profile_follows_the_active_language(
    potter, language, bio, city, languages
):
    with translation.override(language):
        shown = (str(potter.bio_html), potter.city_name, potter.language_names)

    # The English bio was sanitised when saved.
    assert shown == (bio, city, languages)


def test_a_city_of_its_own_spelling_wins(potter):
    potter.city_en = "Baku city"
    potter.save()

    assert potter.city_in("en") == "Baku city"


def test_an_unknown_place_and_language_code_show_as_written(potter):
    potter.city = "Xınalıq"
    potter.languages = "az, tlh"

    with translation.override("en"):
        assert (potter.city_name, potter.language_names) == (
            "Xınalıq",
            "Azerbaijani, tlh",
        )
    assert place_name("Bakı", "az") == "Bakı"


def test_the_resident_writes_the_bio_in_three_languages(potter):
    form = ProfileForm(
        data={
            "display_name": potter.display_name,
            "city": "Gəncə",
            "bio": "<p>Gil.</p>",
            "bio_en": "<p>Clay.</p>",
            "bio_ru": "<p>Глина.</p>",
        },
        instance=potter,
    )

    assert form.is_valid(), form.errors
    form.save()
    potter.refresh_from_db()
    assert (potter.bio_en, potter.bio_ru, potter.city_in("ru")) == (
        "<p>Clay.</p>",
        "<p>Глина.</p>",
        "Гянджа",
    )


def test_the_footer_address_follows_the_active_language(sites):
    from wagtail.models import Site

    from cms.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.address = "Nizami küçəsi 10, Bakı"
    settings.address_en = "10 Nizami Street, Baku"
    settings.save()

    shown = {}
    for language in ("az", "en", "ru"):
        with translation.override(language):
            shown[language] = settings.contact_address()

    assert shown == {
        "az": "Nizami küçəsi 10, Bakı",
        "en": "10 Nizami Street, Baku",
        "ru": "Nizami küçəsi 10, Bakı",
    }
