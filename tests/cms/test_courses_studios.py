"""Staff build both sites in Wagtail's admin: programme, course and studio
pages and the home page's blocks are made through the admin's own forms,
sit only where they belong, preview, and render in Azerbaijani, English and
Russian with each language's own title."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from catalogue.kinds import COURSE, SERVICE
from cms.models import (
    ContactPage,
    CourseIndexPage,
    CourseLandingPage,
    EventIndexPage,
    HomePage,
    ImpactPage,
    PartnerOrganisation,
    ProgrammePage,
    StandardPage,
    StoryIndexPage,
    StudioIndexPage,
    StudioPage,
)
from tests.factories import ProductFactory, course_product

pytestmark = pytest.mark.django_db

MARKET = "market.localhost:8000"
EDU = "edu.localhost:8000"


def _home(site: str, language: str = "az") -> HomePage:
    return HomePage.objects.get(slug=site, locale__language_code=language)


def _admin(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def _form(**fields) -> dict:
    """The page form's POST data: `fields` plus the empty comments formset
    every page form carries."""
    return nested_form_data({**fields, "comments": inline_formset([])})


def _add(client, parent: Page, model, data: dict):
    """Create a `model` page under `parent` through the admin's add view and
    publish it, as an editor does; the new page."""
    url = reverse(
        "wagtailadmin_pages:add", args=("cms", model._meta.model_name, parent.pk)
    )

    response = client.post(url, {**data, "action-publish": "action-publish"})

    errors = response.context["form"].errors if response.status_code == 200 else {}
    assert errors == {}
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=(parent.pk,))
    return model.objects.child_of(parent).get(slug=data["slug"])


def _translate(page: Page, language: str, title: str) -> Page:
    """The page's translation into `language`, titled `title`, published
    (its parent must be translated already)."""
    translated = page.copy_for_translation(Locale.objects.get(language_code=language))
    translated.title = title
    translated.save_revision().publish()
    return translated


def _without_block_keys(html: str) -> str:
    """Rich text as typed: the editor stamps each paragraph with a key."""
    return re.sub(r' data-block-key="[^"]*"', "", html)


def _image(title: str = "Səs studiyası") -> Image:
    return Image.objects.create(title=title, file=get_test_image_file())


def _sessions(days: int) -> list:
    start = timezone.now() + timedelta(days=days)
    return [(start, start + timedelta(hours=2))]


@pytest.fixture
def course(resident):
    return course_product(
        resident=resident,
        title="Animasiya üçün süni intellekt",
        capacity=12,
        sessions=_sessions(10),
    )


@pytest.fixture
def service(resident):
    return ProductFactory(
        resident=resident,
        kind=SERVICE,
        title="Səsyazma studiyası, 1 saat",
        price=Decimal("40.00"),
        num_in_stock=None,
    )


# Forms of each page type, as the admin posts them.


def _programme_data() -> dict:
    return _form(
        title="Musiqi proqramı",
        slug="musiqi",
        programme="music",
        intro="Musiqi texnologiyaları üçün inkubasiya.",
        body=streamfield(
            [("quote", {"quote": "Səs hər şeydir.", "attribution": "Aynur"})]
        ),
        cohorts=streamfield(
            [
                ("cohort", {"year": "2024", "name": "Birinci axın", "text": ""}),
                ("cohort", {"year": "2025", "name": "İkinci axın", "text": "On iki."}),
            ]
        ),
    )


def _course_index_data() -> dict:
    return _form(title="Kurslar", slug="kurslar", intro="Pulsuz və pullu kurslar.")


def _course_landing_data(course) -> dict:
    return _form(
        title="Süni intellekt və animasiya",
        slug="animasiya",
        product=str(course.pk),
        intro="Altı həftəlik kurs.",
        body=streamfield([("rich_text", rich_text("<p>Kimlər üçündür?</p>"))]),
    )


def _studio_index_data() -> dict:
    return _form(title="Studiyalar", slug="studiyalar", intro="Mərkəzin studiyaları.")


def _studio_data(service, image) -> dict:
    return _form(
        title="Səs studiyası",
        slug="ses",
        kind="sound",
        intro="Akustik otaq və pult.",
        equipment=rich_text("<ul><li>Neumann U87</li></ul>"),
        gallery=streamfield(
            [
                (
                    "image",
                    {"image": str(image.pk), "alt_text": "Pult", "caption": ""},
                )
            ]
        ),
        services=streamfield([("service", str(service.pk))]),
        body=streamfield([]),
    )


def _home_data(products) -> dict:
    return _form(
        title="Yeni sayt",
        slug="yeni",
        intro="Yeni ana səhifə.",
        body=streamfield(
            [
                (
                    "product_carousel",
                    {
                        "heading": "Seçilmişlər",
                        "products": streamfield(
                            [("item", str(product.pk)) for product in products]
                        ),
                        "category": "",
                        "count": "8",
                    },
                )
            ]
        ),
    )


# Made through the admin


def test_staff_create_a_programme_page(sites, staff):
    page = _add(_admin(staff), _home("market"), ProgrammePage, _programme_data())

    assert page.live is True
    assert page.title == "Musiqi proqramı"
    assert page.programme == "music"
    assert page.intro == "Musiqi texnologiyaları üçün inkubasiya."
    assert [(block.block_type, dict(block.value)) for block in page.body] == [
        ("quote", {"quote": "Səs hər şeydir.", "attribution": "Aynur"})
    ]
    assert [dict(block.value) for block in page.cohorts] == [
        {"year": 2024, "name": "Birinci axın", "text": ""},
        {"year": 2025, "name": "İkinci axın", "text": "On iki."},
    ]


def test_staff_create_a_course_index_and_a_course_landing_page(sites, staff, course):
    client = _admin(staff)

    index = _add(client, _home("edu"), CourseIndexPage, _course_index_data())
    landing = _add(client, index, CourseLandingPage, _course_landing_data(course))

    assert (index.title, index.intro, index.live) == (
        "Kurslar",
        "Pulsuz və pullu kurslar.",
        True,
    )
    assert landing.live is True
    assert landing.title == "Süni intellekt və animasiya"
    assert landing.product == course
    assert landing.intro == "Altı həftəlik kurs."
    assert [
        (block.block_type, _without_block_keys(block.value.source))
        for block in landing.body
    ] == [("rich_text", "<p>Kimlər üçündür?</p>")]


def test_a_course_landing_page_takes_a_course_product_only(sites, staff, service):
    client = _admin(staff)
    index = _add(client, _home("edu"), CourseIndexPage, _course_index_data())
    url = reverse("wagtailadmin_pages:add", args=("cms", "courselandingpage", index.pk))

    response = client.post(
        url, {**_course_landing_data(service), "action-publish": "action-publish"}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["product"]
    assert CourseLandingPage.objects.count() == 0


def test_staff_create_a_studio_index_and_a_studio_page_with_a_service(
    sites, staff, service
):
    client = _admin(staff)
    image = _image()

    index = _add(client, _home("market"), StudioIndexPage, _studio_index_data())
    studio = _add(client, index, StudioPage, _studio_data(service, image))

    assert (index.title, index.intro) == ("Studiyalar", "Mərkəzin studiyaları.")
    assert studio.live is True
    assert studio.kind == "sound"
    assert studio.intro == "Akustik otaq və pult."
    assert _without_block_keys(studio.equipment) == "<ul><li>Neumann U87</li></ul>"
    assert [block.value for block in studio.services] == [service]
    assert studio.bookable_services() == [service]
    assert [dict(block.value) for block in studio.gallery] == [
        {"image": image, "alt_text": "Pult", "caption": ""}
    ]


def test_staff_create_a_home_page_with_a_carousel_of_chosen_products(
    sites, staff, resident
):
    older = ProductFactory(resident=resident, title="Quba xalçası")
    newer = ProductFactory(resident=resident, title="Tar")
    root = Page.get_first_root_node()

    home = _add(_admin(staff), root, HomePage, _home_data([newer, older]))

    [carousel] = home.body
    assert carousel.block_type == "product_carousel"
    assert carousel.value["heading"] == "Seçilmişlər"
    assert list(carousel.value["products"]) == [newer, older]
    assert carousel.value["category"] == ""
    assert carousel.value["count"] == 8
    assert (home.title, home.intro, home.live) == (
        "Yeni sayt",
        "Yeni ana səhifə.",
        True,
    )


# Where each page may go


@pytest.mark.parametrize(
    ("model", "parents", "children"),
    [
        (ProgrammePage, {HomePage}, set()),
        (CourseIndexPage, {HomePage}, {CourseLandingPage}),
        (CourseLandingPage, {CourseIndexPage}, set()),
        (StudioIndexPage, {HomePage}, {StudioPage}),
        (StudioPage, {StudioIndexPage}, set()),
        (
            HomePage,
            {Page},
            {
                ProgrammePage,
                StoryIndexPage,
                EventIndexPage,
                CourseIndexPage,
                StudioIndexPage,
                StandardPage,
                ContactPage,
                ImpactPage,
            },
        ),
        (ImpactPage, {HomePage}, set()),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_each_page_type_sits_where_it_belongs(model, parents, children):
    assert set(model.allowed_parent_page_models()) == parents
    assert set(model.allowed_subpage_models()) == children


@pytest.mark.parametrize(
    ("model_name", "parent"),
    [
        ("courselandingpage", "home"),
        ("studiopage", "home"),
        ("programmepage", "course index"),
        ("studioindexpage", "course index"),
    ],
)
def test_the_admin_refuses_a_page_in_the_wrong_place(sites, staff, model_name, parent):
    client = _admin(staff)
    home = _home("edu")
    if parent == "course index":
        parent = _add(client, home, CourseIndexPage, _course_index_data())
    else:
        parent = home
    pages_before = Page.objects.count()

    response = client.post(
        reverse("wagtailadmin_pages:add", args=("cms", model_name, parent.pk)),
        _form(title="Yanlış yer", slug="yanlis"),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert Page.objects.count() == pages_before


# In three languages


TITLES = {
    "programme": {"az": "Musiqi proqramı", "en": "Music programme", "ru": "Музыка"},
    "course index": {"az": "Kurslar", "en": "Courses", "ru": "Курсы"},
    "course": {"az": "Animasiya", "en": "Animation", "ru": "Анимация"},
    "studio index": {"az": "Studiyalar", "en": "Studios", "ru": "Студии"},
    "studio": {"az": "Səs studiyası", "en": "Sound studio", "ru": "Звукозапись"},
}


@pytest.fixture
def pages(sites, course, service):
    """Each page type in Azerbaijani, translated into English and Russian."""
    market, edu = _home("market"), _home("edu")
    made = {
        "programme": market.add_child(
            instance=ProgrammePage(
                title=TITLES["programme"]["az"], slug="musiqi", programme="music"
            )
        ),
        "course index": edu.add_child(
            instance=CourseIndexPage(title=TITLES["course index"]["az"], slug="kurslar")
        ),
        "studio index": market.add_child(
            instance=StudioIndexPage(
                title=TITLES["studio index"]["az"], slug="studiyalar"
            )
        ),
    }
    made["course"] = made["course index"].add_child(
        instance=CourseLandingPage(
            title=TITLES["course"]["az"],
            slug="animasiya",
            product=course,
            intro="Altı həftə.",
        )
    )
    made["studio"] = made["studio index"].add_child(
        instance=StudioPage(
            title=TITLES["studio"]["az"],
            slug="ses",
            kind="sound",
            equipment="<ul><li>Neumann U87</li></ul>",
            gallery=[("image", {"image": _image(), "alt_text": "Pult", "caption": ""})],
            services=[("service", service)],
        )
    )
    for page in made.values():
        page.save_revision().publish()
    for language in ("en", "ru"):
        for kind in ("programme", "course index", "studio index", "course", "studio"):
            _translate(made[kind], language, TITLES[kind][language])
    return made


PATHS = {
    "programme": (MARKET, "musiqi/"),
    "course index": (EDU, "kurslar/"),
    "course": (EDU, "kurslar/animasiya/"),
    "studio index": (MARKET, "studiyalar/"),
    "studio": (MARKET, "studiyalar/ses/"),
}


def _get(client, kind: str, language: str):
    host, path = PATHS[kind]
    prefix = "/" if language == "az" else f"/{language}/"
    return client.get(prefix + path, HTTP_HOST=host)


@pytest.mark.parametrize("language", ["az", "en", "ru"])
@pytest.mark.parametrize("kind", list(PATHS))
def test_each_page_renders_in_each_language_with_its_own_title(
    client, pages, kind, language
):
    response = _get(client, kind, language)

    assert response.status_code == 200
    page = response.context["page"]
    assert page.locale.language_code == language
    assert page.translation_key == pages[kind].translation_key
    assert page.title == TITLES[kind][language]
    assert f"<h1>{TITLES[kind][language]}</h1>" in response.content.decode()


def test_course_index_lists_its_courses_with_start_price_and_seats(
    client, pages, course
):
    with translation.override("en"):
        first_session = course.course.sessions.first().starts_at

        response = _get(client, "course index", "en")

    html = response.content.decode()
    [listed] = response.context["course_list"]
    assert listed.product == course
    assert listed.card.next_session_at == first_session
    assert (listed.card.seats_left, listed.card.capacity, listed.card.free) == (
        12,
        12,
        True,
    )
    assert listed.card.availability == "open"
    assert (
        '<h3 class="course-card__title"><a href="/en/kurslar/animasiya/">'
        "Animasiya üçün süni intellekt</a></h3>" in html
    )
    assert '<dd class="course-price">Free</dd>' in html
    assert '<dd class="course-seats">12 of 12 seats left</dd>' in html


def test_course_index_lists_a_course_without_sessions_last(client, pages, resident):
    # A course product made in the shop, without sessions nor landing page.
    undated = ProductFactory(
        resident=resident, kind=COURSE, title="Tarixsiz kurs", price=Decimal("0.00")
    )

    response = _get(client, "course index", "en")

    assert [course.product.title for course in response.context["course_list"]] == [
        "Animasiya üçün süni intellekt",
        "Tarixsiz kurs",
    ]
    assert response.context["course_list"][1].card.next_session_at is None
    # Its page is the catalogue's own page of it, on Kreativ Edu.
    assert response.context["course_list"][1].url == f"/en/kurslar/{undated.pk}/"
    # The dated course shows a <time>; the undated one says so.
    assert re.findall(
        r'<dd class="course-starts">([^<]+)</dd>', response.content.decode()
    ) == ["To be announced"]


def test_course_landing_page_shows_the_live_course_panel_and_links_the_product(
    client, pages, course
):
    response = _get(client, "course", "en")

    html = response.content.decode()
    assert '<p class="lead">Altı həftə.</p>' in html
    assert 'id="course-panel"' in html
    assert "12 of 12 seats left" in html
    assert "Sign in to enrol" in html
    with translation.override("en"):
        product_url = course.get_absolute_url()
    assert re.search(
        rf'<a class="course-product-link" href="{re.escape(product_url)}">', html
    )


def test_studio_page_shows_its_kind_equipment_gallery_and_services(
    client, pages, service
):
    response = _get(client, "studio", "en")

    html = response.content.decode()
    assert '<p class="badge badge-secondary studio-kind">Sound recording</p>' in html
    assert "<li>Neumann U87</li>" in html
    assert re.search(r'<img [^>]*alt="Pult"', html)
    with translation.override("en"):
        service_url = service.get_absolute_url()
    assert f'<a href="{service_url}" title="Səsyazma studiyası, 1 saat">' in html
    assert "₼40.00" in html


def test_studio_page_leaves_out_services_no_longer_on_sale(client, pages, service):
    service.is_public = False
    service.save()

    response = _get(client, "studio", "az")

    assert "Səsyazma studiyası, 1 saat" not in response.content.decode()
    assert 'id="studio-services-heading"' not in response.content.decode()


def test_studio_index_lists_its_studios(client, pages):
    response = _get(client, "studio index", "ru")

    html = response.content.decode()
    assert [studio.title for studio in response.context["studios"]] == ["Звукозапись"]
    assert '<a href="/ru/studiyalar/ses/">Звукозапись</a>' in html


# Previews


def _preview(client, page: Page, data: dict):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    posted = client.post(url, data)
    return posted, client.get(url)


def test_each_page_type_previews(sites, staff, course, service, resident):
    client = _admin(staff)
    image = _image()
    tar = ProductFactory(resident=resident, title="Tar")
    programme = _add(client, _home("market"), ProgrammePage, _programme_data())
    course_index = _add(client, _home("edu"), CourseIndexPage, _course_index_data())
    landing = _add(
        client, course_index, CourseLandingPage, _course_landing_data(course)
    )
    studio_index = _add(client, _home("market"), StudioIndexPage, _studio_index_data())
    studio = _add(client, studio_index, StudioPage, _studio_data(service, image))
    # The home page's blocks, previewed on a site's own home page.
    home_data = _home_data([tar]) | {"slug": "market"}
    cases = [
        (programme, _programme_data()),
        (course_index, _course_index_data()),
        (landing, _course_landing_data(course)),
        (studio_index, _studio_index_data()),
        (studio, _studio_data(service, image)),
        (_home("market"), home_data),
    ]

    for page, data in cases:
        title = page.title
        data["title"] = f"{data['title']} (qaralama)"

        posted, preview = _preview(client, page, data)

        assert posted.json() == {"is_valid": True, "is_available": True}
        assert preview.status_code == 200
        assert f"<h1>{data['title']}</h1>" in preview.content.decode()
        page.refresh_from_db()
        assert page.title == title
    assert '<a href="/shop/catalogue/' in preview.content.decode()
    assert 'title="Tar"' in preview.content.decode()


# The home page's partners


def test_home_page_shows_its_language_partners_in_order_with_logo_or_name(
    client, sites
):
    az, en = (Locale.objects.get(language_code=code) for code in ("az", "en"))
    PartnerOrganisation.objects.create(
        locale=az,
        name="Goethe-Institut",
        kind=PartnerOrganisation.Kind.INTERNATIONAL,
        url="https://www.goethe.de/",
        logo=_image("Goethe"),
        sort_order=2,
    )
    PartnerOrganisation.objects.create(
        locale=az, name="ADA Universiteti", url="https://ada.edu.az/", sort_order=1
    )
    PartnerOrganisation.objects.create(
        locale=az, name="Gizli tərəfdaş", show_on_home=False
    )
    PartnerOrganisation.objects.create(locale=en, name="English-only partner")

    response = client.get("/", HTTP_HOST=MARKET)

    html = response.content.decode()
    assert [partner.name for partner in response.context["partners"]] == [
        "ADA Universiteti",
        "Goethe-Institut",
    ]
    assert re.search(
        r'<a href="https://ada.edu.az/" rel="noopener">\s*'
        r'<span class="h5 partner-name">ADA Universiteti</span>\s*</a>',
        html,
    )
    assert re.search(
        r'<a href="https://www.goethe.de/" rel="noopener">\s*'
        r'<picture>\s*(?:<source [^>]*>\s*)+<img [^>]*alt="Goethe-Institut"',
        html,
    )
    assert "Gizli tərəfdaş" not in html
    assert "English-only partner" not in html


def test_home_page_says_where_each_partner_comes_from(client, sites):
    en = Locale.objects.get(language_code="en")
    PartnerOrganisation.objects.create(
        locale=en, name="British Council", kind=PartnerOrganisation.Kind.INTERNATIONAL
    )
    PartnerOrganisation.objects.create(locale=en, name="ADA University")

    response = client.get("/en/", HTTP_HOST=MARKET)

    html = response.content.decode()
    assert '<h2 id="home-partners-heading">Our partners</h2>' in html
    assert re.findall(
        r'<p class="small text-muted mb-0 partner-kind">([^<]+)</p>', html
    ) == [
        "Local",
        "International",
    ]
    assert (
        "<a href"
        not in html.split('id="home-partners-heading"')[1].split("</section>")[0]
    )
