"""A programme page lists the programme's residents live from the
marketplace: approved ones only, by name, each linking to their shop."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from cms.models import HomePage, ProgrammePage
from market.residents.models import Programme, ResidentStatus
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db

MARKET = "market.localhost:8000"


def _programme_page(programme: str, **fields) -> ProgrammePage:
    home = HomePage.objects.get(slug="market", locale__language_code="az")
    page = home.add_child(
        instance=ProgrammePage(
            title=f"{programme.title()} proqramı",
            slug=programme,
            programme=programme,
            **fields,
        )
    )
    page.save_revision().publish()
    return page


def _translate(page, language: str, title: str):
    locale = Locale.objects.get(language_code=language)
    translation = page.copy_for_translation(locale)
    translation.title = title
    translation.save_revision().publish()
    return translation


def _card_names(html: str) -> list[str]:
    return re.findall(
        r'<h3 class="h5 card-title"><a href="[^"]+">([^<]+)</a></h3>', html
    )


@pytest.fixture
def music_residents(sites, resident, other_resident):
    """Approved music residents (not in name order), music residents whose
    shops are not open, and approved residents of the other programmes
    (`resident` is Cultech, `other_resident` Gametech)."""
    approved = [
        ResidentFactory(display_name="Zəngin Səs", slug="zengin-ses"),
        ResidentFactory(display_name="Ahəng", slug="aheng"),
        ResidentFactory(display_name="Muğam Evi", slug="mugam-evi"),
    ]
    for status in (
        ResidentStatus.APPLIED,
        ResidentStatus.REJECTED,
        ResidentStatus.SUSPENDED,
    ):
        ResidentFactory(
            display_name=f"Musiqi {status.label}",
            slug=f"musiqi-{status.value}",
            status=status,
        )
    ResidentFactory(
        display_name="Proqramsız",
        slug="proqramsiz",
        programme=Programme.NONE,
    )
    return approved


def test_music_programme_page_lists_only_its_approved_residents_by_name(
    client, music_residents
):
    page = _programme_page(Programme.MUSIC)

    response = client.get("/music/", HTTP_HOST=MARKET)

    assert response.status_code == 200
    assert response.context["page"] == page
    assert [resident.display_name for resident in response.context["residents"]] == [
        "Ahəng",
        "Muğam Evi",
        "Zəngin Səs",
    ]
    assert _card_names(response.content.decode()) == [
        "Ahəng",
        "Muğam Evi",
        "Zəngin Səs",
    ]


def test_programme_page_links_each_resident_to_their_shop(client, music_residents):
    _programme_page(Programme.MUSIC)

    response = client.get("/music/", HTTP_HOST=MARKET)

    html = response.content.decode()
    assert re.findall(r'<h3 class="h5 card-title"><a href="([^"]+)">', html) == [
        reverse("residents:shop", kwargs={"slug": "aheng"}),
        reverse("residents:shop", kwargs={"slug": "mugam-evi"}),
        reverse("residents:shop", kwargs={"slug": "zengin-ses"}),
    ]
    assert "/shop/residents/aheng/" in html


def test_programme_page_in_english_links_to_the_english_shops(client, music_residents):
    page = _programme_page(Programme.MUSIC)
    _translate(page, "en", "Music programme")

    response = client.get("/en/music/", HTTP_HOST=MARKET)

    assert response.status_code == 200
    assert response.context["page"].title == "Music programme"
    with translation.override("en"):
        shops = [
            reverse("residents:shop", kwargs={"slug": slug})
            for slug in ("aheng", "mugam-evi", "zengin-ses")
        ]
    assert shops[0] == "/en/shop/residents/aheng/"
    assert (
        re.findall(
            r'<h3 class="h5 card-title"><a href="([^"]+)">', response.content.decode()
        )
        == shops
    )


def test_gametech_programme_page_lists_the_gametech_resident_only(
    client, music_residents, other_resident
):
    _programme_page(Programme.GAMETECH)

    response = client.get("/gametech/", HTTP_HOST=MARKET)

    assert [resident.display_name for resident in response.context["residents"]] == [
        "Oyun Studiyası"
    ]


def test_programme_page_without_residents_says_so(client, sites):
    page = _programme_page(Programme.MUSIC)
    _translate(page, "en", "Music programme")

    response = client.get("/en/music/", HTTP_HOST=MARKET)

    html = response.content.decode()
    assert list(response.context["residents"]) == []
    assert _card_names(html) == []
    assert "<p>No residents in this programme yet.</p>" in html
    assert (
        '<h2 id="programme-residents-heading">Residents of the Music programme</h2>'
        in html
    )


def test_programme_page_shows_its_intro_body_and_cohorts(client, sites):
    _programme_page(
        Programme.MUSIC,
        intro="Musiqi texnologiyaları üçün inkubasiya.",
        body=[("quote", {"quote": "Səs hər şeydir.", "attribution": "Aynur"})],
        cohorts=[
            (
                "cohort",
                {"year": 2024, "name": "Birinci axın", "text": "Səkkiz komanda."},
            ),
            ("cohort", {"year": 2025, "name": "İkinci axın", "text": ""}),
        ],
    )

    response = client.get("/music/", HTTP_HOST=MARKET)

    html = response.content.decode()
    assert '<p class="lead">Musiqi texnologiyaları üçün inkubasiya.</p>' in html
    assert "<p>Səs hər şeydir.</p>" in html
    assert re.findall(r'<h3 class="h5 card-title">([^<]+) <small', html) == [
        "Birinci axın",
        "İkinci axın",
    ]
    assert '<p class="card-text">Səkkiz komanda.</p>' in html
