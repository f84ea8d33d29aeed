"""Translating the demo's pages and snippets the way editors do, with
wagtail-localize: each page is written in Azerbaijani, then "translated" into
English and Russian as synchronised translations, whose strings are filled
from the demo's own English and Russian texts (what a translator would type
in wagtail-localize's editor). Editing the Azerbaijani page later and
pressing "Sync translated pages" works as for any page."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models, transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.strings import extract_strings

LANGUAGES = ("az", "en", "ru")


def _strings(value) -> list[str]:
    """The translatable strings of a field or block value, in order, as
    wagtail-localize segments them (rich text split like its editor does)."""
    if isinstance(value, RichText):
        value = value.source
    if isinstance(value, str):
        if "<" in value and ">" in value:
            _template, strings = extract_strings(value)
            return [string.data for string, _attrs in strings]
        return [value] if value else []
    if isinstance(value, dict):
        return [s for key in sorted(value) for s in _strings(value[key])]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return []


def string_pairs(source, target) -> dict[str, str]:
    """Azerbaijani string -> its translation, from two values of the same
    shape (the page's fields built from the az and from the other texts)."""
    pairs = {}
    for original, translated in zip(_strings(source), _strings(target), strict=False):
        if original and translated:
            pairs.setdefault(original, translated)
    return pairs


def _locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES
    }


def _translate(instance, locale: Locale, pairs: dict[str, str], *, user=None):
    """Translate `instance` into `locale` through wagtail-localize, each
    source string replaced by its pair (missing ones fall back to the
    original), unless a translation into that locale is already set up.

    What `translate_object` does, minus its first save of the translation
    with untranslated strings: wagtail-localize publishes pages when the
    transaction commits, and that first revision would then be published over
    the translated one, with the tree counts of its time (hiding the child
    pages added since). The demo publishes the translated page right away,
    so it is live in the caller's transaction too (load_demo's, a test's)."""
    if Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale=locale
    ).exists():
        return
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.create(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = pairs.get(entry.msgid, "")
    translation.import_po(po, user=user)
    if isinstance(instance, Page):
        translation.save_target(user=user, publish=False)
        page = translation.get_target_instance()
        page.get_latest_revision().publish(user=user)
        # The copy was made under the original's slug, then renamed; Wagtail
        # recorded redirects from addresses that were never public.
        Redirect.objects.filter(redirect_page=page, automatically_created=True).delete()
    else:
        translation.save_target(user=user)


@transaction.atomic
def localized_page(
    parent: Page,
    page_class: type[Page],
    *,
    slug: str,
    texts: dict[str, dict],
    fields: Callable[[dict], dict],
    user=None,
) -> Page:
    """The page `slug` under `parent` (Azerbaijani), made from
    `fields(texts["az"])` if it does not exist yet, and its English and
    Russian translations through wagtail-localize, filled from
    `fields(texts[code])`; a "slug" in the English or Russian texts becomes
    that translation's slug. Safe to run again: existing translations are
    left as the editors made them."""
    locales = _locales()
    page = (
        page_class.objects.child_of(parent)
        .filter(slug=slug, locale=locales["az"])
        .first()
    )
    source_fields = fields(texts["az"])
    if page is None:
        page = parent.add_child(
            instance=page_class(slug=slug, locale=locales["az"], **source_fields)
        )
        page.save_revision(user=user).publish(user=user)
    for code in ("en", "ru"):
        pairs = string_pairs(source_fields, fields(texts[code]))
        if texts[code].get("slug"):
            pairs[slug] = texts[code]["slug"]
        _translate(page, locales[code], pairs, user=user)
    return page


@transaction.atomic
def localized_snippet(
    model: type[models.Model],
    *,
    key: str,
    texts: dict[str, dict],
    fields: Callable[[dict], dict],
    user=None,
) -> models.Model:
    """The snippet (a TranslatableMixin model) whose Azerbaijani `key` field
    is `fields(texts["az"])[key]`, made from those fields if it does not
    exist yet, and its English and Russian translations through
    wagtail-localize, filled from `fields(texts[code])`. Safe to run again,
    like `localized_page`."""
    locales = _locales()
    source_fields = fields(texts["az"])
    instance = model.objects.filter(
        locale=locales["az"], **{key: source_fields[key]}
    ).first()
    if instance is None:
        instance = model.objects.create(locale=locales["az"], **source_fields)
    for code in ("en", "ru"):
        pairs = string_pairs(source_fields, fields(texts[code]))
        _translate(instance, locales[code], pairs, user=user)
    return instance
