"""Writes a resident makes to their own shop: listings, files, fulfilment,
and staff's review of listings. Every function takes the acting resident and
touches only that resident's rows."""

import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.apps.catalogue.models import ProductImage
from oscar.apps.order.models import Line
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import (
    COURSE,
    DIGITAL,
    KINDS,
    LICENCES,
    SERVICE,
    licence_variant_title,
)
from catalogue.models import (
    AttributeOption,
    Category,
    DigitalFile,
    Product,
    ProductClass,
    ReviewStatus,
)
from market.accounts.models import User
from market.export.models import ShippingProfile
from market.export.services import listing_shipping_set
from market.html import sanitise_html
from market.learning.services.teaching import course_language_and_level_set
from market.uploads import check_digital_file, check_image

from ..models import LineFulfilment, Resident
from ..selectors import owned_products, resident_may_act


def resident_check_may_act(resident: Resident) -> None:
    """Refuse (PermissionDenied, nothing changed) anything a resident does
    while their shop is not approved: suspended, rejected or applying. The
    views ask `acting_resident` first; the services ask again, so no door
    (a task, a script, a future API) skips it."""
    if not resident_may_act(resident):
        raise PermissionDenied(_("Your shop is not open: this cannot be done now."))


def _save_image(product: Product, image: UploadedFile | None) -> None:
    if image is None:
        return
    checked = check_image(image)
    image.name = f"{uuid.uuid4().hex}{checked.extension}"
    product.images.all().delete()
    ProductImage.objects.create(product=product, original=image, display_order=0)


def _set_attributes(product: Product, kind: str, attributes: dict) -> None:
    codes = {code for code, *_ in KINDS[kind][3]}
    for code, value in attributes.items():
        if code in codes and code != "licence":
            setattr(product.attr, code, value)
    product.attr.save()


def _set_stock(product: Product, resident: Resident, price: Decimal, stock) -> None:
    StockRecord.objects.update_or_create(
        product=product,
        partner=resident.partner,
        defaults={
            "partner_sku": product.upc or f"P{product.pk}",
            "price": price,
            "price_currency": "AZN",
            "num_in_stock": stock,
        },
    )


def _set_licences(product: Product, resident: Resident, prices: dict) -> None:
    for code, _name in LICENCES:
        title = licence_variant_title(product.title, code, "az")
        child, _created = Product.objects.get_or_create(
            parent=product,
            structure=Product.CHILD,
            upc=f"{product.upc}-{code[0].upper()}",
            defaults={"title": title},
        )
        child.title = title
        child.title_en = licence_variant_title(product.title_en, code, "en")
        child.title_ru = licence_variant_title(product.title_ru, code, "ru")
        child.save()
        child.attr.licence = AttributeOption.objects.get(code=code)
        child.attr.save()
        _set_stock(child, resident, prices[code], None)


def _write_details(
    product, resident, kind, category, price, licence_prices, stock, attributes
) -> None:
    """Category, the kind's attributes, and the price(s) and stock."""
    product.categories.set([category])
    _set_attributes(product, kind, attributes)
    if kind == COURSE:
        # Kreativ Edu keeps them as choices on the course (the catalogue's
        # filters and the course panel read them there).
        course_language_and_level_set(
            product=product,
            language=attributes.get("language"),
            level=attributes.get("level"),
        )
    if kind == DIGITAL:
        _set_licences(product, resident, licence_prices)
    else:
        track_stock = KINDS[kind][2]
        _set_stock(product, resident, price, stock if track_stock else None)


def _set_shipping(
    product: Product,
    resident: Resident,
    kind: str,
    profile: ShippingProfile | None,
) -> None:
    """A physical listing ships with `profile` (the resident's own or the
    Centre's; another resident's is refused with PermissionDenied)."""
    if profile is not None and KINDS[kind][1]:
        listing_shipping_set(product=product, profile=profile, resident=resident)


def _set_texts(
    product: Product,
    *,
    title: str,
    description: str,
    title_en: str,
    title_ru: str,
    description_en: str,
    description_ru: str,
) -> None:
    """The original title and description and their translations; every
    description is sanitised here, on write (market/html.py)."""
    product.title = title
    product.title_en = title_en
    product.title_ru = title_ru
    product.description = sanitise_html(description)
    product.description_en = sanitise_html(description_en)
    product.description_ru = sanitise_html(description_ru)


def _check_prices(price: Decimal | None, licence_prices: dict | None) -> None:
    values = [price] if price is not None else list((licence_prices or {}).values())
    if not values or any(value is None or value < 0 for value in values):
        raise ValidationError(_("Give every price, in AZN, zero or more."))


@transaction.atomic
def listing_create(
    *,
    resident: Resident,
    kind: str,
    title: str,
    description: str,
    title_en: str = "",
    title_ru: str = "",
    description_en: str = "",
    description_ru: str = "",
    category: Category,
    price: Decimal | None = None,
    licence_prices: dict | None = None,
    stock: int | None = None,
    attributes: dict,
    image: UploadedFile | None = None,
    shipping_profile: ShippingProfile | None = None,
) -> Product:
    """A new listing of one kind; it waits for staff review before it is public.

    The title and description are the original (shown in Azerbaijani and as
    the fallback); the `_en` and `_ru` ones are optional translations. A
    physical listing ships with `shipping_profile`."""
    resident_check_may_act(resident)
    _check_prices(price, licence_prices)
    product = Product(
        structure=Product.PARENT if kind == DIGITAL else Product.STANDALONE,
        product_class=ProductClass.objects.get(slug=kind),
        review_status=ReviewStatus.PENDING,
    )
    _set_texts(
        product,
        title=title,
        description=description,
        title_en=title_en,
        title_ru=title_ru,
        description_en=description_en,
        description_ru=description_ru,
    )
    product.save()
    product.upc = f"R{resident.pk}-{product.pk}"
    product.save()
    _write_details(
        product, resident, kind, category, price, licence_prices, stock, attributes
    )
    _set_shipping(product, resident, kind, shipping_profile)
    _save_image(product, image)
    return product


@transaction.atomic
def listing_update(
    *,
    resident: Resident,
    product: Product,
    title: str,
    description: str,
    title_en: str = "",
    title_ru: str = "",
    description_en: str = "",
    description_ru: str = "",
    category: Category,
    price: Decimal | None = None,
    licence_prices: dict | None = None,
    stock: int | None = None,
    attributes: dict,
    image: UploadedFile | None = None,
    shipping_profile: ShippingProfile | None = None,
) -> Product:
    """Change one of the resident's listings, translations included (an empty
    one clears it) and its shipping profile; it goes back to staff review."""
    resident_check_may_act(resident)
    product = owned_products(resident).select_for_update().get(pk=product.pk)
    _check_prices(price, licence_prices)
    kind = product.product_class.slug
    _set_texts(
        product,
        title=title,
        description=description,
        title_en=title_en,
        title_ru=title_ru,
        description_en=description_en,
        description_ru=description_ru,
    )
    product.review_status = ReviewStatus.PENDING
    product.review_reason = ""
    product.save()
    _write_details(
        product, resident, kind, category, price, licence_prices, stock, attributes
    )
    _set_shipping(product, resident, kind, shipping_profile)
    _save_image(product, image)
    return product


@transaction.atomic
def listing_stock_set(
    *, resident: Resident, product: Product, stock: int
) -> StockRecord:
    """How many of one of the resident's physical goods are in stock. Not a
    change of the listing's content, so no new review. Locked like
    `listing_update` (the product, then its stock record); refused, with
    nothing changed, below the units already sold and not yet shipped. A
    course's seats are set on its teaching page (market.learning)."""
    resident_check_may_act(resident)
    product = owned_products(resident).select_for_update().get(pk=product.pk)
    kind = product.product_class.slug
    if kind == COURSE or not KINDS[kind][2]:
        raise ValidationError(
            {"stock": _("Only a physical good has a stock count to set here.")}
        )
    record = (
        StockRecord.objects.select_for_update()
        .filter(product=product, partner=resident.partner)
        .first()
    )
    if record is None:
        raise ValidationError({"stock": _("This listing has no price yet.")})
    if stock < 0:
        raise ValidationError({"stock": _("Give a count of zero or more.")})
    allocated = record.num_allocated or 0
    if stock < allocated:
        raise ValidationError(
            {
                "stock": ngettext(
                    "%(count)d is sold and not yet shipped: keep at least that many.",
                    "%(count)d are sold and not yet shipped: keep at least that many.",
                    allocated,
                )
                % {"count": allocated}
            }
        )
    if record.num_in_stock != stock:
        record.num_in_stock = stock
        # Saved (not updated): receivers (stock alerts) see the change.
        record.save(update_fields=["num_in_stock", "date_updated"])
    return record


@transaction.atomic
def digital_file_add(
    *, resident: Resident, product: Product, upload: UploadedFile
) -> DigitalFile:
    """Store a file of a digital product in private storage, checked first:
    a refused file writes nothing."""
    resident_check_may_act(resident)
    product = owned_products(resident).select_for_update().get(pk=product.pk)
    if product.product_class.slug != DIGITAL:
        raise ValidationError(_("Only digital products have files."))
    checked = check_digital_file(upload)
    original_name = (upload.name or "")[-255:]
    digital_file = DigitalFile(
        product=product,
        original_name=original_name,
        extension=checked.extension,
        content_type=checked.content_type,
        size=checked.size,
    )
    digital_file.file.save("upload", upload, save=False)
    digital_file.save()
    return digital_file


@transaction.atomic
def line_fulfil(
    *, resident: Resident, line: Line, user: User, tracking_reference: str
) -> LineFulfilment:
    """Mark one of the resident's service lines done (once). Physical lines
    travel in parcels; files and course seats need nothing."""
    resident_check_may_act(resident)
    line = Line.objects.select_for_update().get(pk=line.pk, partner=resident.partner)
    if line.product is None or line.product.get_product_class().slug != SERVICE:
        raise ValidationError(
            _("Only a service is marked done here; goods are sent as parcels.")
        )
    fulfilment, created = LineFulfilment.objects.get_or_create(
        line=line,
        defaults={"tracking_reference": tracking_reference, "fulfilled_by": user},
    )
    if not created and tracking_reference != fulfilment.tracking_reference:
        fulfilment.tracking_reference = tracking_reference
        fulfilment.save(update_fields=["tracking_reference"])
    return fulfilment


def _is_course_without_sessions(product: Product) -> bool:
    if product.get_product_class().slug != COURSE:
        return False
    # The course's Kreativ Edu row (market.learning), through its relation
    # names: the listing rules need no import of the learning app.
    return not Product.objects.filter(
        pk=product.pk, course__sessions__isnull=False
    ).exists()


@transaction.atomic
def listing_review(
    *, product: Product, staff_user: User, approve: bool, reason: str = ""
) -> Product:
    """Staff approve a pending listing (it goes live) or reject it, saying why.
    The one door of every approval (the staff queue in Wagtail's admin, and
    any script): a course with no session is refused, with nothing changed,
    since learners could not know when to come."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.review_status != ReviewStatus.PENDING:
        raise ValidationError(_("Only a listing waiting for review can be decided."))
    if not approve and not reason.strip():
        raise ValidationError(_("Give the resident a reason."))
    if approve and _is_course_without_sessions(product):
        raise ValidationError(
            _(
                "“%(title)s” is a course with no session: it cannot be approved "
                "until its resident adds the sessions."
            )
            % {"title": product.get_title()}
        )
    product.review_status = ReviewStatus.LIVE if approve else ReviewStatus.REJECTED
    product.review_reason = reason
    product.save(update_fields=["review_status", "review_reason", "date_updated"])
    return product
