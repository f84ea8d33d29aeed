"""The four product kinds of Creative Market, as Oscar ProductClasses.

Kinds are data (ProductClass + ProductAttribute), not model subclasses. The
catalogue migration 0033 creates them; this module names them for code.
"""

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
