"""The product page and cards made for creative goods: gallery, maker, facts
in words, licence picker, course card states, and query counts that do not
grow with images, tiers or cards."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from oscar.apps.catalogue.models import ProductImage
from PIL import Image

from catalogue.kinds import DIGITAL, PHYSICAL
from catalogue.models import Product
from search.views import CatalogueView
from tests.factories import (
    ProductFactory,
    VariantFactory,
    course_product,
    licence_option,
)

pytestmark = pytest.mark.django_db


def _add_images(product, count: int, caption: str = "") -> None:
    for number in range(count):
        buffer = io.BytesIO()
        Image.new("RGB", (800, 600), (120, 20 * number, 40)).save(buffer, "JPEG")
        ProductImage.objects.create(
            product=product,
            original=SimpleUploadedFile(f"p{number}.jpg", buffer.getvalue()),
            caption=caption,
            display_order=number,
        )


def _carpet(resident, **extra):
    return ProductFactory(
        resident=resident,
        kind=PHYSICAL,
        title="Quba xalçası",
        price=Decimal("450.00"),
        num_in_stock=2,
        attributes={
            "weight_grams": 5200,
            "hs_code": "5701.10",
            "country_of_origin": "AZ",
            "materials": "yun",
            "dimensions": "150 x 100 cm",
        },
        **extra,
    )


def _font(resident, tiers=("personal", "commercial", "extended")):
    prices = {"personal": "15.00", "commercial": "40.00", "extended": "120.00"}
    parent = None
    for code in tiers:
        options = (
            {"parent": parent}
            if parent
            else {
                "parent__kind": DIGITAL,
                "parent__title": "Nizami Sans",
                "parent__attributes": {"file_format": "OTF"},
            }
        )
        variant = VariantFactory(
            resident=resident,
            title=f"Nizami Sans ({code})",
            price=Decimal(prices[code]),
            attributes={"licence": licence_option(code)},
            **options,
        )
        parent = variant.parent
    return parent


def _url(target) -> str:
    """The English address of a product, or of a URL name."""
    with translation.override("en"):
        if isinstance(target, str):
            return reverse(target)
        return target.get_absolute_url()


def _get(client, target):
    with translation.override("en"):
        return client.get(_url(target))


def _queries(target) -> int:
    """Queries of one view of `target` by a new visitor (no recently viewed
    products), after a first view that made the thumbnails."""
    _get(Client(), target)
    with CaptureQueriesContext(connection) as queries:
        response = _get(Client(), target)
    assert response.status_code == 200
    return len(queries)


def test_the_page_shows_the_maker_and_the_facts_in_words(client, resident):
    carpet = _carpet(resident)
    resident.city = "Quba"
    resident.save()

    html = _get(client, carpet).content.decode()

    shop = _url(resident)
    assert f'by <a href="{shop}">Xalça Atelier</a>' in html
    assert 'id="product-maker-name"><a href="' + shop + '">Xalça Atelier</a>' in html
    assert "Centre resident, Cultech programme, cohort 2025" in html
    assert "Sign in to message the maker" in html
    facts = re.findall(
        r'<dt class="col-sm-5 product-fact-(\w+)">([^<]*)</dt>\s*'
        r'<dd class="col-sm-7">([^<]*)</dd>',
        html,
    )
    assert facts == [
        ("materials", "Materials", "yun"),
        ("dimensions", "Dimensions", "150 x 100 cm"),
        ("weight_grams", "Weight", "5.20 kg"),
        ("country_of_origin", "Made in", "Azerbaijan"),
        ("hs_code", "HS code (customs)", "5701.10"),
    ]
    assert "UPC" not in html
    assert "Variants:" not in html
    assert "Only 2 left" in html
    assert ">Add to cart</button>" in html


def test_the_gallery_shows_every_image_with_alt_texts(client, resident):
    carpet = _carpet(resident)
    _add_images(carpet, 3)

    html = _get(client, carpet).content.decode()

    assert html.count('name="product-image"') == 3
    assert html.count('class="product-gallery-thumb"') == 3
    for number in (1, 2, 3):
        assert f'alt="Quba xalçası, image {number} of 3"' in html
    main = re.findall(
        r'<img src="([^"]+)" srcset="([^"]+)"[^>]*class="img-fluid"', html
    )
    assert len(main) == 3
    assert all(src.endswith(".webp") for src, _srcset in main)
    assert html.count('loading="eager" fetchpriority="high"') == 1


def test_a_single_image_has_no_thumbnails_and_its_caption_as_alt(client, resident):
    carpet = _carpet(resident)
    _add_images(carpet, 1, caption="Quba, 1920")

    html = _get(client, carpet).content.decode()

    assert 'name="product-image"' not in html
    assert 'alt="Quba xalçası: Quba, 1920"' in html


def test_query_count_does_not_grow_with_images(client, resident):
    one, five = _carpet(resident), _carpet(resident)
    _add_images(one, 1)
    _add_images(five, 5)

    assert _queries(one) == _queries(five)


def test_query_count_does_not_grow_with_licence_tiers(client, resident):
    one = _font(resident, tiers=("personal",))
    three = _font(resident)

    assert _queries(one) == _queries(three)


def test_the_licence_picker_compares_tiers_and_adds_the_chosen_one(client, resident):
    font = _font(resident)
    commercial = font.children.get(title="Nizami Sans (commercial)")

    html = _get(client, font).content.decode()
    with translation.override("en"):
        response = client.post(
            reverse("basket:add", kwargs={"pk": font.pk}),
            {"quantity": 1, "child_id": commercial.pk},
        )
        basket = client.get(reverse("basket:summary")).context["basket"]

    assert html.count('name="child_id"') == 3
    assert html.count('id="add_to_basket_form"') == 1
    assert html.count(">Add to cart</button>") == 1
    assert re.findall(r'<span class="product-licence-name">(\w+)</span>', html) == [
        "Personal",
        "Commercial",
        "Extended",
    ]
    assert "15,00" in html or "15.00" in html
    assert "What each licence allows" in html
    assert response.status_code == 302
    assert [line.product for line in basket.all_lines()] == [commercial]


def test_cards_name_the_maker_and_show_no_empty_stars(
    client, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _carpet(resident)

    html = _get(client, "catalogue:index").content.decode()

    assert f'<a href="{_url(resident)}">Xalça Atelier</a>' in html
    assert "star-rating" not in html
    assert "Add to basket" not in html
    assert ">Add to cart<span" in html
    assert "Only 2 left" in html


def test_course_cards_say_when_enrolment_closed_or_the_course_is_full(
    client, resident, buyer, django_capture_on_commit_callbacks
):

    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        _courses_closed_and_full(resident, buyer, now)

    html = _get(client, "catalogue:index").content.decode()
    full = Product.objects.get(title="Dolu kurs")

    # A course whose enrolment closed is not on sale: the one availability
    # rule leaves it out of the catalogue (its own page says "closed").
    assert "Bağlı kurs" not in html
    assert html.count("Enrolment closed") == 0
    assert html.count(f'href="{_url(full)}#course-panel">Full – join') == 1
    assert "Add to cart" not in html


def _courses_closed_and_full(resident, buyer, now):
    from market.learning.models import WaitlistEntry

    course_product(
        resident=resident,
        title="Bağlı kurs",
        sessions=[(now - timedelta(days=1), now - timedelta(days=1, hours=-2))],
    )
    full = course_product(
        resident=resident,
        title="Dolu kurs",
        capacity=1,
        sessions=[(now + timedelta(days=9), now + timedelta(days=9, hours=2))],
    )
    WaitlistEntry.objects.create(course=full.course, learner=buyer)


def test_catalogue_query_count_does_not_grow_with_course_cards(
    client, resident, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(CatalogueView, "paginate_by", 60)
    now = timezone.now()
    session = [(now + timedelta(days=9), now + timedelta(days=9, hours=2))]
    with django_capture_on_commit_callbacks(execute=True):
        course_product(resident=resident, title="Kurs 0", sessions=session)
    small = _queries("catalogue:index")
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(1, 6):
            course_product(resident=resident, title=f"Kurs {number}", sessions=session)

    assert _queries("catalogue:index") == small


def test_catalogue_query_count_does_not_grow_with_licence_tier_cards(
    resident, monkeypatch, django_capture_on_commit_callbacks
):
    """A digital product sold in licence tiers is a parent: its card's price
    and availability come from the variants the page's query prefetched, not
    from two queries per card (Oscar's strategy)."""
    monkeypatch.setattr(CatalogueView, "paginate_by", 60)
    with django_capture_on_commit_callbacks(execute=True):
        _font(resident)
    small = _queries("catalogue:index")
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(4):
            parent = _font(resident)
            parent.title = f"Şrift {number}"
            parent.save()
    assert Product.objects.filter(structure="parent").count() == 5
    assert _queries("catalogue:index") == small


def test_cards_read_their_thumbnails_in_one_round_trip(
    resident, monkeypatch, django_capture_on_commit_callbacks
):
    from sorl.thumbnail import default

    with django_capture_on_commit_callbacks(execute=True):
        for _number in range(3):
            _add_images(_carpet(resident), 1)
    _get(Client(), "catalogue:index")  # makes the thumbnails
    single, many = [], []
    get_raw, get_many = default.kvstore._get_raw, default.kvstore.cache.get_many
    monkeypatch.setattr(
        default.kvstore, "_get_raw", lambda key: single.append(key) or get_raw(key)
    )
    monkeypatch.setattr(
        default.kvstore.cache,
        "get_many",
        lambda keys, **kw: many.append(len(keys)) or get_many(keys, **kw),
    )

    html = _get(Client(), "catalogue:index").content.decode()

    assert html.count(".webp 320w, ") == 3
    assert single == []
    assert many == [6]


def test_a_digital_card_shows_its_cheapest_licence_and_no_add_button(
    resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        font = _font(resident)

    html = _get(Client(), "catalogue:index").content.decode()
    card = html.split('class="product_pod product-card', 1)[1].split("</article>")[0]

    assert "Licences from" in card
    assert re.findall(r'<span class="price-main">([^<]+)</span>', card) == ["₼15.00"]
    assert f'href="{_url(font)}#licences"' in card
    assert "Add to cart" not in card
