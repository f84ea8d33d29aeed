from django.db import migrations

from catalogue.kinds import KINDS, LICENCE_GROUP, LICENCES


def create_kinds(apps, schema_editor):
    ProductClass = apps.get_model("catalogue", "ProductClass")
    ProductAttribute = apps.get_model("catalogue", "ProductAttribute")
    AttributeOptionGroup = apps.get_model("catalogue", "AttributeOptionGroup")
    AttributeOption = apps.get_model("catalogue", "AttributeOption")

    group, _ = AttributeOptionGroup.objects.get_or_create(
        name=LICENCE_GROUP, defaults={"code": "licence_tiers"}
    )
    for code, option in LICENCES:
        AttributeOption.objects.get_or_create(
            group=group, option=option, defaults={"code": code}
        )
    for slug, (name, requires_shipping, track_stock, attributes) in KINDS.items():
        product_class, _ = ProductClass.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "requires_shipping": requires_shipping,
                "track_stock": track_stock,
            },
        )
        for code, attribute_name, attribute_type, required in attributes:
            ProductAttribute.objects.update_or_create(
                product_class=product_class,
                code=code,
                defaults={
                    "name": attribute_name,
                    "type": attribute_type,
                    "required": required,
                    "option_group": group if attribute_type == "option" else None,
                },
            )


def remove_kinds(apps, schema_editor):
    ProductClass = apps.get_model("catalogue", "ProductClass")
    ProductClass.objects.filter(slug__in=list(KINDS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0032_category_exclude_from_menu_category_long_description"),
    ]

    operations = [migrations.RunPython(create_kinds, remove_kinds)]
