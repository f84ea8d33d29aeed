"""What search engines and link previews read: each page's canonical address,
its language versions (hreflang), Open Graph tags, and each site's sitemap."""

import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from oscar.apps.catalogue.models import ProductImage
from PIL import Image as PillowImage
from wagtail.images.models import Image
from wagtail.models import Locale, Site

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
from cms.models import HomePage, SiteSettings, StandardPage, StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db

MARKET = "market.localhost:8000"
EDU = "edu.localhost:8000"
SITEMAP = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def png(name: str, size: tuple[int, int]) -> ImageFile:
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (200, 40, 40)).save(buffer, "PNG")
    return ImageFile(buffer, name=name)


def wagtail_image(title: str, size=(2400, 1260)) -> Image:
    return Image.objects.create(title=title, file=png(f"{title}.png", size))


def home(slug: str, language: str = "az") -> HomePage:
    azerbaijani = HomePage.objects.get(slug=slug, locale__language_code="az")
    return azerbaijani.get_translation(Locale.objects.get(language_code=language))


def translate(page, language: str, **fields):
    translation = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def about(sites):
    """A market page in Azerbaijani and English, not (yet) in Russian."""
    page = home("market").add_child(
        instance=StandardPage(
            title="Haqqımızda",
            slug="haqqimizda",
            intro="Mərkəz haqqında qısa məlumat.",
            search_description="Kreativ sənayelər mərkəzi haqqında.",
        )
    )
    page.save_revision().publish()
    english = translate(
        page,
        "en",
        title="About us",
        slug="about",
        intro="A short note on the Centre.",
        search_description="About the Centre for the creative industries.",
    )
    return {"az": page, "en": english}


def alternates(html: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)" />', html
    )


def canonical(html: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]+)" />', html)


def meta(html: str, name: str) -> list[str]:
    """Every value of an Open Graph property (or twitter: name) in <head>."""
    head = html.split("</head>")[0]
    return re.findall(rf'<meta (?:property|name)="{name}" content="([^"]*)" />', head)


def xml(response) -> ET.Element:
    return ET.fromstring(response.content)  # noqa: S314 (our own sitemap)


def sitemap_urls(response) -> list[tuple[str, list[tuple[str, str]]]]:
    """(loc, [(hreflang, href), ...]) of each <url>, in order."""
    root = xml(response)
    return [
        (
            url.find("s:loc", SITEMAP).text,
            [
                (link.get("hreflang"), link.get("href"))
                for link in url.findall("xhtml:link", SITEMAP)
            ],
        )
        for url in root.findall("s:url", SITEMAP)
    ]


def test_wagtail_page_in_azerbaijani_has_canonical_and_its_translations(client, about):
    response = client.get("/haqqimizda/", HTTP_HOST=MARKET)

    html = response.content.decode()
    assert canonical(html) == ["http://market.localhost:8000/haqqimizda/"]
    assert alternates(html) == [
        ("az", "http://market.localhost:8000/haqqimizda/"),
        ("en", "http://market.localhost:8000/en/about/"),
        ("x-default", "http://market.localhost:8000/haqqimizda/"),
    ]


def test_wagtail_page_in_english_has_canonical_and_its_translations(client, about):
    response = client.get("/en/about/", HTTP_HOST=MARKET)

    html = response.content.decode()
    assert canonical(html) == ["http://market.localhost:8000/en/about/"]
    assert alternates(html) == [
        ("az", "http://market.localhost:8000/haqqimizda/"),
        ("en", "http://market.localhost:8000/en/about/"),
        ("x-default", "http://market.localhost:8000/haqqimizda/"),
    ]


def test_canonical_drops_the_query_string(client, about):
    response = client.get("/en/about/?utm_source=mail&page=1", HTTP_HOST=MARKET)

    html = response.content.decode()
    assert canonical(html) == ["http://market.localhost:8000/en/about/"]
    assert meta(html, "og:url") == ["http://market.localhost:8000/en/about/"]


def test_wagtail_page_open_graph_in_the_visitors_language(client, about):
    share_image = wagtail_image("about-share")
    about["en"].share_image = share_image
    about["en"].save_revision().publish()

    response = client.get("/en/about/", HTTP_HOST=MARKET)

    html = response.content.decode()
    rendition = share_image.get_rendition("fill-1200x630")
    assert meta(html, "og:type") == ["website"]
    assert meta(html, "og:site_name") == ["Creative Market"]
    assert meta(html, "og:title") == ["About us"]
    assert meta(html, "og:description") == [
        "About the Centre for the creative industries."
    ]
    assert meta(html, "og:url") == ["http://market.localhost:8000/en/about/"]
    assert meta(html, "og:locale") == ["en_GB"]
    assert meta(html, "og:locale:alternate") == ["az_AZ"]
    assert meta(html, "og:image") == [f"http://market.localhost:8000{rendition.url}"]
    assert meta(html, "og:image:width") == ["1200"]
    assert meta(html, "og:image:height") == ["630"]
    assert meta(html, "og:image:alt") == ["about-share"]
    assert meta(html, "twitter:card") == ["summary_large_image"]


def test_page_without_search_description_describes_itself_by_its_intro(client, sites):
    response = client.get("/ru/", HTTP_HOST=EDU)

    html = response.content.decode()
    russian_home = home("edu", "ru")
    assert meta(html, "og:title") == [russian_home.title]
    assert meta(html, "og:description") == [russian_home.intro]
    assert meta(html, "og:locale") == ["ru_RU"]
    assert meta(html, "og:locale:alternate") == ["az_AZ", "en_GB"]


def test_page_without_share_image_shows_the_sites_logo(client, sites):
    logo = wagtail_image("market-logo", size=(600, 200))
    SiteSettings.objects.create(
        site=Site.objects.get(hostname="market.localhost"), logo=logo
    )

    response = client.get("/", HTTP_HOST=MARKET)

    html = response.content.decode()
    rendition = logo.get_rendition("max-1200x630")
    assert meta(html, "og:image") == [f"http://market.localhost:8000{rendition.url}"]
    assert meta(html, "og:image:width") == ["600"]
    assert meta(html, "og:image:height") == ["200"]


def test_page_without_any_image_has_a_small_card(client, sites):
    response = client.get("/", HTTP_HOST=EDU)

    html = response.content.decode()
    assert meta(html, "og:image") == []
    assert meta(html, "twitter:card") == ["summary"]


def test_story_is_an_article(client, sites):
    index = home("market").add_child(
        instance=StoryIndexPage(title="Xəbərlər", slug="xeberler")
    )
    index.save_revision().publish()
    story = index.add_child(
        instance=StoryPage(
            title="Yeni rezidentlər",
            slug="yeni-rezidentler",
            date=datetime.date(2026, 3, 2),
            intro="Mərkəzə beş yeni rezident qoşuldu.",
        )
    )
    story.save_revision().publish()

    response = client.get("/xeberler/yeni-rezidentler/", HTTP_HOST=MARKET)

    html = response.content.decode()
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "article:published_time") == ["2026-03-02"]
    assert meta(html, "og:title") == ["Yeni rezidentlər"]
    assert meta(html, "og:description") == ["Mərkəzə beş yeni rezident qoşuldu."]


def test_product_page_has_canonical_and_every_language(client, sites, catalogue):
    product = catalogue[PHYSICAL]
    path = f"/shop/catalogue/{product.slug}_{product.pk}/"

    response = client.get(f"/en{path}", HTTP_HOST=MARKET)

    html = response.content.decode()
    assert canonical(html) == [f"http://market.localhost:8000/en{path}"]
    assert alternates(html) == [
        ("az", f"http://market.localhost:8000{path}"),
        ("en", f"http://market.localhost:8000/en{path}"),
        ("ru", f"http://market.localhost:8000/ru{path}"),
        ("x-default", f"http://market.localhost:8000{path}"),
    ]


def test_product_open_graph_in_the_visitors_language(client, sites, catalogue):
    product = catalogue[PHYSICAL]
    product.title_en = "Quba carpet"
    product.description = "<p>Əl ilə toxunmuş <b>yun</b> xalça.</p>"
    product.description_en = "<p>A hand-woven <b>wool</b> carpet.</p>"
    product.save()
    image = ProductImage.objects.create(
        product=product, original=png("carpet.png", (800, 800)), display_order=0
    )
    path = f"/en/shop/catalogue/{product.slug}_{product.pk}/"

    response = client.get(path, HTTP_HOST=MARKET)

    html = response.content.decode()
    assert meta(html, "og:type") == ["product"]
    assert meta(html, "og:title") == ["Quba carpet"]
    assert meta(html, "og:description") == ["A hand-woven wool carpet."]
    assert meta(html, "og:url") == [f"http://market.localhost:8000{path}"]
    assert meta(html, "og:locale") == ["en_GB"]
    assert meta(html, "og:locale:alternate") == ["az_AZ", "ru_RU"]
    assert meta(html, "og:image") == [
        f"http://market.localhost:8000{image.original.url}"
    ]
    assert meta(html, "product:price:amount") == ["450.00"]
    assert meta(html, "product:price:currency") == ["AZN"]
    assert meta(html, "twitter:card") == ["summary_large_image"]


def test_shop_list_keeps_only_the_page_number_in_its_canonical(
    client, sites, catalogue, monkeypatch
):
    from search.views import ProductListView

    monkeypatch.setattr(ProductListView, "paginate_by", 2)

    response = client.get(
        "/ru/shop/catalogue/?sort_by=price-desc&page=2", HTTP_HOST=MARKET
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert canonical(html) == ["http://market.localhost:8000/ru/shop/catalogue/?page=2"]
    assert alternates(html) == [
        ("az", "http://market.localhost:8000/shop/catalogue/?page=2"),
        ("en", "http://market.localhost:8000/en/shop/catalogue/?page=2"),
        ("ru", "http://market.localhost:8000/ru/shop/catalogue/?page=2"),
        ("x-default", "http://market.localhost:8000/shop/catalogue/?page=2"),
    ]


def test_sitemap_index_of_the_market_lists_pages_and_products(client, sites):
    response = client.get("/sitemap.xml", HTTP_HOST=MARKET)

    root = xml(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert [loc.text for loc in root.iterfind("s:sitemap/s:loc", SITEMAP)] == [
        "http://market.localhost:8000/sitemap-pages.xml",
        "http://market.localhost:8000/sitemap-products.xml",
    ]


def test_sitemap_index_of_kreativ_edu_lists_its_pages_only(client, sites):
    response = client.get("/sitemap.xml", HTTP_HOST=EDU)

    root = xml(response)
    assert [loc.text for loc in root.iterfind("s:sitemap/s:loc", SITEMAP)] == [
        "http://edu.localhost:8000/sitemap-pages.xml"
    ]
    assert client.get("/sitemap-products.xml", HTTP_HOST=EDU).status_code == 404


def test_market_sitemap_lists_its_pages_in_every_language(client, about):
    response = client.get("/sitemap-pages.xml", HTTP_HOST=MARKET)

    home_versions = [
        ("az", "http://market.localhost:8000/"),
        ("en", "http://market.localhost:8000/en/"),
        ("ru", "http://market.localhost:8000/ru/"),
        ("x-default", "http://market.localhost:8000/"),
    ]
    about_versions = [
        ("az", "http://market.localhost:8000/haqqimizda/"),
        ("en", "http://market.localhost:8000/en/about/"),
        ("x-default", "http://market.localhost:8000/haqqimizda/"),
    ]
    assert sitemap_urls(response) == [
        ("http://market.localhost:8000/", home_versions),
        ("http://market.localhost:8000/haqqimizda/", about_versions),
        ("http://market.localhost:8000/en/", home_versions),
        ("http://market.localhost:8000/en/about/", about_versions),
        ("http://market.localhost:8000/ru/", home_versions),
    ]


def test_edu_sitemap_lists_its_pages_and_not_the_markets(client, about):
    response = client.get("/sitemap-pages.xml", HTTP_HOST=EDU)

    versions = [
        ("az", "http://edu.localhost:8000/"),
        ("en", "http://edu.localhost:8000/en/"),
        ("ru", "http://edu.localhost:8000/ru/"),
        ("x-default", "http://edu.localhost:8000/"),
    ]
    assert sitemap_urls(response) == [
        ("http://edu.localhost:8000/", versions),
        ("http://edu.localhost:8000/en/", versions),
        ("http://edu.localhost:8000/ru/", versions),
    ]


def test_sitemap_leaves_out_unpublished_pages(client, about):
    about["en"].unpublish()

    response = client.get("/sitemap-pages.xml", HTTP_HOST=MARKET)

    locations = [location for location, _versions in sitemap_urls(response)]
    assert "http://market.localhost:8000/en/about/" not in locations
    assert dict(sitemap_urls(response))["http://market.localhost:8000/haqqimizda/"] == [
        ("az", "http://market.localhost:8000/haqqimizda/"),
        ("x-default", "http://market.localhost:8000/haqqimizda/"),
    ]


def test_products_sitemap_lists_public_products_in_every_language(
    client, sites, catalogue
):
    hidden = catalogue[SERVICE]
    hidden.is_public = False
    hidden.save()

    response = client.get("/sitemap-products.xml", HTTP_HOST=MARKET)

    expected = []
    for kind in (PHYSICAL, DIGITAL, COURSE):
        path = f"/shop/catalogue/{catalogue[kind].slug}_{catalogue[kind].pk}/"
        versions = [
            ("az", f"http://market.localhost:8000{path}"),
            ("en", f"http://market.localhost:8000/en{path}"),
            ("ru", f"http://market.localhost:8000/ru{path}"),
            ("x-default", f"http://market.localhost:8000{path}"),
        ]
        expected += [
            (f"http://market.localhost:8000{path}", versions),
            (f"http://market.localhost:8000/en{path}", versions),
            (f"http://market.localhost:8000/ru{path}", versions),
        ]
    assert sitemap_urls(response) == expected


def test_products_sitemap_gives_the_date_each_product_changed(client, sites, catalogue):
    response = client.get("/sitemap-products.xml", HTTP_HOST=MARKET)

    root = xml(response)
    first = root.find("s:url", SITEMAP)
    product = catalogue[PHYSICAL]
    assert first.find("s:loc", SITEMAP).text.endswith(f"_{product.pk}/")
    assert (
        first.find("s:lastmod", SITEMAP).text
        == timezone.localdate(product.date_updated).isoformat()
    )


def test_robots_txt_names_the_sites_sitemap(client, sites):
    response = client.get("/robots.txt", HTTP_HOST=EDU)

    assert response["Content-Type"] == "text/plain"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Disallow: /cms/\n"
        "Sitemap: http://edu.localhost:8000/sitemap.xml\n"
    )


def test_shop_page_is_described_as_the_site_in_its_footer(client, sites, catalogue):
    SiteSettings.objects.create(
        site=Site.objects.get(hostname="edu.localhost"),
        footer_text="Kreativ peşələr üzrə kurslar.",
        footer_text_en="Courses in the creative professions.",
    )

    edu = client.get("/en/shop/catalogue/", HTTP_HOST=EDU).content.decode()
    market = client.get("/en/shop/catalogue/", HTTP_HOST=MARKET).content.decode()

    assert meta(edu, "og:site_name") == ["Kreativ Edu"]
    assert meta(edu, "og:title") == ["Kreativ Edu"]
    assert meta(edu, "og:description") == ["Courses in the creative professions."]
    assert meta(market, "og:title") == ["Creative Market"]
    assert meta(market, "og:description") == [
        "The marketplace and learning platform of the Centre for the creative "
        "industries, Baku."
    ]
