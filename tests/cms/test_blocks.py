"""The content blocks of both sites: products, residents and courses pulled
live from the shop and Kreativ Edu, and the editors' own content (call to
action, image, quote, video, cohort), validated and rendered accessibly."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from catalogue.kinds import DIGITAL
from catalogue.models import ReviewStatus
from cms.blocks import (
    CallToActionBlock,
    CohortBlock,
    CourseListBlock,
    ImageBlock,
    ProductCarouselBlock,
    QuoteBlock,
    ResidentSpotlightBlock,
    VideoBlock,
    video_embed_url,
)
from cms.models import HomePage
from market.learning.services.seats import enrolment_create
from market.residents.models import Programme, ResidentStatus
from tests.factories import (
    CategoryFactory,
    ProductFactory,
    ResidentFactory,
    UserFactory,
    VariantFactory,
    course_product,
)

pytestmark = pytest.mark.django_db


def _render(block, data: dict) -> str:
    """The block's HTML for `data` as stored in the database (chosen objects
    as primary keys), in English, for an anonymous visitor."""
    # A request that went through the middleware (session, basket, Oscar's
    # pricing strategy), as the product cards need.
    request = Client().get("/no-such-page/").wsgi_request
    with translation.override("en"):
        return block.render(block.to_python(data), context={"request": request})


def _context(block, data: dict) -> dict:
    return block.get_context(block.to_python(data))


def _titles_in_order(html: str) -> list[str]:
    """The titles of the product cards, in the order they appear."""
    return re.findall(
        r'<h3 class="product-card-title[^"]*"><a href="[^"]+" title="([^"]+)"', html
    )


def _image(title="Studio") -> Image:
    return Image.objects.create(title=title, file=get_test_image_file())


# Product carousel


def test_product_carousel_shows_the_chosen_products_in_the_chosen_order(resident):
    tar = ProductFactory(resident=resident, title="Tar")
    kamancha = ProductFactory(resident=resident, title="Kamança")
    balaban = ProductFactory(resident=resident, title="Balaban")
    hidden = ProductFactory(resident=resident, title="Gizli", is_public=False)
    pending = ProductFactory(resident=resident, title="Yoxlamada")
    pending.review_status = ReviewStatus.PENDING
    pending.save()
    suspended = ResidentFactory(status=ResidentStatus.SUSPENDED)
    closed_shop = ProductFactory(resident=suspended, title="Bağlı dükan")
    data = {
        "heading": "Seçilmişlər",
        "products": [
            balaban.pk,
            hidden.pk,
            tar.pk,
            pending.pk,
            closed_shop.pk,
            kamancha.pk,
        ],
        "category": "",
        "count": 8,
    }

    context = _context(ProductCarouselBlock(), data)
    html = _render(ProductCarouselBlock(), data)

    assert [product.title for product in context["products"]] == [
        "Balaban",
        "Tar",
        "Kamança",
    ]
    assert _titles_in_order(html) == ["Balaban", "Tar", "Kamança"]
    assert "<h2>Seçilmişlər</h2>" in html
    assert 'aria-label="Seçilmişlər"' in html
    assert "Gizli" not in html
    assert "Yoxlamada" not in html
    assert "Bağlı dükan" not in html


def test_product_carousel_keeps_to_its_count_of_chosen_products(resident):
    first = ProductFactory(resident=resident, title="Birinci")
    second = ProductFactory(resident=resident, title="İkinci")
    third = ProductFactory(resident=resident, title="Üçüncü")
    data = {
        "heading": "İki",
        "products": [third.pk, first.pk, second.pk],
        "category": "",
        "count": 2,
    }

    context = _context(ProductCarouselBlock(), data)

    assert [product.title for product in context["products"]] == [
        "Üçüncü",
        "Birinci",
    ]


def test_product_carousel_without_choice_shows_the_newest_of_a_category_tree(
    resident,
):
    music = CategoryFactory(name="Musiqi", slug="musiqi")
    instruments = music.add_child(name="Alətlər", slug="aletler")
    books = CategoryFactory(name="Kitablar", slug="kitablar")
    ProductFactory(resident=resident, title="Köhnə albom", categories=[music])
    ProductFactory(resident=resident, title="Kitab", categories=[books])
    ProductFactory(resident=resident, title="Tar", categories=[instruments])
    ProductFactory(
        resident=resident, title="Gizli saz", categories=[instruments], is_public=False
    )
    ProductFactory(resident=resident, title="Yeni albom", categories=[music])
    data = {"heading": "Musiqi", "products": [], "category": str(music.pk), "count": 8}

    context = _context(ProductCarouselBlock(), data)
    html = _render(ProductCarouselBlock(), data)

    assert [product.title for product in context["products"]] == [
        "Yeni albom",
        "Tar",
        "Köhnə albom",
    ]
    assert _titles_in_order(html) == ["Yeni albom", "Tar", "Köhnə albom"]


def test_product_carousel_with_nothing_on_sale_says_so(db):
    html = _render(
        ProductCarouselBlock(),
        {"heading": "Boş", "products": [], "category": "", "count": 8},
    )

    assert "<h2>Boş</h2>" in html
    assert "<p>Nothing here yet.</p>" in html
    assert "product-carousel" not in html


# Resident spotlight


def test_resident_spotlight_shows_the_resident_and_their_newest_products():
    resident = ResidentFactory(
        display_name="Muğam Evi",
        slug="mugam-evi",
        programme=Programme.MUSIC,
        cohort_year=2024,
    )
    other = ResidentFactory(display_name="Başqası")
    ProductFactory(resident=resident, title="Ən köhnə")
    ProductFactory(resident=other, title="Başqasının malı")
    VariantFactory(
        resident=resident,
        parent__kind=DIGITAL,
        parent__title="Muğam nümunələri",
        parent__attributes={"file_format": "WAV"},
        title="Muğam nümunələri (Personal)",
    )
    ProductFactory(resident=resident, title="Gizli", is_public=False)
    ProductFactory(resident=resident, title="Ən yeni")
    data = {"resident": resident.pk, "text": "Bakının səsi.", "product_count": 2}

    context = _context(ResidentSpotlightBlock(), data)
    html = _render(ResidentSpotlightBlock(), data)

    assert context["resident"] == resident
    assert [product.title for product in context["products"]] == [
        "Ən yeni",
        "Muğam nümunələri",
    ]
    assert _titles_in_order(html) == ["Ən yeni", "Muğam nümunələri"]
    assert (
        '<h2 class="card-title">'
        '<a href="/en/shop/residents/mugam-evi/">Muğam Evi</a></h2>' in html
    )
    assert '<p class="card-text">Bakının səsi.</p>' in html
    assert "Centre resident, Music programme, cohort 2024" in html
    assert (
        '<a class="btn btn-outline-primary" href="/en/shop/residents/mugam-evi/">'
        "Visit the shop of Muğam Evi</a>" in html
    )


@pytest.mark.parametrize(
    "status",
    [ResidentStatus.SUSPENDED, ResidentStatus.APPLIED, ResidentStatus.REJECTED],
)
def test_resident_spotlight_of_a_closed_shop_renders_nothing(status):
    resident = ResidentFactory(display_name="Bağlı Studiya", status=status)
    if resident.partner_id:
        ProductFactory(resident=resident, title="Bağlı məhsul")
    data = {"resident": resident.pk, "text": "Oxuyun.", "product_count": 3}

    context = _context(ResidentSpotlightBlock(), data)
    html = _render(ResidentSpotlightBlock(), data)

    assert context["resident"] is None
    assert context["products"] == []
    assert html.strip() == ""


# Course list


def _sessions(days: int) -> list:
    start = timezone.now() + timedelta(days=days)
    return [(start, start + timedelta(hours=2))]


def test_course_list_shows_upcoming_courses_soonest_first_with_seats_left(
    resident, buyer
):
    later = course_product(
        resident=resident, title="Gec kurs", capacity=8, sessions=_sessions(20)
    )
    sooner = course_product(
        resident=resident, title="Tez kurs", capacity=10, sessions=_sessions(3)
    )
    course_product(
        resident=resident, title="Keçmiş kurs", capacity=5, sessions=_sessions(-2)
    )
    course_product(resident=resident, title="Tarixsiz kurs", capacity=5)
    hidden = course_product(
        resident=resident, title="Gizli kurs", capacity=5, sessions=_sessions(4)
    )
    hidden.is_public = False
    hidden.save()
    ProductFactory(resident=resident, title="Xalça")
    enrolment_create(product=sooner, learner=buyer)
    enrolment_create(product=sooner, learner=UserFactory())
    data = {"heading": "Kurslar", "count": 6, "free_only": False}

    context = _context(CourseListBlock(), data)
    html = _render(CourseListBlock(), data)

    assert [
        (course.title, course.course.card.seats_left, course.course.card.capacity)
        for course in context["courses"]
    ] == [("Tez kurs", 8, 10), ("Gec kurs", 8, 8)]
    assert re.findall(
        r'<h3 class="course-card__title"><a href="[^"]+">([^<]+)</a>', html
    ) == [
        "Tez kurs",
        "Gec kurs",
    ]
    assert re.findall(r'<dd class="course-seats">([^<]+)</dd>', html) == [
        "8 of 10 seats left",
        "8 of 8 seats left",
    ]
    assert re.findall(r'<dd class="course-price">([^<]+)</dd>', html) == [
        "Free",
        "Free",
    ]
    with translation.override("en"):
        assert f'<a href="{later.get_absolute_url()}">Gec kurs</a>' in html


def test_course_list_of_free_courses_leaves_out_paid_ones(resident):
    course_product(
        resident=resident,
        title="Pullu kurs",
        price=Decimal("120.00"),
        sessions=_sessions(2),
    )
    course_product(resident=resident, title="Pulsuz kurs", sessions=_sessions(5))

    free = _context(CourseListBlock(), {"heading": "K", "count": 6, "free_only": True})
    every = _context(
        CourseListBlock(), {"heading": "K", "count": 6, "free_only": False}
    )

    assert [course.title for course in free["courses"]] == ["Pulsuz kurs"]
    assert [course.title for course in every["courses"]] == [
        "Pullu kurs",
        "Pulsuz kurs",
    ]


def test_course_list_shows_a_full_course_as_full_and_the_price_of_a_paid_one(
    resident, buyer
):
    full = course_product(
        resident=resident, title="Dolu kurs", capacity=1, sessions=_sessions(2)
    )
    enrolment_create(product=full, learner=buyer)
    course_product(
        resident=resident,
        title="Pullu kurs",
        price=Decimal("120.00"),
        sessions=_sessions(5),
    )

    html = _render(CourseListBlock(), {"heading": "K", "count": 6, "free_only": False})

    assert re.findall(r'<dd class="course-seats">([^<]+)</dd>', html) == [
        "Full: waitlist open",
        "10 of 10 seats left",
    ]
    # In the buyer's currency (AZN here), with its sign.
    assert re.findall(r'<dd class="course-price">([^<]+)</dd>', html) == [
        "Free",
        "₼120.00",
    ]


def test_course_list_without_upcoming_courses_says_so(db):
    html = _render(CourseListBlock(), {"heading": "K", "count": 6, "free_only": False})

    assert "<p>No upcoming courses at the moment.</p>" in html


# Call to action


def _cta(**fields) -> dict:
    return {
        "heading": "Qoşulun",
        "text": "",
        "button_text": "Müraciət edin",
        "page": None,
        "link": "",
    } | fields


@pytest.mark.parametrize(
    "fields",
    [{}, {"link": "/apply/", "page": "home"}],
    ids=["neither a page nor a link", "both a page and a link"],
)
def test_call_to_action_needs_a_page_or_a_link_not_both(sites, fields):
    block = CallToActionBlock()
    if fields.get("page") == "home":
        fields["page"] = HomePage.objects.get(slug="edu", locale__language_code="az").pk

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(_cta(**fields)))

    assert list(error.value.block_errors) == ["link"]
    with translation.override("en"):
        assert error.value.block_errors["link"].messages == [
            "Choose a page or give a link (one)."
        ]


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,hi",
        "//elsewhere.example/",
        "shop/",
    ],
)
def test_call_to_action_refuses_links_that_are_not_a_path_or_a_web_address(link):
    block = CallToActionBlock()

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(_cta(link=link)))

    assert list(error.value.block_errors) == ["link"]


@pytest.mark.parametrize(
    "link", ["/shop/", "https://example.az/", "http://example.az/x", "mailto:a@b.az"]
)
def test_call_to_action_accepts_a_path_or_an_address(link):
    block = CallToActionBlock()

    value = block.clean(block.to_python(_cta(link=link)))

    assert value["link"] == link


def test_call_to_action_renders_its_link(db):
    html = _render(
        CallToActionBlock(),
        _cta(text="Bir cümlə.", link="/residents/apply/"),
    )

    assert '<h2 class="card-title">Qoşulun</h2>' in html
    assert '<p class="card-text lead">Bir cümlə.</p>' in html
    assert (
        '<a class="btn btn-primary btn-lg" href="/residents/apply/">Müraciət edin</a>'
        in html
    )


def test_call_to_action_renders_its_page_on_the_other_site(sites):
    edu_home = HomePage.objects.get(slug="edu", locale__language_code="az")

    html = _render(CallToActionBlock(), _cta(page=edu_home.pk))

    assert (
        '<a class="btn btn-primary btn-lg" href="http://edu.localhost:8000/">'
        "Müraciət edin</a>" in html
    )


# Image


def test_image_needs_its_text_alternative(db):
    block = ImageBlock()
    image = _image()

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(
            block.to_python({"image": image.pk, "alt_text": "", "caption": "Studiya"})
        )

    assert list(error.value.block_errors) == ["alt_text"]


def test_image_renders_with_its_text_alternative_and_caption(db):
    image = _image()

    html = _render(
        ImageBlock(),
        {"image": image.pk, "alt_text": "Səs studiyasında pult", "caption": "Studiya"},
    )

    [img] = re.findall(r"<img [^>]*>", html)
    assert 'alt="Səs studiyasında pult"' in img
    assert 'class="figure-img img-fluid"' in img
    assert 'loading="lazy"' in img
    assert '<figcaption class="figure-caption">Studiya</figcaption>' in html


# Video


@pytest.mark.parametrize(
    ("url", "embed_url"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube.com/shorts/aBcDeFgHiJ0",
            "https://www.youtube-nocookie.com/embed/aBcDeFgHiJ0",
        ),
        (
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        (
            "https://vimeo.com/channels/staffpicks/76979871",
            "https://player.vimeo.com/video/76979871",
        ),
        (
            "https://player.vimeo.com/video/76979871",
            "https://player.vimeo.com/video/76979871",
        ),
        (
            "https://vimeo.com/76979871/8272103f6e",
            "https://player.vimeo.com/video/76979871?h=8272103f6e",
        ),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ%22onload", None),
        ("https://www.youtube.com/channel/UC123", None),
        ("https://vimeo.com/about", None),
        ("https://www.dailymotion.com/video/x8abc", None),
        ("https://example.az/youtube.com/watch?v=dQw4w9WgXcQ", None),
    ],
)
def test_video_embed_url_is_worked_out_from_the_link(url, embed_url):
    assert video_embed_url(url) == embed_url


def test_youtube_video_plays_in_a_titled_lazy_frame(db):
    html = _render(
        VideoBlock(),
        {
            "url": "https://youtu.be/dQw4w9WgXcQ",
            "title": "Creative Talks: səs dizaynı",
            "caption": "Bakı, 2025",
        },
    )

    frame = re.search(r"<iframe [^>]*>", html).group(0)
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in frame
    assert 'title="Creative Talks: səs dizaynı"' in frame
    assert 'loading="lazy"' in frame
    assert '<figcaption class="figure-caption">Bakı, 2025</figcaption>' in html


def test_video_of_another_site_is_a_plain_link(db):
    html = _render(
        VideoBlock(),
        {"url": "https://www.dailymotion.com/video/x8abc", "title": "Ai4Art"},
    )

    assert "<iframe" not in html
    assert (
        '<a class="video-link" href="https://www.dailymotion.com/video/x8abc" '
        'rel="noopener noreferrer">Watch the video: Ai4Art</a>' in html
    )


# Quote and cohort


def test_quote_renders_the_words_and_who_said_them(db):
    html = _render(
        QuoteBlock(),
        {"quote": "Səs hər şeydir.\nSükut da.", "attribution": "Aynur, rezident"},
    )

    assert (
        '<blockquote class="blockquote mb-0"><p>Səs hər şeydir.<br>Sükut da.</p>'
        "</blockquote>" in html
    )
    assert '<figcaption class="blockquote-footer">Aynur, rezident</figcaption>' in html


def test_quote_without_attribution_has_no_caption(db):
    html = _render(QuoteBlock(), {"quote": "Yalnız söz.", "attribution": ""})

    assert "<p>Yalnız söz.</p>" in html
    assert "figcaption" not in html


def test_cohort_renders_its_name_year_and_text(db):
    html = _render(
        CohortBlock(), {"year": 2025, "name": "Yaz axını", "text": "On iki komanda."}
    )

    assert (
        '<h3 class="h5 card-title">Yaz axını '
        '<small class="text-muted">2025</small></h3>' in html
    )
    assert '<p class="card-text">On iki komanda.</p>' in html
