"""A course row for every course product that exists, with the sessions its
"sessions" text attribute lists ("2027-04-05 10:00, place", one per line or
separated by ";"; two hours each) and its city or region."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations

SESSION = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})\s*,?\s*(.*)$")


def _text(product, code):
    value = product.attribute_values.filter(attribute__code=code).first()
    return (value.value_text or "") if value else ""


def forwards(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    Course = apps.get_model("learning", "Course")
    CourseSession = apps.get_model("learning", "CourseSession")
    zone = ZoneInfo(settings.TIME_ZONE)
    for product in Product.objects.filter(product_class__slug="course"):
        region = _text(product, "region")
        online = region.strip().lower() in {"online", "onlayn", "онлайн"}
        course, created = Course.objects.get_or_create(
            product_id=product.pk,
            defaults={"online": online, "city": "" if online else region[:100]},
        )
        if not created or course.sessions.exists():
            continue
        for part in re.split(r"[;\n]", _text(product, "sessions")):
            match = SESSION.match(part)
            if not match:
                continue
            day, time, place = match.groups()
            starts = datetime.strptime(f"{day} {time}", "%Y-%m-%d %H:%M").replace(
                tzinfo=zone
            )
            CourseSession.objects.create(
                course=course,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                place=place.strip()[:200],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0002_kreativ_edu"),
        ("catalogue", "0035_product_translations"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
