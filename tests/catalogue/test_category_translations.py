"""Categories, product kinds, attribute labels, basket and order lines in the
visitor's language; the original (Azerbaijani) name where a translation is
missing."""

from datetime import datetime

import pytest
from django.template import Context, Template
from django.utils import formats, translation
from oscar.apps.catalogue.categories import create_from_sequence
from oscar.core.loading import get_class

from catalogue.models import Category, ProductClass
from market.dashboard_forms import CategoryForm, ProductClassForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def ceramics():
    crafts, ceramics = create_from_sequence(["Sənətkarlıq", "Keramika"])
    Category.objects.filter(pk=crafts.pk).update(name_en="Crafts", name_ru="Ремёсла")
    Category.objects.filter(pk=ceramics.pk).update(
        name_en="Ceramics", description_ru="<p>Глина.</p>"
    )
    return Category.objects.get(pk=ceramics.pk)


@pytest.mark.parametrize(
    ("language", "name", "full_name", "description"),
    [
        ("az", "Keramika", "Sənətkarlıq > Keramika", ""),
        ("en", "Ceramics", "Crafts > Ceramics", ""),
        # No Russian name: the original.
        ("ru", "Keramika", "Ремёсла > Keramika", "<p>Глина.</p>"),
    ],
)
def test_a_category_is_named_in_the_active_language(
    ceramics, language, name, full_name, description
):
    with translation.override(language):
        shown = (
            ceramics.get_name(),
            ceramics.full_name,
            str(ceramics),
            ceramics.get_description(),
        )

    assert shown == (name, full_name, full_name, description)


def test_the_slug_comes_from_the_original_name(ceramics):
    with translation.override("en"):
        category = create_from_sequence(["Musiqi"])[0]

    assert (ceramics.slug, category.slug) == ("keramika", "musiqi")


@pytest.mark.parametrize(
    ("language", "name"),
    [("az", "Fiziki məhsul"), ("en", "Physical good"), ("ru", "Товар")],
)
def test_the_product_kinds_are_named_in_three_languages(language, name):
    physical = ProductClass.objects.get(slug="physical")

    with translation.override(language):
        assert (physical.get_name(), str(physical)) == (name, name)


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Country of origin"), ("ru", "Страна происхождения")],
)
def test_attribute_labels_are_translated_by_code(language, label):
    attribute = ProductClass.objects.get(slug="physical").attributes.get(
        code="country_of_origin"
    )
    template = Template(
        "{% load catalogue_i18n %}{{ attribute|attribute_label }}|"
        "{{ 'country_of_origin'|attribute_label }}|{{ 'Bakı'|place }}"
    )
    place = {"en": "Baku", "ru": "Баку"}[language]

    with translation.override(language):
        html = template.render(Context({"attribute": attribute}))

    assert html == f"{label}|{label}|{place}"


def test_an_order_line_shows_the_product_title_in_the_visitors_language(catalogue):
    product = catalogue["physical"]
    product.title_en = "Quba carpet"
    product.save()
    line = type("Line", (), {"product": product, "title": "Quba xalçası"})()
    gone = type("Line", (), {"product": None, "title": "Quba xalçası"})()
    template = Template("{% load catalogue_i18n %}{{ line|line_title }}")

    with translation.override("en"):
        shown = [template.render(Context({"line": each})) for each in (line, gone)]

    # The product's title while it exists; the order's snapshot otherwise.
    assert shown == ["Quba carpet", "Quba xalçası"]


def test_a_basket_line_describes_its_product_in_the_visitors_language(catalogue):
    product = catalogue["physical"]
    product.title_en = "Quba carpet"
    product.save()

    with translation.override("en"):
        assert str(product) == "Quba carpet"


def test_staff_name_categories_and_kinds_in_three_languages():
    loaded = (
        get_class("dashboard.catalogue.forms", "CategoryForm"),
        get_class("dashboard.catalogue.forms", "ProductClassForm"),
    )

    assert loaded == (CategoryForm, ProductClassForm)
    assert {"name", "name_en", "name_ru", "description_en", "description_ru"} <= set(
        CategoryForm().fields
    )
    assert {"name", "name_en", "name_ru"} <= set(ProductClassForm().fields)


def test_a_staff_member_adds_a_category_in_three_languages():
    form = CategoryForm(
        data={
            "name": "Musiqi",
            "name_en": "Music",
            "name_ru": "Музыка",
            "is_public": "on",
            "treebeard_position": "first-child",
            "treebeard_ref_node": "",
        }
    )

    assert form.is_valid(), form.errors
    category = form.save()
    assert (category.name, category.name_en, category.name_ru) == (
        "Musiqi",
        "Music",
        "Музыка",
    )


@pytest.mark.parametrize(
    ("language", "date", "datetime_shown"),
    [
        ("en", "4 December 2026", "4 Dec 2026, 14:05"),
        ("ru", "4 декабря 2026 г.", "4 декабря 2026 г. 14:05"),
    ],
)
def test_dates_are_day_first_with_24_hour_time(language, date, datetime_shown):
    moment = datetime(2026, 12, 4, 14, 5)  # noqa: DTZ001 (a wall-clock time)

    with translation.override(language):
        shown = (
            formats.date_format(moment, "DATE_FORMAT"),
            formats.date_format(moment, "DATETIME_FORMAT"),
        )

    assert shown == (date, datetime_shown)
