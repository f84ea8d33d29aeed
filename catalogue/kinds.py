"""The four product kinds of Creative Market, as Oscar ProductClasses.

Kinds are data (ProductClass + ProductAttribute), not model subclasses. The
catalogue migration 0033 creates them; this module names them for code.
Their names in three languages are stored on ProductClass (migration 0037,
editable by staff); the attributes' labels are fixed by code, so they are
translated here (`attribute_label`).
"""

from django.utils.translation import gettext_lazy as _

PHYSICAL = "physical"
DIGITAL = "digital"
SERVICE = "service"
COURSE = "course"

LICENCE_GROUP = "Licence tiers"
LICENCES = [
    ("personal", "Personal"),
    ("commercial", "Commercial"),
    ("extended", "Extended"),
]

# A licence tier's name in a variant's title, per language: "Xalça naxışları
# (Şəxsi lisenziya)", "Carpet patterns (Personal licence)". Stored text, not
# gettext: titles are data, written once in each language.
LICENCE_TITLES = {
    "personal": {
        "az": "Şəxsi lisenziya",
        "en": "Personal licence",
        "ru": "Личная лицензия",
    },
    "commercial": {
        "az": "Kommersiya lisenziyası",
        "en": "Commercial licence",
        "ru": "Коммерческая лицензия",
    },
    "extended": {
        "az": "Genişləndirilmiş lisenziya",
        "en": "Extended licence",
        "ru": "Расширенная лицензия",
    },
}


def licence_variant_title(title: str, licence_code: str, language: str) -> str:
    """A licence tier's title from its product's title in `language` ("az",
    "en" or "ru"); empty when the product has no title in that language."""
    if not title:
        return ""
    return f"{title} ({LICENCE_TITLES[licence_code][language]})"


# slug -> (name, requires_shipping, track_stock, [(code, name, type, required)])
KINDS = {
    PHYSICAL: (
        "Physical good",
        True,
        True,
        [
            ("weight_grams", "Weight (g)", "integer", True),
            ("dimensions", "Dimensions", "text", False),
            ("materials", "Materials", "text", False),
            ("hs_code", "HS code", "text", True),
            ("country_of_origin", "Country of origin", "text", True),
            ("ships_to", "Ships to (country codes)", "text", False),
        ],
    ),
    DIGITAL: (
        "Digital file",
        False,
        False,
        [
            ("file_format", "File format", "text", True),
            ("file_size_mb", "File size (MB)", "integer", False),
            ("licence", "Licence", "option", False),
        ],
    ),
    SERVICE: (
        "Service",
        False,
        False,
        [
            ("duration_hours", "Duration (hours)", "integer", False),
            ("deliverables", "What is delivered", "text", False),
            ("lead_time_days", "Lead time (days)", "integer", False),
        ],
    ),
    COURSE: (
        "Course",
        False,
        True,
        [
            ("capacity", "Capacity (seats)", "integer", True),
            ("language", "Language", "text", True),
            ("level", "Level", "text", False),
            ("region", "City or region", "text", False),
            ("sessions", "Sessions", "text", False),
        ],
    ),
}

# The labels of the kinds' attributes on the product page, in the visitor's
# language (ProductAttribute.name keeps the English name of migration 0033).
ATTRIBUTE_LABELS = {
    "weight_grams": _("Weight (g)"),
    "dimensions": _("Dimensions"),
    "materials": _("Materials"),
    "hs_code": _("HS code"),
    "country_of_origin": _("Country of origin"),
    "ships_to": _("Ships to"),
    "file_format": _("File format"),
    "file_size_mb": _("File size (MB)"),
    "licence": _("Licence"),
    "duration_hours": _("Duration (hours)"),
    "deliverables": _("What is delivered"),
    "lead_time_days": _("Lead time (days)"),
    "capacity": _("Capacity (seats)"),
    "language": _("Language"),
    "level": _("Level"),
    "region": _("City or region"),
    "sessions": _("Sessions"),
}


def attribute_label(attribute) -> str:
    """The label of a product attribute (a ProductAttribute, or the code of
    one) in the active language; an attribute staff added has its own name."""
    code = attribute if isinstance(attribute, str) else attribute.code
    label = ATTRIBUTE_LABELS.get(code)
    if label is not None:
        return str(label)
    return code if isinstance(attribute, str) else attribute.name
