"""Each site's Settings (Creative Market's, Kreativ Edu's) in the footer and
header that the shop and the pages share: the footer text in the visitor's
language (else the Azerbaijani one), contacts, social links and the logo."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images.models import Image
from wagtail.models import Site

from cms.models import SiteSettings

pytestmark = pytest.mark.django_db

MARKET = "market.localhost:8000"
EDU = "edu.localhost:8000"


def footer(response) -> str:
    return re.search(r"<footer.*?</footer>", response.content.decode(), re.S).group(0)


def footer_text(response) -> str:
    return re.search(
        r'<p class="small site-footer-text">(.*?)</p>', footer(response), re.S
    ).group(1)


@pytest.fixture
def site_settings(sites):
    market = SiteSettings.objects.create(
        site=Site.objects.get(hostname="market.localhost"),
        footer_text="Rezidentlərin mağazası.\nBakı, 2026.",
        footer_text_en="The residents' shop.",
        footer_text_ru="Магазин резидентов.",
        contact_email="market@creative-market.az",
        contact_phone="+994 12 555 01 02",
        address="Bakı, Neftçilər prospekti 1",
        instagram="https://instagram.com/creativemarket.az",
        telegram="https://t.me/creativemarket_az",
    )
    edu = SiteSettings.objects.create(
        site=Site.objects.get(hostname="edu.localhost"),
        footer_text="Kreativ peşələr üzrə kurslar.",
        footer_text_en="Courses in the creative professions.",
        # No Russian text yet: Russian visitors read the Azerbaijani one.
        contact_email="edu@creative-market.az",
    )
    return {"market": market, "edu": edu}


@pytest.mark.parametrize(
    ("host", "path", "text"),
    [
        (MARKET, "/", "Rezidentlərin mağazası.<br>Bakı, 2026."),
        (MARKET, "/en/", "The residents&#x27; shop."),
        (MARKET, "/ru/", "Магазин резидентов."),
        (EDU, "/", "Kreativ peşələr üzrə kurslar."),
        (EDU, "/en/", "Courses in the creative professions."),
        (EDU, "/ru/", "Kreativ peşələr üzrə kurslar."),
    ],
)
def test_footer_shows_the_sites_text_in_the_visitors_language(
    client, site_settings, host, path, text
):
    response = client.get(path, HTTP_HOST=host)

    assert footer_text(response) == text


def test_shop_pages_show_the_footer_of_the_site_they_are_on(
    client, site_settings, catalogue
):
    market = client.get("/en/shop/catalogue/", HTTP_HOST=MARKET)
    edu = client.get("/en/shop/catalogue/", HTTP_HOST=EDU)

    assert footer_text(market) == "The residents&#x27; shop."
    assert footer_text(edu) == "Courses in the creative professions."


def test_footer_shows_the_sites_contacts_and_social_links(client, site_settings):
    response = client.get("/", HTTP_HOST=MARKET)

    html = footer(response)
    assert (
        '<a href="mailto:market@creative-market.az">market@creative-market.az</a>'
        in (html)
    )
    assert '<a href="tel:+994125550102">+994 12 555 01 02</a>' in html
    assert (
        '<span class="site-footer-address">Bakı, Neftçilər prospekti 1</span>' in html
    )
    assert re.findall(r'<li class="list-inline-item">(.*?)</li>', html) == [
        '<a href="https://instagram.com/creativemarket.az" rel="noopener" '
        'target="_blank">Instagram</a>',
        '<a href="https://t.me/creativemarket_az" rel="noopener" '
        'target="_blank">Telegram</a>',
    ]
    assert "edu@creative-market.az" not in html


def test_footer_of_the_other_site_has_only_its_own_contacts(client, site_settings):
    response = client.get("/", HTTP_HOST=EDU)

    html = footer(response)
    assert '<a href="mailto:edu@creative-market.az">edu@creative-market.az</a>' in html
    assert "tel:" not in html
    assert "site-footer-address" not in html
    assert "site-footer-social" not in html


def test_footer_keeps_its_links(client, site_settings):
    response = client.get("/en/", HTTP_HOST=MARKET)

    html = footer(response)
    assert re.findall(r'<a href="(/[^"]*)">', html) == [
        "/en/shop/catalogue/",
        "/en/shop/residents/",
        "/en/shop/residents/apply/",
        "/en/shop/basket/",
    ]


def test_footer_without_settings_shows_the_default_text(client, sites):
    response = client.get("/en/", HTTP_HOST=EDU)

    assert footer_text(response) == (
        "The marketplace and learning platform of the Centre for the creative "
        "industries, Baku."
    )
    assert "<address" not in footer(response)


def test_header_shows_the_sites_logo(client, site_settings):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (300, 120), (0, 90, 160)).save(buffer, "PNG")
    logo = Image.objects.create(title="Edu logo", file=ImageFile(buffer, "logo.png"))
    site_settings["edu"].logo = logo
    site_settings["edu"].save()

    edu = client.get("/", HTTP_HOST=EDU).content.decode()
    market = client.get("/", HTTP_HOST=MARKET).content.decode()

    rendition = logo.get_rendition("height-60")
    assert (
        f'<a class="brand-title" href="http://edu.localhost:8000/"><img alt="" '
        f'class="brand-logo" height="60" src="{rendition.url}" width="150">'
        f'<span class="brand-name">Kreativ Edu</span></a>'
    ) in edu
    assert 'class="brand-logo"' not in market
