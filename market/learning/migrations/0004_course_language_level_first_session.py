"""A course's language and level become choices on the course (they were
free text attributes of its product: "az", "Azərbaycanca", "English",
"başlanğıc", ...), and the course keeps when its first session starts."""

from django.db import migrations, models
from django.db.models import Min

LANGUAGES = {
    "az": ("az", "aze", "azerbaijani", "azərbaycan", "azərbaycanca", "азербайджанский"),
    "en": ("en", "eng", "english", "ingilis", "ingiliscə", "английский"),
    "ru": ("ru", "rus", "russian", "rus dili", "rusca", "русский", "rusça"),
}
LEVELS = {
    "beginner": ("beginner", "beginners", "başlanğıc", "начальный", "новичок"),
    "intermediate": ("intermediate", "orta", "средний"),
    "advanced": ("advanced", "irəliləmiş", "qabaqcıl", "продвинутый"),
}


def _choice(text, table, default):
    words = (text or "").strip().lower()
    for code, names in table.items():
        if words in names or any(words.startswith(name) for name in names if len(name) > 3):
            return code
    return default


def _text(product, code):
    value = product.attribute_values.filter(attribute__code=code).first()
    return (value.value_text or "") if value else ""


def forwards(apps, schema_editor):
    Course = apps.get_model("learning", "Course")
    for course in Course.objects.select_related("product").annotate(
        first=Min("sessions__starts_at")
    ):
        course.language = _choice(_text(course.product, "language"), LANGUAGES, "az")
        course.level = _choice(_text(course.product, "level"), LEVELS, "all")
        course.first_session_at = course.first
        course.save(update_fields=["language", "level", "first_session_at"])


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0003_courses_for_existing_products'),
    ]

    operations = [
        migrations.AddField(
            model_name='course',
            name='first_session_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='course',
            name='language',
            field=models.CharField(choices=[('az', 'Azerbaijani'), ('en', 'English'), ('ru', 'Russian')], default='az', max_length=10, verbose_name='language of teaching'),
        ),
        migrations.AddField(
            model_name='course',
            name='level',
            field=models.CharField(choices=[('all', 'All levels'), ('beginner', 'Beginner'), ('intermediate', 'Intermediate'), ('advanced', 'Advanced')], default='all', max_length=20, verbose_name='level'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
