"""Standard pages and the contact form: created by staff in the admin, served
in three languages; the contact form keeps and mails each message, and
answers bad input with the form again."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.models import ContactFormField, ContactPage, HomePage, StandardPage

pytestmark = pytest.mark.django_db

HOST = "market.localhost:8000"


def without_block_keys(html: str) -> str:
    # Draftail gives each paragraph a random key.
    return re.sub(r' data-block-key="[^"]*"', "", html)


def market_home() -> HomePage:
    """Creative Market's home page in Azerbaijani, the source language."""
    return HomePage.objects.get(slug="market", locale__language_code="az")


def admin_create(client, parent, model, data: dict):
    """Post Wagtail's "add page" form and publish, as an editor would; the
    response of the redirect that follows success."""
    url = reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )
    return client.post(url, {**data, "action-publish": "publish"}, follow=True)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, language: str, **fields):
    """The page's translation into `language` (its parent must be translated
    already), with its own fields, published."""
    translation = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(translation, name, value)
    return publish(translation)


@pytest.fixture
def about(sites):
    page = StandardPage(
        title="Haqqımızda",
        slug="haqqimizda",
        intro="Mərkəz haqqında.",
        body=[("rich_text", "<p>Biz kreativ sənayeləri dəstəkləyirik.</p>")],
    )
    market_home().add_child(instance=page)
    return publish(page)


@pytest.fixture
def contact(sites):
    page = ContactPage(
        title="Əlaqə",
        slug="elaqe",
        intro="<p>Bizə yazın.</p>",
        thank_you_text="<p>Təşəkkürlər, tezliklə cavab verəcəyik.</p>",
        from_address="noreply@example.az",
        to_address="info@example.az",
        subject="Saytdan məktub",
    )
    page.form_fields = [
        ContactFormField(label="E-poçt", field_type="email", required=True),
        ContactFormField(label="Mesaj", field_type="multiline", required=True),
    ]
    market_home().add_child(instance=page)
    return publish(page)


def test_staff_create_a_standard_page_in_the_admin(client, staff, sites):
    client.force_login(staff)
    home = market_home()

    response = admin_create(
        client,
        home,
        StandardPage,
        nested_form_data(
            {
                "title": "Çatdırılma və qaytarma",
                "slug": "catdirilma",
                "intro": "Sifarişlər necə çatdırılır.",
                "body": streamfield(
                    [("rich_text", rich_text("<p>Üç iş günü ərzində.</p>"))]
                ),
            }
        ),
    )

    assert response.redirect_chain == [
        (reverse("wagtailadmin_explore", args=[home.pk]), 302)
    ]
    page = StandardPage.objects.get(slug="catdirilma")
    assert page.get_parent().pk == home.pk
    assert page.live is True
    assert page.locale.language_code == "az"
    assert page.title == "Çatdırılma və qaytarma"
    assert page.intro == "Sifarişlər necə çatdırılır."
    assert [block.block_type for block in page.body] == ["rich_text"]
    assert without_block_keys(page.body[0].value.source) == "<p>Üç iş günü ərzində.</p>"


def test_a_standard_page_may_have_standard_pages_below_it(client, staff, about):
    client.force_login(staff)

    response = admin_create(
        client,
        about,
        StandardPage,
        {"title": "Komanda", "slug": "komanda", "body-count": "0"},
    )

    assert response.redirect_chain == [
        (reverse("wagtailadmin_explore", args=[about.pk]), 302)
    ]
    assert [page.title for page in StandardPage.objects.child_of(about)] == ["Komanda"]
    response = client.get("/haqqimizda/", HTTP_HOST=HOST)
    assert '<a href="/haqqimizda/komanda/">Komanda</a>' in response.content.decode()


def test_staff_create_a_contact_page_with_a_form_field(client, staff, sites):
    client.force_login(staff)
    home = market_home()

    response = admin_create(
        client,
        home,
        ContactPage,
        nested_form_data(
            {
                "title": "Bizimlə əlaqə",
                "slug": "bizimle-elaqe",
                "intro": rich_text("<p>Sualınız var?</p>"),
                "thank_you_text": rich_text("<p>Məktubunuz çatdı.</p>"),
                "from_address": "noreply@example.az",
                "to_address": "info@example.az",
                "subject": "Saytdan sual",
                "form_fields": inline_formset(
                    [
                        {
                            "label": "Sualınız",
                            "field_type": "multiline",
                            "required": "on",
                            "help_text": "",
                            "choices": "",
                            "default_value": "",
                        }
                    ]
                ),
            }
        ),
    )

    assert response.redirect_chain == [
        (reverse("wagtailadmin_explore", args=[home.pk]), 302)
    ]
    page = ContactPage.objects.get(slug="bizimle-elaqe")
    assert page.get_parent().pk == home.pk
    assert page.live is True
    assert without_block_keys(page.intro) == "<p>Sualınız var?</p>"
    assert without_block_keys(page.thank_you_text) == "<p>Məktubunuz çatdı.</p>"
    assert (page.from_address, page.to_address, page.subject) == (
        "noreply@example.az",
        "info@example.az",
        "Saytdan sual",
    )
    assert list(
        page.form_fields.values_list("label", "clean_name", "field_type", "required")
    ) == [("Sualınız", "sualu0131nu0131z", "multiline", True)]


def test_where_standard_and_contact_pages_go():
    assert set(StandardPage.allowed_parent_page_models()) == {HomePage, StandardPage}
    assert StandardPage.allowed_subpage_models() == [StandardPage]
    assert ContactPage.allowed_parent_page_models() == [HomePage]
    assert ContactPage.allowed_subpage_models() == []


@pytest.mark.parametrize(
    ("language", "path", "title", "text"),
    [
        ("az", "/haqqimizda/", "Haqqımızda", "Biz kreativ sənayeləri dəstəkləyirik."),
        ("en", "/en/about-us/", "About us", "We support the creative industries."),
        ("ru", "/ru/o-nas/", "О нас", "Мы поддерживаем креативные индустрии."),
    ],
)
def test_a_standard_page_is_served_in_each_language(
    client, about, language, path, title, text
):
    translate(
        about,
        "en",
        title="About us",
        slug="about-us",
        body=[("rich_text", "<p>We support the creative industries.</p>")],
    )
    translate(
        about,
        "ru",
        title="О нас",
        slug="o-nas",
        body=[("rich_text", "<p>Мы поддерживаем креативные индустрии.</p>")],
    )

    response = client.get(path, HTTP_HOST=HOST)

    assert response.status_code == 200
    assert response.context["page"].title == title
    assert response.context["page"].locale.language_code == language
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert text in html


@pytest.mark.parametrize(
    ("language", "path", "title", "label"),
    [
        ("az", "/elaqe/", "Əlaqə", "Mesaj"),
        ("en", "/en/contact/", "Contact", "Message"),
        ("ru", "/ru/kontakty/", "Контакты", "Сообщение"),
    ],
)
def test_the_contact_page_is_served_in_each_language(
    client, contact, language, path, title, label
):
    for code, name, slug, message in [
        ("en", "Contact", "contact", "Message"),
        ("ru", "Контакты", "kontakty", "Сообщение"),
    ]:
        translation = contact.copy_for_translation(
            Locale.objects.get(language_code=code)
        )
        translation.title = name
        translation.slug = slug
        for field in translation.form_fields.filter(field_type="multiline"):
            field.label = message
            field.save()
        publish(translation)

    response = client.get(path, HTTP_HOST=HOST)

    assert response.status_code == 200
    assert response.context["page"].title == title
    assert response.context["page"].locale.language_code == language
    assert list(response.context["form"].fields) == ["e_poct", "mesaj"]
    assert response.context["form"].fields["mesaj"].label == label
    assert f"<h1>{title}</h1>" in response.content.decode()


def test_a_valid_message_is_kept_and_mailed(client, contact):
    response = client.post(
        "/elaqe/",
        {"e_poct": "leyla@example.az", "mesaj": "Salam! Studiya icarəsi?"},
        HTTP_HOST=HOST,
    )

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "cms/contact_page_landing.html"
    assert "Təşəkkürlər, tezliklə cavab verəcəyik." in response.content.decode()
    submission = FormSubmission.objects.get(page=contact)
    assert submission.get_data()["e_poct"] == "leyla@example.az"
    assert submission.get_data()["mesaj"] == "Salam! Studiya icarəsi?"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["info@example.az"]
    assert message.from_email == "noreply@example.az"
    assert message.subject == "Saytdan məktub"
    assert "Salam! Studiya icarəsi?" in message.body


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"e_poct": "leyla@example.az"}, "mesaj", "Bu sahə məcburidir."),
        (
            {"e_poct": "not an address", "mesaj": "Salam"},
            "e_poct",
            "Düzgün e-poçt ünvanı daxil edin.",
        ),
        (
            {"e_poct": ["a@example.az", "b@example.az"], "unknown": "x"},
            "mesaj",
            "Bu sahə məcburidir.",
        ),
    ],
)
def test_a_bad_message_shows_the_form_again_and_keeps_nothing(
    client, contact, data, field, error
):
    response = client.post("/elaqe/", data, HTTP_HOST=HOST)

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "cms/contact_page.html"
    assert response.context["form"].errors[field] == [error]
    assert error in response.content.decode()
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []
