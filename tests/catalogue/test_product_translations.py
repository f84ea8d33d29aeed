"""A product's title and description in the visitor's language: English and
Russian have their own fields; every other language, and an empty translation,
shows the original. A variant with nothing of its own shows its parent's."""

import pytest
from django.utils import translation
from django.utils.safestring import SafeString

from catalogue.kinds import DIGITAL
from tests.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def carpet(resident):
    return ProductFactory(
        resident=resident,
        title="Quba xalçası",
        title_en="Quba carpet",
        title_ru="Кубинский ковёр",
        description="<p>Əl toxunması yun xalça.</p>",
        description_en="<p>A hand-knotted wool carpet.</p>",
        description_ru="<p>Шерстяной ковёр ручной работы.</p>",
    )


@pytest.mark.parametrize(
    ("language", "title", "description"),
    [
        ("az", "Quba xalçası", "<p>Əl toxunması yun xalça.</p>"),
        ("en", "Quba carpet", "<p>A hand-knotted wool carpet.</p>"),
        ("en-gb", "Quba carpet", "<p>A hand-knotted wool carpet.</p>"),
        ("ru", "Кубинский ковёр", "<p>Шерстяной ковёр ручной работы.</p>"),
        ("de", "Quba xalçası", "<p>Əl toxunması yun xalça.</p>"),
    ],
)
def test_title_and_description_follow_the_active_language(
    carpet, language, title, description
):
    with translation.override(language):
        shown = (carpet.get_title(), carpet.get_description())

    assert shown == (title, description)


def test_no_active_language_shows_the_original(carpet):
    with translation.override(None):
        shown = (carpet.get_title(), carpet.get_description())

    assert shown == ("Quba xalçası", "<p>Əl toxunması yun xalça.</p>")


def test_an_empty_translation_falls_back_to_the_original(resident):
    product = ProductFactory(
        resident=resident,
        title="Kilim",
        title_en="Kilim rug",
        description="<p>Yun kilim.</p>",
        description_ru="<p>Шерстяной килим.</p>",
    )

    with translation.override("ru"):
        russian = (product.get_title(), product.get_description())
    with translation.override("en"):
        english = (product.get_title(), product.get_description())

    assert russian == ("Kilim", "<p>Шерстяной килим.</p>")
    assert english == ("Kilim rug", "<p>Yun kilim.</p>")


@pytest.mark.parametrize(
    ("language", "title", "description"),
    [
        ("az", "Quba xalçası", "<p>Əl toxunması yun xalça.</p>"),
        ("en", "Quba carpet", "<p>A hand-knotted wool carpet.</p>"),
        ("ru", "Кубинский ковёр", "<p>Шерстяной ковёр ручной работы.</p>"),
        ("fr", "Quba xalçası", "<p>Əl toxunması yun xalça.</p>"),
        (None, "Quba xalçası", "<p>Əl toxunması yun xalça.</p>"),
    ],
)
def test_title_in_and_description_in_take_a_language_code(
    carpet, language, title, description
):
    with translation.override("ru"):
        shown = (carpet.title_in(language), carpet.description_in(language))

    assert shown == (title, description)


def test_a_variant_without_texts_shows_its_parents(resident):
    variant = VariantFactory(
        resident=resident,
        parent__kind=DIGITAL,
        parent__title="Muğam nümunələri",
        parent__title_en="Mugham samples",
        parent__title_ru="Сэмплы мугама",
        parent__description="<p>WAV faylları.</p>",
        parent__description_en="<p>WAV files.</p>",
        title="",
    )

    with translation.override("en"):
        english = (variant.get_title(), variant.get_description())
    with translation.override("ru"):
        russian = (variant.get_title(), variant.get_description())
    with translation.override("az"):
        azerbaijani = (variant.get_title(), variant.get_description())

    assert english == ("Mugham samples", "<p>WAV files.</p>")
    assert russian == ("Сэмплы мугама", "<p>WAV faylları.</p>")
    assert azerbaijani == ("Muğam nümunələri", "<p>WAV faylları.</p>")


def test_a_variant_with_its_own_title_keeps_it(resident):
    variant = VariantFactory(
        resident=resident,
        parent__kind=DIGITAL,
        parent__title="Muğam nümunələri",
        parent__title_en="Mugham samples",
        title="Muğam nümunələri (Personal)",
        title_en="Mugham samples (Personal)",
    )

    with translation.override("en"):
        english = variant.get_title()
    with translation.override("ru"):
        russian = variant.get_title()

    assert english == "Mugham samples (Personal)"
    assert russian == "Muğam nümunələri (Personal)"


def test_description_html_is_the_localised_description_marked_safe(carpet):
    with translation.override("en"):
        html = carpet.description_html

    assert isinstance(html, SafeString)
    assert html == "<p>A hand-knotted wool carpet.</p>"


def test_meta_description_is_the_localised_description_as_text(carpet):
    with translation.override("ru"):
        meta = carpet.get_meta_description()

    assert meta == "Шерстяной ковёр ручной работы."


def test_the_slug_comes_from_the_original_title_in_any_language(resident):
    with translation.override("en"):
        product = ProductFactory(
            resident=resident, title="Quba xalçası", title_en="Quba carpet"
        )

    assert product.slug == "quba-xalcasi"


@pytest.mark.parametrize(
    ("prefix", "title", "description", "other_description"),
    [
        ("", "Quba xalçası", "Əl toxunması yun xalça.", "A hand-knotted"),
        ("/en", "Quba carpet", "A hand-knotted wool carpet.", "Əl toxunması"),
        ("/ru", "Кубинский ковёр", "Шерстяной ковёр ручной работы.", "Əl toxunması"),
    ],
)
def test_the_product_page_speaks_the_visitors_language(
    client, carpet, prefix, title, description, other_description
):
    response = client.get(f"{prefix}{carpet.get_absolute_url()}")

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in html
    assert f'<div class="product-description"><p>{description}</p></div>' in html
    assert other_description not in html
