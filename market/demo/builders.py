"""Builders of the demo Centre: users, residents, products, both sites.

Each builder is idempotent: it looks for what it would create (by e-mail,
slug or UPC) and creates only what is missing, so `load_demo` can run again
without duplicating anything. Accounts, residents and listings are made by
the demo's own builders (records.py), never by the tests' factories.
"""

import io
import json
import zipfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site as DjangoSite
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from oscar.apps.address.models import Country
from oscar.apps.catalogue.categories import create_from_sequence
from oscar.apps.catalogue.models import ProductImage
from oscar.apps.partner.models import StockRecord
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from catalogue.kinds import (
    COURSE,
    DIGITAL,
    LICENCES,
    PHYSICAL,
    SERVICE,
    licence_variant_title,
)
from catalogue.models import Category, Product
from cms.models import HomePage
from market.accounts.models import User
from market.currencies.services import exchange_rates_store
from market.residents.models import Resident, ResidentStatus
from market.residents.services import digital_file_add

from . import data, page_data
from .history import demo_history
from .images import logo_image, product_image
from .learning import demo_learning
from .localize import localized_page
from .pages import demo_pages
from .payouts import build_payout_profiles
from .records import demo_licence, demo_listing, demo_resident, demo_user
from .shipping import demo_parcels, demo_shipping_profiles
from .studios import demo_studios
from .tokens import demo_access_tokens
from .trade import demo_quotes

QUIET_MAIL = "django.core.mail.backends.locmem.EmailBackend"

# Demo-only credentials, named in the README. Never use them in production.
STAFF_EMAIL = "staff@creative-market.az"
STAFF_PASSWORD = "demo-staff-2026"  # noqa: S105 (demo only)
RESIDENT_EMAIL = "resident@creative-market.az"
RESIDENT_PASSWORD = "demo-resident-2026"  # noqa: S105 (demo only)
BUYER_EMAIL = "buyer@creative-market.az"
BUYER_PASSWORD = "demo-buyer-2026"  # noqa: S105 (demo only)
RESIDENT_DOMAIN = "residents.creative-market.az"
APPLICANT_EMAIL = "applicant@creative-market.az"
APPLICANT_PASSWORD = "demo-applicant-2026"  # noqa: S105 (demo only)

LANGUAGES = ("az", "en", "ru")

DEMO_APPLICATION = {
    "slug": "lenkeran-bambuk",
    "display_name": "Lənkəran Bambuk",
    "programme": "cultech",
    "startup_name": "Bambuk Dizayn",
    "cohort_year": 2026,
    "city": "Lənkəran",
    "languages": "az, ru",
    "bio": "<p>Lənkəran bambukundan əl işi lampalar və səbətlər.</p>",
}


class DemoNotAllowed(Exception):
    """The settings say this is not a demo (production)."""


@dataclass
class DemoSummary:
    users: int
    residents: int
    products: int
    categories: int
    pages: int


def demo_users() -> None:
    """The demo's staff, resident and buyer accounts."""
    accounts = [
        (STAFF_EMAIL, STAFF_PASSWORD, "Nigar", "Həsənova", True),
        (RESIDENT_EMAIL, RESIDENT_PASSWORD, "Orxan", "Quliyev", False),
        (BUYER_EMAIL, BUYER_PASSWORD, "Emma", "Schneider", False),
        (APPLICANT_EMAIL, APPLICANT_PASSWORD, "Leyla", "Əliyeva", False),
    ]
    for email, password, first_name, last_name, is_staff in accounts:
        demo_user(
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            staff=is_staff,
        )


def demo_categories() -> dict[str, Category]:
    """The category tree, named in Azerbaijani (the original), English and
    Russian."""
    categories: dict[str, Category] = {}
    pending = dict(data.CATEGORIES)
    while pending:
        for key, spec in list(pending.items()):
            parent = spec["parent"]
            if parent is not None and parent not in categories:
                continue
            path = [spec["name"]["az"]]
            while parent is not None:
                path.insert(0, data.CATEGORIES[parent]["name"]["az"])
                parent = data.CATEGORIES[parent]["parent"]
            category = create_from_sequence(path)[-1]
            _fill_blank(
                category, name_en=spec["name"]["en"], name_ru=spec["name"]["ru"]
            )
            categories[key] = category
            del pending[key]
    return categories


def _fill_blank(instance, **values) -> None:
    """Sets the fields that are blank (a demo loaded before they existed gets
    them; anything already given is left alone)."""
    missing = [field for field in values if not getattr(instance, field)]
    for field in missing:
        setattr(instance, field, values[field])
    if missing:
        instance.save(update_fields=missing)


def demo_residents() -> dict[str, Resident]:
    """The residents, each approved by the demo's staff (so an Oscar partner)
    with a logo, and an account of its own."""
    staff = User.objects.get(email=STAFF_EMAIL)
    residents: dict[str, Resident] = {}
    for number, spec in enumerate(data.RESIDENTS):
        # The first shop belongs to the README's resident account; every other
        # shop gets an account of its own, so each has a working dashboard.
        email = RESIDENT_EMAIL if number == 0 else f"{spec['slug']}@{RESIDENT_DOMAIN}"
        owner = demo_user(
            email=email, password=RESIDENT_PASSWORD, first_name=spec["display_name"]
        )
        resident = Resident.objects.filter(slug=spec["slug"]).first()
        if resident is None:
            resident = demo_resident(
                owner=owner,
                staff_user=staff,
                slug=spec["slug"],
                display_name=spec["display_name"],
                programme=spec["programme"],
                startup_name=spec["startup_name"],
                cohort_year=spec["cohort_year"],
                city=spec["city"],
                languages=spec["languages"],
                website=spec["website"],
                bio=spec["bio"]["az"],
            )
        _fill_blank(
            resident,
            bio_en=spec["bio"]["en"],
            bio_ru=spec["bio"]["ru"],
        )
        if not resident.logo:
            resident.logo.save(
                "logo.png", logo_image(resident.display_name, spec["colour"]), save=True
            )
        # A shop of an older demo may lack its owner.
        resident.partner.users.add(owner)
        if resident.applicant_id is None:
            resident.applicant = owner
            resident.save(update_fields=["applicant"])
        residents[spec["slug"]] = resident
    return residents


def demo_application() -> Resident:
    """One application waiting for staff in the Wagtail admin (/cms/residents/)."""
    existing = Resident.objects.filter(slug=DEMO_APPLICATION["slug"]).first()
    if existing is not None:
        return existing
    return Resident.objects.create(
        applicant=User.objects.get(email=APPLICANT_EMAIL),
        status=ResidentStatus.APPLIED,
        **DEMO_APPLICATION,
    )


def _kind_attributes(spec: dict) -> dict:
    kind = spec["kind"]
    if kind == PHYSICAL:
        return {
            "weight_grams": spec["weight_grams"],
            "dimensions": spec["dimensions"],
            "materials": spec["materials"],
            "hs_code": spec["hs_code"],
            "country_of_origin": spec["country_of_origin"],
        }
    if kind == DIGITAL:
        return {
            "file_format": spec["file_format"],
            "file_size_mb": spec["file_size_mb"],
        }
    if kind == SERVICE:
        return {
            "duration_hours": spec["duration_hours"],
            "deliverables": spec["deliverables"]["az"],
            "lead_time_days": spec["lead_time_days"],
        }
    sessions = "; ".join(f"{when}, {where}" for when, where in spec["sessions"])
    return {
        "capacity": spec["capacity"],
        "language": spec["language"],
        "level": spec["level"],
        "region": spec["region"],
        "sessions": sessions,
    }


def _texts(spec: dict, licence_code: str = "") -> dict:
    """Title (Azerbaijani, the original) and its English and Russian versions;
    `licence_code` makes them a licence tier's ("... (Personal licence)")."""
    titles = {language: spec["title"][language] for language in ("az", "en", "ru")}
    if licence_code:
        titles = {
            language: licence_variant_title(title, licence_code, language)
            for language, title in titles.items()
        }
    return {
        "title": titles["az"],
        "title_en": titles["en"],
        "title_ru": titles["ru"],
    }


def _variant_upc(spec: dict, licence_code: str) -> str:
    return f"{spec['upc']}-{licence_code[0].upper()}"


def _descriptions(spec: dict) -> dict:
    return {
        "description": f"<p>{spec['description']['az']}</p>",
        "description_en": f"<p>{spec['description']['en']}</p>",
        "description_ru": f"<p>{spec['description']['ru']}</p>",
    }


def _add_missing_translations(product: Product, spec: dict) -> None:
    """A product of an older demo gets the English and Russian texts it lacks
    (its variants too); a text already given is left alone."""
    targets = [(product, _texts(spec) | _descriptions(spec))]
    for code, _name in LICENCES:
        child = product.children.filter(upc=_variant_upc(spec, code)).first()
        if child is not None:
            targets.append((child, _texts(spec, code)))
    for target, texts in targets:
        missing = [
            field
            for field in texts
            if field.endswith(("_en", "_ru")) and not getattr(target, field)
        ]
        for field in missing:
            setattr(target, field, texts[field])
        if missing:
            target.save(update_fields=missing)


def demo_product(spec: dict, resident: Resident, category: Category) -> Product:
    """One product of the demo, with its kind's attributes and an image, and
    its title and description in Azerbaijani (the original), English, Russian."""
    existing = Product.objects.filter(upc=spec["upc"]).first()
    if existing is not None:
        _add_missing_translations(existing, spec)
        return existing
    kind = spec["kind"]
    common = {
        "resident": resident,
        "kind": kind,
        "upc": spec["upc"],
        "texts": _texts(spec) | _descriptions(spec),
        "category": category,
        "attributes": _kind_attributes(spec),
    }
    if kind == DIGITAL:
        product = demo_listing(**common)
        for code, _name in LICENCES:
            demo_licence(
                parent=product,
                resident=resident,
                upc=_variant_upc(spec, code),
                titles=_texts(spec, code),
                price=spec["licences"][code],
                licence=code,
            )
    else:
        stock = {PHYSICAL: spec.get("stock"), COURSE: spec.get("capacity")}.get(kind)
        product = demo_listing(**common, price=spec["price"], num_in_stock=stock)
    colour = next(r["colour"] for r in data.RESIDENTS if r["slug"] == resident.slug)
    ProductImage.objects.create(
        product=product,
        original=product_image(spec["title"]["en"], kind, colour),
        caption=spec["title"]["az"],
        display_order=0,
    )
    return product


def demo_products(residents: dict[str, Resident], categories: dict[str, Category]):
    for spec in data.PRODUCTS:
        demo_product(spec, residents[spec["resident"]], categories[spec["category"]])


def _hero(texts: dict) -> tuple[str, dict]:
    return (
        "hero",
        {
            "heading": texts["hero_heading"],
            "text": texts["hero_text"],
            "button_text": texts["hero_button"],
            "button_link": texts.get("hero_link", "/shop/catalogue/"),
        },
    )


def _call_to_action(texts: dict) -> tuple[str, dict]:
    return (
        "call_to_action",
        {
            "heading": texts["cta_heading"],
            "text": texts["cta_text"],
            "button_text": texts["cta_button"],
            "page": None,
            "link": texts["cta_link"],
        },
    )


def _market_body(
    texts: dict, *, products: list[Product], spotlight: Resident | None
) -> list:
    """Creative Market's home: the editors' picks, one resident in the
    spotlight, the newest products, the residents, upcoming events and the
    invitation to open a shop."""
    blocks = [
        _hero(texts),
        (
            "product_carousel",
            {
                "heading": texts["carousel_heading"],
                "products": products,
                "category": "",
                "count": 8,
            },
        ),
    ]
    if spotlight is not None:
        blocks.append(
            (
                "resident_spotlight",
                {
                    "resident": spotlight,
                    "text": texts["spotlight_text"],
                    "product_count": 3,
                },
            )
        )
    return [
        *blocks,
        (
            "product_list",
            {"heading": texts["products_heading"], "kind": "", "count": 8},
        ),
        ("resident_list", {"heading": texts["residents_heading"], "count": 8}),
        ("event_list", {"heading": texts["events_heading"], "series": "", "count": 3}),
        _call_to_action(texts),
    ]


def _edu_body(texts: dict) -> list:
    """Kreativ Edu's home: courses about to start (seats left), talks and
    workshops, a learner's words, every course, and a call to teach."""
    return [
        _hero(texts),
        (
            "course_list",
            {"heading": texts["courses_heading"], "count": 6, "free_only": False},
        ),
        ("event_list", {"heading": texts["events_heading"], "series": "", "count": 4}),
        (
            "quote",
            {"quote": texts["quote"], "attribution": texts["quote_attribution"]},
        ),
        ("rich_text", RichText(f"<p>{texts['about']}</p>")),
        (
            "product_list",
            {"heading": texts["all_courses_heading"], "kind": COURSE, "count": 8},
        ),
        _call_to_action(texts),
    ]


def _home_page(slug: str, content: dict, body) -> HomePage:
    """A site's home page in Azerbaijani, with English and Russian translations
    made through wagtail-localize."""

    def fields(texts: dict) -> dict:
        return {"title": texts["title"], "intro": texts["intro"], "body": body(texts)}

    return localized_page(
        Page.get_first_root_node(), HomePage, slug=slug, texts=content, fields=fields
    )


def _with_extra(content: dict, extra: dict) -> dict:
    return {code: content[code] | extra[code] for code in LANGUAGES}


def demo_sites() -> None:
    """Two Wagtail sites on one server, told apart by hostname."""
    # Wagtail's migrations leave a placeholder "Welcome" page and site.
    Page.objects.filter(
        depth=2, content_type=ContentType.objects.get_for_model(Page)
    ).delete()
    by_upc = Product.objects.in_bulk(page_data.MARKET_CAROUSEL, field_name="upc")
    market_body = partial(
        _market_body,
        products=[by_upc[upc] for upc in page_data.MARKET_CAROUSEL if upc in by_upc],
        spotlight=Resident.objects.filter(
            slug=page_data.MARKET_SPOTLIGHT, status=ResidentStatus.APPROVED
        ).first(),
    )
    market_home = _home_page(
        "market",
        _with_extra(data.MARKET_HOME, page_data.MARKET_HOME_EXTRA),
        market_body,
    )
    edu_home = _home_page(
        "edu", _with_extra(data.EDU_HOME, page_data.EDU_HOME_EXTRA), _edu_body
    )
    port = settings.MARKET_SITE_PORT
    Site.objects.update_or_create(
        hostname=settings.MARKET_SITE_HOSTNAME,
        port=port,
        defaults={
            "site_name": "Creative Market",
            "root_page": market_home,
            "is_default_site": True,
        },
    )
    Site.objects.update_or_create(
        hostname=settings.EDU_SITE_HOSTNAME,
        port=port,
        defaults={
            "site_name": "Kreativ Edu",
            "root_page": edu_home,
            "is_default_site": False,
        },
    )
    DjangoSite.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={
            "domain": f"{settings.MARKET_SITE_HOSTNAME}:{port}",
            "name": "Creative Market",
        },
    )


def demo_exchange_rates() -> int:
    """The rates of exchange_rates.json, stored as published today so that the
    demo's USD and EUR prices are always fresh."""
    path = Path(__file__).with_name("exchange_rates.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    return exchange_rates_store(
        rates=document["rates"],
        effective_date=timezone.localdate(),
        source="market/demo/exchange_rates.json",
    )


# Where the demo ships: home, neighbours and the export markets of the brief.
DEMO_COUNTRIES = [
    ("AZ", "AZE", "031", "Azerbaijan"),
    ("DE", "DEU", "276", "Germany"),
    ("FR", "FRA", "250", "France"),
    ("GB", "GBR", "826", "United Kingdom"),
    ("GE", "GEO", "268", "Georgia"),
    ("IT", "ITA", "380", "Italy"),
    ("KZ", "KAZ", "398", "Kazakhstan"),
    ("NL", "NLD", "528", "Netherlands"),
    ("RU", "RUS", "643", "Russia"),
    ("TR", "TUR", "792", "Türkiye"),
    ("AE", "ARE", "784", "United Arab Emirates"),
    ("US", "USA", "840", "United States"),
]


def demo_countries() -> None:
    """Shipping countries for the checkout's address form."""
    for alpha2, alpha3, numeric, name in DEMO_COUNTRIES:
        Country.objects.update_or_create(
            iso_3166_1_a2=alpha2,
            defaults={
                "iso_3166_1_a3": alpha3,
                "iso_3166_1_numeric": numeric,
                "name": name,
                "printable_name": name,
                "display_order": 1 if alpha2 == "AZ" else 0,
                "is_shipping_country": True,
            },
        )


def demo_digital_files() -> int:
    """A small ZIP for each digital product, stored through the resident's
    own upload service, so that a demo purchase has something to download."""
    created = 0
    digital = Product.objects.filter(
        product_class__slug=DIGITAL, parent__isnull=True, digital_files__isnull=True
    )
    for product in digital:
        record = StockRecord.objects.filter(product__parent=product).first()
        resident = (
            Resident.objects.filter(partner=record.partner).first() if record else None
        )
        if resident is None:
            continue
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "README.txt",
                f"{product.title}\n{resident.display_name}\n\n"
                "A demo file of Creative Market: the real product would be here.\n",
            )
        upload = SimpleUploadedFile(
            f"{product.slug}.zip", buffer.getvalue(), content_type="application/zip"
        )
        digital_file_add(resident=resident, product=product, upload=upload)
        created += 1
    return created


def load_demo() -> DemoSummary:
    """Build (or complete) the whole demo, then rebuild the search index. The
    demo's people get no e-mail while it is built (offers, certificates).

    Refused where settings.MARKET_DEMO_ALLOWED is false (production): the demo
    makes a superuser whose password is published in the README."""
    if not settings.MARKET_DEMO_ALLOWED:
        raise DemoNotAllowed(
            "The demo is not allowed under these settings (MARKET_DEMO_ALLOWED is "
            "false, as in production): it creates accounts whose passwords are "
            "published in the README."
        )
    with override_settings(EMAIL_BACKEND=QUIET_MAIL), transaction.atomic():
        demo_users()
        categories = demo_categories()
        residents = demo_residents()
        demo_application()
        demo_products(residents, categories)
        demo_sites()
        demo_exchange_rates()
        demo_countries()
        build_payout_profiles()
        demo_digital_files()
        demo_shipping_profiles()
        demo_parcels(buyer_email=BUYER_EMAIL, staff_email=STAFF_EMAIL)
        demo_learning()
        demo_pages()
        demo_history()
        demo_studios(staff_email=STAFF_EMAIL, buyer_email=BUYER_EMAIL)
        demo_quotes()
        demo_access_tokens(
            resident_email=RESIDENT_EMAIL, buyer_email="gallery@creative-market.az"
        )
    # Every save above was indexed through the outbox; a rebuild makes sure
    # (and is what an existing deployment runs after loading data).
    call_command("search_rebuild", stdout=io.StringIO())
    return DemoSummary(
        users=User.objects.count(),
        residents=Resident.objects.count(),
        products=Product.objects.filter(parent__isnull=True).count(),
        categories=Category.objects.count(),
        pages=Page.objects.count(),
    )
