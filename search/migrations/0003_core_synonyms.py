"""The Centre's core terms in our three languages (and their common spellings),
as the first synonym list. Staff edit it in the admin from then on."""

from django.db import migrations

CORE_SYNONYMS = [
    "carpet, rug, xalça, xalı, ковёр, ковер, ковры, коврик, halı",
    "kilim, palaz, килим, палас, flatweave",
    "ceramics, ceramic, pottery, keramika, saxsı, dulusçuluq, керамика, гончарный",
    "music, musiqi, музыка, track, trek, трек",
    "game, oyun, игра, игры, gamedev",
    "font, typeface, şrift, шрифт",
    "course, kurs, курс, workshop, masterklass, dərs, урок, lesson",
    "design, dizayn, дизайн",
    "film, kino, кино, video, видео",
    "animation, animasiya, анимация, мультфильм",
    "photo, photography, foto, fotoqrafiya, фото, фотография",
    "jewellery, jewelry, zərgərlik, ювелирные, украшения",
    "silk, ipək, шёлк, шелк",
    "instrument, alət, инструмент",
    "sample, sempl, сэмпл, семпл",
    "studio, studiya, студия",
    "scarf, kəlağayı, kelaghayi, келагаи, платок",
]


def add_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.bulk_create(
        SynonymGroup(terms=terms) for terms in CORE_SYNONYMS
    )


def remove_synonyms(apps, schema_editor):
    apps.get_model("search", "SynonymGroup").objects.filter(
        terms__in=CORE_SYNONYMS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_documents_facets")]

    operations = [migrations.RunPython(add_synonyms, remove_synonyms)]
