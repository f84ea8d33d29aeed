"""Azerbaijani place names in English and Russian.

Residents and courses name their city in Azerbaijani ("Bakı", "Gəncə"); an
English or Russian page shows the name in its own spelling (Baku, Гянджа).
Names not listed here show as written.
"""

# Azerbaijani name -> (English, Russian)
PLACES = {
    "Bakı": ("Baku", "Баку"),
    "Gəncə": ("Ganja", "Гянджа"),
    "Sumqayıt": ("Sumqayit", "Сумгаит"),
    "Mingəçevir": ("Mingachevir", "Мингечевир"),
    "Şirvan": ("Shirvan", "Ширван"),
    "Naxçıvan": ("Nakhchivan", "Нахчыван"),
    "Lənkəran": ("Lankaran", "Ленкорань"),
    "Şəki": ("Shaki", "Шеки"),
    "Quba": ("Quba", "Губа"),
    "Qusar": ("Gusar", "Гусар"),
    "Qəbələ": ("Gabala", "Габала"),
    "Şamaxı": ("Shamakhi", "Шамахы"),
    "İsmayıllı": ("Ismayilli", "Исмаиллы"),
    "Şuşa": ("Shusha", "Шуша"),
    "Xankəndi": ("Khankendi", "Ханкенди"),
    "Ağdam": ("Aghdam", "Агдам"),
    "Füzuli": ("Fuzuli", "Физули"),
    "Zaqatala": ("Zagatala", "Загатала"),
    "Balakən": ("Balakan", "Балакен"),
    "Qax": ("Gakh", "Гах"),
    "Astara": ("Astara", "Астара"),
    "Masallı": ("Masally", "Масаллы"),
    "Xaçmaz": ("Khachmaz", "Хачмаз"),
    "Qazax": ("Gazakh", "Газах"),
    "Tovuz": ("Tovuz", "Товуз"),
    "Göygöl": ("Goygol", "Гёйгёль"),
    "Daşkəsən": ("Dashkasan", "Дашкесен"),
    "Salyan": ("Salyan", "Сальяны"),
    "Xırdalan": ("Khirdalan", "Хырдалан"),
    "Abşeron": ("Absheron", "Апшерон"),
}

_COLUMN = {"en": 0, "ru": 1}


def place_name(name: str, language_code: str | None) -> str:
    """`name` (an Azerbaijani place name) in a language's spelling; a name
    not in the list, or any name in Azerbaijani, as written."""
    column = _COLUMN.get((language_code or "")[:2].lower())
    known = PLACES.get((name or "").strip())
    if column is None or known is None:
        return name
    return known[column]
