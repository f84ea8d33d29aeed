"""The demo's pages on both sites, below the two home pages, in Azerbaijani
with English and Russian translations (wagtail-localize, see localize.py);
the partner organisations of the home pages and each site's settings.

Creative Market: the three programmes, stories, events, the four studios,
about, terms, privacy, delivery and returns, contact. Kreativ Edu: course
landing pages, events, stories, about, contact. Texts are in page_data.py.
Like every builder, safe to run again: what exists is left as it is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from taggit.models import Tag
from wagtail.images.models import Image
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from catalogue.models import Product
from cms.models import (
    ContactFormField,
    ContactPage,
    CourseIndexPage,
    CourseLandingPage,
    EventIndexPage,
    EventPage,
    HomePage,
    ImpactPage,
    PartnerOrganisation,
    ProgrammePage,
    SiteSettings,
    StandardPage,
    StoryIndexPage,
    StoryPage,
    StoryPageTag,
    StudioIndexPage,
    StudioPage,
)
from cms.workflows import story_review_workflow_ensure

from . import data, page_data
from .images import logo_image, product_image
from .localize import LANGUAGES, localized_page, localized_snippet


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _paragraphs(paragraphs: list[str]) -> RichText:
    return RichText("".join(f"<p>{_html(text)}</p>" for text in paragraphs))


def _sections(sections: list[tuple[str, list[str]]]) -> RichText:
    return RichText(
        "".join(
            f"<h2>{_html(heading)}</h2>" + _paragraphs(paragraphs).source
            for heading, paragraphs in sections
        )
    )


def _with(texts: dict[str, dict], extra: dict[str, dict]) -> dict[str, dict]:
    """Each language's texts with the shared texts of that language added."""
    return {code: texts[code] | extra[code] for code in LANGUAGES}


def _call_to_action(heading: str, text: str, button: str, link: str) -> tuple:
    return (
        "call_to_action",
        {
            "heading": heading,
            "text": text,
            "button_text": button,
            "page": None,
            "link": link,
        },
    )


def demo_image(title: str, draw: Callable[[], ContentFile]) -> Image:
    """A Wagtail image of the demo, found by its title or drawn once."""
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image.objects.create(title=title, file=draw())
    return image


def _page(parent: Page, page_class: type[Page], texts: dict[str, dict], fields):
    return localized_page(
        parent, page_class, slug=texts["az"]["slug"], texts=texts, fields=fields
    )


def _index(parent: Page, page_class: type[Page], texts: dict[str, dict]) -> Page:
    def fields(texts: dict) -> dict:
        return {"title": texts["title"], "intro": texts["intro"]}

    return _page(parent, page_class, texts, fields)


# --- Creative Market ------------------------------------------------------


def _programme_fields(spec: dict, texts: dict) -> dict:
    call = texts["call"]
    return {
        "title": texts["title"],
        "programme": spec["programme"],
        "intro": texts["intro"],
        "body": [
            ("rich_text", _paragraphs(texts["body"])),
            _call_to_action(
                call["heading"], call["text"], call["button"], call["link"]
            ),
        ],
        "cohorts": [
            ("cohort", {"year": year, "name": name, "text": text})
            for year, (name, text) in zip(
                page_data.COHORT_YEARS, texts["cohorts"], strict=True
            )
        ],
    }


def demo_programmes(home: HomePage) -> list[ProgrammePage]:
    """Music, Gametech and Cultech, each with its cohorts."""
    calls = {code: {"call": page_data.PROGRAMME_CALL[code]} for code in LANGUAGES}
    return [
        _page(
            home,
            ProgrammePage,
            _with(spec["texts"], calls),
            partial(_programme_fields, spec),
        )
        for spec in page_data.PROGRAMMES
    ]


def _story_fields(spec: dict, texts: dict) -> dict:
    body = [("rich_text", _paragraphs(texts["body"]))]
    if texts.get("quote"):
        body.append(
            ("quote", {"quote": texts["quote"], "attribution": texts["attribution"]})
        )
    return {
        "title": texts["title"],
        "date": timezone.localdate() - timedelta(days=spec["days_ago"]),
        "programme": spec["programme"],
        "tagged_items": [
            StoryPageTag(tag=Tag.objects.get_or_create(name=name)[0])
            for name in spec["tags"]
        ],
        "intro": texts["intro"],
        "body": body,
    }


def demo_stories(home: HomePage, index_texts: dict, stories: list[dict]) -> Page:
    """A story index and its stories (all live, dated in the past)."""
    index = _index(home, StoryIndexPage, index_texts)
    for spec in stories:
        _page(index, StoryPage, spec["texts"], partial(_story_fields, spec))
    return index


def _event_time(days_from_now: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days_from_now)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _event_fields(spec: dict, texts: dict) -> dict:
    starts_at = _event_time(spec["days_from_now"], spec["hour"])
    return {
        "title": texts["title"],
        "series": spec["series"],
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=spec["hours"]),
        "online": spec["online"],
        "city": texts["city"],
        "venue": texts["venue"],
        "capacity": spec["capacity"],
        "registration_open": spec["registration_open"],
        "intro": texts["intro"],
        "body": [("rich_text", _paragraphs(texts["body"]))],
    }


def demo_events(home: HomePage, index_texts: dict, events: list[dict]) -> Page:
    """An event index and its events, dated relative to today."""
    index = _index(home, EventIndexPage, index_texts)
    for spec in events:
        _page(index, EventPage, spec["texts"], partial(_event_fields, spec))
    return index


def _studio_fields(spec: dict, photo: Image, services: list, texts: dict) -> dict:
    equipment = "".join(f"<li>{_html(item)}</li>" for item in texts["equipment"])
    return {
        "title": texts["title"],
        "kind": spec["kind"],
        "intro": texts["intro"],
        "equipment": f"<ul>{equipment}</ul>",
        "gallery": [
            ("image", {"image": photo, "alt_text": texts["photo_alt"], "caption": ""})
        ],
        "services": [("service", product) for product in services],
        "body": [("rich_text", _paragraphs(texts["body"]))],
    }


def demo_studios(home: HomePage) -> Page:
    """The four studios, each with a photo and the services booked there."""
    index = _index(home, StudioIndexPage, page_data.STUDIO_INDEX)
    alt = {code: {"photo_alt": page_data.STUDIO_PHOTO_ALT[code]} for code in LANGUAGES}
    for spec in page_data.STUDIOS:
        title = spec["texts"]["en"]["title"]
        photo = demo_image(
            f"Studio: {title}",
            partial(product_image, title, "service", spec["colour"]),
        )
        by_upc = Product.objects.in_bulk(spec["services"], field_name="upc")
        services = [by_upc[upc] for upc in spec["services"] if upc in by_upc]
        _page(
            index,
            StudioPage,
            _with(spec["texts"], alt),
            partial(_studio_fields, spec, photo, services),
        )
    return index


def _standard_fields(texts: dict) -> dict:
    return {
        "title": texts["title"],
        "intro": texts["intro"],
        "body": [("rich_text", _sections(texts["sections"]))],
    }


def demo_standard_pages(home: HomePage, pages: list[dict]) -> list[Page]:
    return [_page(home, StandardPage, texts, _standard_fields) for texts in pages]


def _contact_fields(spec: dict, texts: dict) -> dict:
    return {
        "title": texts["title"],
        "intro": f"<p>{_html(texts['intro'])}</p>",
        "thank_you_text": f"<p>{_html(texts['thank_you'])}</p>",
        "subject": texts["subject"],
        "to_address": spec["to_address"],
        "from_address": spec["from_address"],
        "form_fields": [
            ContactFormField(
                sort_order=order, label=label, field_type=field_type, required=True
            )
            for order, (label, field_type) in enumerate(
                zip(texts["fields"], page_data.CONTACT_FIELD_TYPES, strict=True)
            )
        ],
    }


def _translate_form_labels(page: ContactPage, texts: dict[str, dict]) -> None:
    """The form's labels in each translation. wagtail-localize copies form
    fields as they are (they are not translatable models), so the demo sets
    the English and Russian labels on the translations, once: labels an
    editor changed are left alone."""
    original = texts["az"]["fields"]
    translations = (
        ContactPage.objects.filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .select_related("locale")
    )
    for translation in translations:
        form_fields = list(translation.form_fields.all())
        if [field.label for field in form_fields] != original:
            continue
        labels = texts[translation.locale.language_code]["fields"]
        for field, label in zip(form_fields, labels, strict=True):
            field.label = label
        translation.form_fields = form_fields
        translation.save_revision().publish()


def demo_contact_page(home: HomePage, spec: dict) -> ContactPage:
    """A contact form (name, e-mail, message) mailed to the site's team."""
    page = _page(home, ContactPage, spec["texts"], partial(_contact_fields, spec))
    _translate_form_labels(page, spec["texts"])
    return page


# --- Kreativ Edu ----------------------------------------------------------


def _course_fields(product: Product, texts: dict) -> dict:
    return {
        "title": texts["title"],
        "product": product,
        "intro": texts["intro"],
        "body": [("rich_text", _paragraphs(texts["body"]))],
    }


def demo_course_pages(home: HomePage) -> Page:
    """The course index and the landing pages of four demo courses, titled
    like their products."""
    index = _index(home, CourseIndexPage, page_data.COURSE_INDEX)
    products = {spec["upc"]: spec for spec in data.PRODUCTS}
    for spec in page_data.COURSES:
        product = Product.objects.get(upc=spec["upc"])
        titles = {
            code: {"title": products[spec["upc"]]["title"][code]} for code in LANGUAGES
        }
        _page(
            index,
            CourseLandingPage,
            _with(spec["texts"], titles),
            partial(_course_fields, product),
        )
    return index


# --- Both sites -----------------------------------------------------------


def _partner_fields(spec: dict, order: int, logo: Image, texts: dict) -> dict:
    return {
        "name": texts["name"],
        "description": texts["description"],
        "kind": spec["kind"],
        "url": spec["url"],
        "logo": logo,
        "show_on_home": True,
        "sort_order": order,
    }


def demo_partners() -> list[PartnerOrganisation]:
    """The partner organisations shown on both home pages, with logos."""
    partners = []
    for number, spec in enumerate(page_data.PARTNERS):
        name = spec["texts"]["en"]["name"]
        logo = demo_image(f"Logo: {name}", partial(logo_image, name, spec["colour"]))
        partners.append(
            localized_snippet(
                PartnerOrganisation,
                key="name",
                texts=spec["texts"],
                fields=partial(_partner_fields, spec, (number + 1) * 10, logo),
            )
        )
    return partners


def demo_site_settings() -> None:
    """Each site's footer (three languages), contacts and social links,
    filled in once: settings an editor has started on are left alone."""
    hostnames = {
        "market": settings.MARKET_SITE_HOSTNAME,
        "edu": settings.EDU_SITE_HOSTNAME,
    }
    for key, values in page_data.SITE_SETTINGS.items():
        site = Site.objects.get(hostname=hostnames[key], port=settings.MARKET_SITE_PORT)
        site_settings = SiteSettings.objects.filter(site=site).first()
        if site_settings is None:
            SiteSettings.objects.create(site=site, **values)
        elif not any(getattr(site_settings, field) for field in values):
            for field, value in values.items():
                setattr(site_settings, field, value)
            site_settings.save()
        else:
            # Settings of a demo loaded before the address had translations.
            missing = [
                field
                for field in ("address_en", "address_ru")
                if not getattr(site_settings, field)
                and site_settings.address == values["address"]
            ]
            for field in missing:
                setattr(site_settings, field, values[field])
            if missing:
                site_settings.save(update_fields=missing)


def demo_impact_page(home: HomePage, spec: dict) -> ImpactPage:
    """The site's impact page with its live figures."""

    def fields(texts: dict) -> dict:
        return {
            "title": texts["title"],
            "intro": texts["intro"],
            "figures": [("figure", key) for key in spec["figures"]],
        }

    texts = {code: spec[code] for code in ("az", "en", "ru")}
    return _page(home, ImpactPage, texts, fields)


def _home(slug: str) -> HomePage:
    return HomePage.objects.get(slug=slug, depth=2, locale__language_code="az")


def demo_pages() -> None:
    """Every page of both sites below their home pages, the partners and
    the sites' settings; then the "Story review" workflow on the story
    indexes."""
    market = _home("market")
    demo_programmes(market)
    demo_stories(market, page_data.MARKET_STORY_INDEX, page_data.MARKET_STORIES)
    demo_events(market, page_data.MARKET_EVENT_INDEX, page_data.MARKET_EVENTS)
    demo_studios(market)
    demo_standard_pages(market, page_data.MARKET_STANDARD_PAGES)
    demo_contact_page(market, page_data.MARKET_CONTACT)
    demo_impact_page(market, page_data.MARKET_IMPACT)

    edu = _home("edu")
    demo_course_pages(edu)
    demo_events(edu, page_data.EDU_EVENT_INDEX, page_data.EDU_EVENTS)
    demo_stories(edu, page_data.EDU_STORY_INDEX, page_data.EDU_STORIES)
    demo_standard_pages(edu, page_data.EDU_STANDARD_PAGES)
    demo_contact_page(edu, page_data.EDU_CONTACT)
    demo_impact_page(edu, page_data.EDU_IMPACT)

    demo_partners()
    demo_site_settings()
    story_review_workflow_ensure()
