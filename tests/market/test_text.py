import pytest

from market.text import slugify


@pytest.mark.parametrize(
    ("value", "slug"),
    [
        ("Quba xalçası", "quba-xalcasi"),
        ("Şəki ipək kəlağayısı", "seki-ipek-kelagayisi"),
        ("Кубинский ковёр", "kubinskiy-kover"),
        ("AI for Animation: 2027", "ai-for-animation-2027"),
    ],
)
def test_slugs_are_readable_ascii(value, slug):
    assert slugify(value) == slug


def test_unicode_slugs_when_allowed():
    assert slugify("Quba xalçası", allow_unicode=True) == "quba-xalçası"
