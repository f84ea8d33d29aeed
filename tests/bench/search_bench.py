"""Search benchmark: build N products in a fresh database, time the index
build, product queries and as-you-type suggestions, and print the figures.

A script, not a test (pytest collects only test_*.py files):

    .venv/bin/python tests/bench/search_bench.py --products 10000 --database sqlite
    .venv/bin/python tests/bench/search_bench.py --products 100000 \
        --database postgres [--queries 200] [--seed 1]

SQLite uses a fresh file in /tmp; PostgreSQL a fresh database `market_bench`
(dropped and created at the start, dropped at the end unless --keep) on
postgres://postgres@127.0.0.1:5432 (trust auth). With ELASTICSEARCH_URL set
(or --elasticsearch URL) the same build and queries also run against
search.backends.elasticsearch.ElasticsearchBackend, index
"bench-market-products".

Products are written with bulk_create (no signals, no factories): a dozen
approved residents with their partners, a 40-category tree, products of the
four kinds with az titles (en/ru titles and descriptions on some), one stock
record each, kind attributes (ships_to, materials, course language/level/
region) and product categories. Same --seed, same catalogue and queries.

Django runs with market.settings.dev, DEBUG off (no SQL recording) and the
database search backend; Elasticsearch, when asked for, is driven directly
with a 60 s timeout (ELASTICSEARCH_TIMEOUT) so slow answers are measured.
Diagnostics: --sql-breakdown (time per kind of SQL statement), --profile FILE
(cProfile of the build and of the queries), --keep (keep the database).
"""

# A script that prints figures (T201) from seeded, non-secret random data
# (S311) into a scratch SQLite file in /tmp (S108).
# ruff: noqa: T201, S311, S108

import argparse
import cProfile
import io
import os
import pstats
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PG_DEFAULT = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "market_bench"
ES_INDEX = "bench-market-products"
DATABASE_BACKEND = "search.backends.database.DatabaseBackend"
CHUNK = 5000

# ------------------------------------------------------------------ vocabulary
# (az, en, ru): az is the original title, en/ru the translations.
NOUNS = [
    ("xalça", "carpet", "ковёр"),
    ("kilim", "kilim", "килим"),
    ("kəlağayı", "scarf", "платок"),
    ("güldan", "vase", "ваза"),
    ("boşqab", "plate", "тарелка"),
    ("fincan", "cup", "чашка"),
    ("çanta", "bag", "сумка"),
    ("üzük", "ring", "кольцо"),
    ("sırğa", "earrings", "серьги"),
    ("boyunbağı", "necklace", "ожерелье"),
    ("şəkil", "painting", "картина"),
    ("plakat", "poster", "плакат"),
    ("kitab", "book", "книга"),
    ("dəftər", "notebook", "блокнот"),
    ("tar", "tar", "тар"),
    ("kamança", "kamancha", "кяманча"),
    ("saz", "saz", "саз"),
    ("mahnı", "song", "песня"),
    ("albom", "album", "альбом"),
    ("sempl", "sample", "сэмпл"),
    ("oyun", "game", "игра"),
    ("şrift", "font", "шрифт"),
    ("şablon", "template", "шаблон"),
    ("loqo", "logo", "логотип"),
    ("fotoqrafiya", "photography", "фотография"),
    ("animasiya", "animation", "анимация"),
    ("kurs", "course", "курс"),
    ("dərs", "lesson", "урок"),
    ("masterklass", "workshop", "мастер-класс"),
    ("məsləhət", "consultation", "консультация"),
    ("dizayn", "design", "дизайн"),
    ("tikmə", "embroidery", "вышивка"),
    ("naxış", "pattern", "узор"),
    ("heykəl", "sculpture", "скульптура"),
    ("lampa", "lamp", "лампа"),
    ("səbət", "basket", "корзина"),
    ("yastıq", "cushion", "подушка"),
    ("köynək", "shirt", "рубашка"),
    ("papaq", "hat", "шапка"),
    ("zərgərlik", "jewellery", "украшения"),
    ("keramika", "ceramics", "керамика"),
    ("musiqi", "music", "музыка"),
    ("video", "video", "видео"),
    ("film", "film", "фильм"),
    ("illüstrasiya", "illustration", "иллюстрация"),
    ("kart", "card", "открытка"),
    ("təqvim", "calendar", "календарь"),
    ("qutu", "box", "шкатулка"),
    ("güzgü", "mirror", "зеркало"),
    ("mozaika", "mosaic", "мозаика"),
]
ADJECTIVES = [
    ("qırmızı", "red", "красный"),
    ("mavi", "blue", "синий"),
    ("yaşıl", "green", "зелёный"),
    ("qara", "black", "чёрный"),
    ("ağ", "white", "белый"),
    ("sarı", "yellow", "жёлтый"),
    ("qızılı", "golden", "золотой"),
    ("gümüş", "silver", "серебряный"),
    ("ipək", "silk", "шёлковый"),
    ("yun", "woollen", "шерстяной"),
    ("dəri", "leather", "кожаный"),
    ("taxta", "wooden", "деревянный"),
    ("mis", "copper", "медный"),
    ("əl işi", "handmade", "ручной работы"),
    ("qədim", "ancient", "старинный"),
    ("müasir", "modern", "современный"),
    ("kiçik", "small", "маленький"),
    ("böyük", "large", "большой"),
    ("rəqəmsal", "digital", "цифровой"),
    ("klassik", "classic", "классический"),
    ("milli", "national", "национальный"),
    ("ənənəvi", "traditional", "традиционный"),
    ("uşaq", "children's", "детский"),
    ("elektron", "electronic", "электронный"),
    ("akvarel", "watercolour", "акварельный"),
]
PLACES = [
    ("Quba", "Quba", "Губа"),
    ("Şəki", "Sheki", "Шеки"),
    ("Lənkəran", "Lankaran", "Ленкорань"),
    ("Naxçıvan", "Nakhchivan", "Нахчыван"),
    ("Gəncə", "Ganja", "Гянджа"),
    ("Şamaxı", "Shamakhi", "Шамахы"),
    ("Qəbələ", "Gabala", "Габала"),
    ("Bakı", "Baku", "Баку"),
    ("Qazax", "Gazakh", "Газах"),
    ("Zaqatala", "Zagatala", "Загатала"),
    ("Ordubad", "Ordubad", "Ордубад"),
    ("Şuşa", "Shusha", "Шуша"),
    ("Lahıc", "Lahij", "Лахыдж"),
    ("Basqal", "Basgal", "Басгал"),
]
FILLER = {
    "az": "əl ilə hazırlanmış unikal hədiyyə üçün ideal keyfiyyətli material rəng "
    "ölçü ustad tərəfindən yaradılıb sifariş çatdırılma gündəlik istifadə".split(),
    "en": "made by hand unique gift for ideal quality material colour size master "
    "created order delivery daily use with".split(),
    "ru": "сделано вручную уникальный подарок для идеальный качество материал "
    "цвет размер мастер создан заказ доставка ежедневного использования".split(),
}
CATEGORY_TREE = {
    "Sənətkarlıq": ["Xalçalar", "Keramika", "Zərgərlik", "Tikmə"],
    "İncəsənət": ["Rəsm", "Heykəltəraşlıq", "Fotoqrafiya", "Çaplar"],
    "Musiqi": ["Alətlər", "Albomlar", "Sempl paketləri", "Notlar"],
    "Oyunlar": ["Stolüstü oyunlar", "Video oyunlar", "Oyun resursları", "Tapmacalar"],
    "Dizayn": ["Şriftlər", "Şablonlar", "Loqolar", "İkonlar"],
    "Geyim": ["Köynəklər", "Papaqlar", "Çantalar", "Aksessuarlar"],
    "Təhsil": ["Kurslar", "Dərsliklər", "Masterklasslar", "Onlayn dərslər"],
    "Xidmətlər": ["Məsləhət", "Səsyazma", "Fotosessiya", "Tərcümə"],
}
RESIDENTS = [
    ("Quba Xalça Atelyesi", "music"),
    ("Şəki İpək Evi", "cultech"),
    ("Lənkəran Bambuk", "cultech"),
    ("Bakı Səs Studiyası", "music"),
    ("Muğam Lab", "music"),
    ("Pixel Qala", "gametech"),
    ("Naxış Dizayn", "cultech"),
    ("Gəncə Keramika", "none"),
    ("Oyun Emalatxanası", "gametech"),
    ("Kreativ Dərslər", "none"),
    ("Şrift Xanası", "gametech"),
    ("Zərgər Ustası", "cultech"),
]
COUNTRIES = ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT", "KZ", "UZ", "AE"]
COURSE_LANGUAGES = ["az", "en", "ru"]
COURSE_LEVELS = ["beginner", "intermediate", "advanced"]
COURSE_REGIONS = ["Bakı", "Gəncə", "Şəki", "Sumqayıt", "Lənkəran", "online"]
MATERIALS = ["yun", "ipək", "gil", "gümüş", "mis", "dəri", "taxta", "pambıq"]
# Kinds by share of the catalogue.
KIND_SHARES = [("physical", 40), ("digital", 25), ("service", 15), ("course", 20)]
# AZN band edges: 0-25-50-100-200-500-1000-.
BAND_EDGES = [0, 25, 50, 100, 200, 500, 1000, None]
SORTS = ["relevance", "relevance", "newest", "price-asc", "price-desc", "title"]

# An az word as a Russian speaker might type it in Cyrillic.
_AZ_TO_CYRILLIC = str.maketrans(
    {
        "a": "а", "b": "б", "c": "ч", "ç": "ч", "d": "д", "e": "е", "ə": "э",
        "f": "ф", "g": "г", "ğ": "г", "h": "һ", "x": "х", "ı": "ы", "i": "и",
        "j": "ж", "k": "к", "q": "г", "l": "л", "m": "м", "n": "н", "o": "о",
        "ö": "ё", "p": "п", "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "у",
        "ü": "ю", "v": "в", "y": "й", "z": "з",
    }
)  # fmt: skip


# ----------------------------------------------------------------- arguments
def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=10000, help="N products")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--suggests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--postgres-url", default=PG_DEFAULT, help="server URL, without a database"
    )
    parser.add_argument(
        "--elasticsearch",
        default=os.environ.get("ELASTICSEARCH_URL", ""),
        help="Elasticsearch URL (default: $ELASTICSEARCH_URL); empty skips it",
    )
    parser.add_argument(
        "--no-elasticsearch", action="store_true", help="skip Elasticsearch"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the bench database afterwards"
    )
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="run the index build and the queries under cProfile; print the top "
        "functions and dump the stats to FILE.build / FILE.query",
    )
    parser.add_argument(
        "--sql-breakdown",
        action="store_true",
        help="also print where the database backend's query time goes, by kind "
        "of SQL statement (count, page, each facet, price bands...)",
    )
    return parser.parse_args(argv)


# ------------------------------------------------------------------ database
def sqlite_path(products: int) -> Path:
    return Path("/tmp") / f"market_bench_{products}.sqlite3"


def remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def pg_admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(f"{url.rstrip('/')}/postgres", autocommit=True) as admin:
        for statement in statements:
            admin.execute(statement)


def prepare_database(args) -> str:
    """A fresh, empty bench database; returns its DATABASE_URL."""
    if args.database == "sqlite":
        path = sqlite_path(args.products)
        remove_sqlite(path)
        return f"sqlite:///{path}"
    pg_admin(
        args.postgres_url,
        f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)",
        f"CREATE DATABASE {PG_DATABASE}",
    )
    return f"{args.postgres_url.rstrip('/')}/{PG_DATABASE}"


def drop_database(args) -> None:
    from django.db import connections

    connections.close_all()
    if args.database == "sqlite":
        remove_sqlite(sqlite_path(args.products))
    else:
        pg_admin(
            args.postgres_url, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"
        )


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "market.settings.dev"
    os.environ["DATABASE_URL"] = database_url
    os.environ["CACHE_URL"] = "locmemcache://"
    # DEBUG would record every SQL statement (connection.queries): not what a
    # visitor's request pays for in production.
    os.environ["DJANGO_DEBUG"] = "false"
    # Whatever ELASTICSEARCH_URL says, Django itself searches and indexes with
    # the database backend; Elasticsearch is driven explicitly below.
    os.environ["MARKET_SEARCH_BACKEND"] = DATABASE_BACKEND
    # A slow Elasticsearch answer is measured, not turned into a fallback.
    os.environ.setdefault("ELASTICSEARCH_TIMEOUT", "60")
    # Keep the project's signals from running the indexing task in-process.
    os.environ["MARKET_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    import django

    django.setup()


def database_size(args) -> tuple[int, dict[str, int]]:
    """(bytes of the whole database, bytes of each search table if known)."""
    from django.db import connection

    tables = ["search_productdocument", "search_documentfacet", "search_searchterm"]
    sizes: dict[str, int] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            total = cursor.fetchone()[0]
            for table in tables:
                cursor.execute("SELECT pg_total_relation_size(%s)", [table])
                sizes[table] = cursor.fetchone()[0]
            return total, sizes
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        path = sqlite_path(args.products)
        total = sum(
            Path(f"{path}{suffix}").stat().st_size
            for suffix in ("", "-wal")
            if Path(f"{path}{suffix}").exists()
        )
        try:
            # Each table with its indexes; the FTS5 index with its shadow tables.
            for table in tables:
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name IN "
                    "(SELECT name FROM sqlite_master WHERE tbl_name = %s)",
                    [table],
                )
                sizes[table] = cursor.fetchone()[0] or 0
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s",
                ["search_productdocument_fts%"],
            )
            sizes["search_productdocument_fts"] = cursor.fetchone()[0] or 0
        except Exception:  # dbstat is optional in SQLite builds
            sizes = {}
        return total, sizes


# ------------------------------------------------------------------- catalogue
def _title_words(rng: random.Random) -> list[tuple[str, str, str]]:
    words = []
    if rng.random() < 0.45:
        words.append(rng.choice(PLACES))
    for _ in range(rng.choice([0, 1, 1, 2])):
        words.append(rng.choice(ADJECTIVES))
    words.append(rng.choice(NOUNS))
    if rng.random() < 0.25:
        words.append(rng.choice(NOUNS))
    return words


def _description(rng: random.Random, words, language: int, code: str) -> str:
    vocabulary = [form[language] for form in NOUNS + ADJECTIVES]
    sentences = []
    for _ in range(rng.randint(2, 4)):
        part = [w[language] for w in words]
        part += rng.choices(FILLER[code], k=rng.randint(4, 10))
        part += rng.choices(vocabulary, k=rng.randint(1, 4))
        rng.shuffle(part)
        sentence = " ".join(part)
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    return "<p>" + " ".join(sentences) + "</p>"


def _price(rng: random.Random) -> Decimal:
    # Log-uniform between 2 and 1500 AZN, to the cent.
    value = 2 * (750 ** rng.random())
    return Decimal(f"{value:.2f}")


def build_catalogue(
    products: int, rng: random.Random, *, licence_variants: float = 0.0
) -> dict:
    """N public products of approved residents, written with bulk_create.

    With `licence_variants` (a share, 0 to 1), that share of the digital
    products are sold as the demo sells them: a parent with no stock record
    and one variant per licence tier (personal, commercial, extended), each
    with its `licence` option and its own stock record. The default (0) builds
    the catalogue the search figures were measured on."""
    from django.db import transaction
    from django.db.models.signals import post_delete, post_save
    from django.utils import timezone
    from oscar.apps.partner.models import Partner, StockRecord

    from catalogue.kinds import LICENCES, licence_variant_title
    from catalogue.models import (
        AttributeOption,
        Category,
        Product,
        ProductAttribute,
        ProductAttributeValue,
        ProductCategory,
        ProductClass,
    )
    from market.residents.models import Resident, ResidentStatus
    from market.text import slugify
    from search import receivers
    from search.models import PendingIndex

    timings = {}
    started = time.perf_counter()
    # bulk_create sends no signals; the few .create() calls below would, so the
    # search receivers are off while loading (reconnected at the end).
    for name in ["product", "stockrecord", "attribute", "productcategory"]:
        post_save.disconnect(dispatch_uid=f"search-{name}")
        post_delete.disconnect(dispatch_uid=f"search-{name}-delete")
    post_save.disconnect(dispatch_uid="search-resident")
    post_save.disconnect(dispatch_uid="search-category")
    try:
        with transaction.atomic():
            partners = []
            for number, (name, programme) in enumerate(RESIDENTS):
                slug = f"bench-{slugify(name)}"
                partner = Partner.objects.create(name=name, code=slug)
                Resident.objects.create(
                    partner=partner,
                    display_name=name,
                    slug=slug,
                    programme=programme,
                    startup_name=f"{name} MMC",
                    cohort_year=2020 + number % 6,
                    city=rng.choice(COURSE_REGIONS[:-1]),
                    status=ResidentStatus.APPROVED,
                )
                partners.append(partner)
            leaves, roots = [], []
            for root_name, children in CATEGORY_TREE.items():
                root = Category.add_root(name=root_name, slug=slugify(root_name))
                roots.append(root)
                for child_name in children:
                    leaves.append(
                        root.add_child(name=child_name, slug=slugify(child_name))
                    )
        classes = {pc.slug: pc for pc in ProductClass.objects.all()}
        missing = {kind for kind, _share in KIND_SHARES} - set(classes)
        if missing:
            raise SystemExit(f"ProductClass missing (catalogue migration?): {missing}")
        attributes = {
            (attribute.product_class.slug, attribute.code): attribute
            for attribute in ProductAttribute.objects.select_related("product_class")
        }
        licence_options = {
            option.code: option
            for option in AttributeOption.objects.filter(
                code__in=[code for code, _name in LICENCES]
            )
        }
        timings["residents+categories"] = time.perf_counter() - started

        kinds = [kind for kind, _share in KIND_SHARES]
        weights = [share for _kind, share in KIND_SHARES]
        now = timezone.now()
        date_created = Product._meta.get_field("date_created")
        date_created.auto_now_add = False  # spread creation dates over two years
        counts = {
            "product": 0,
            "variant": 0,
            "stockrecord": 0,
            "attribute": 0,
            "category": 0,
        }
        loaded = time.perf_counter()
        try:
            for start in range(0, products, CHUNK):
                size = min(CHUNK, products - start)
                rows = []
                for offset in range(size):
                    number = start + offset + 1
                    kind = rng.choices(kinds, weights)[0]
                    words = _title_words(rng)
                    title = " ".join(w[0] for w in words)
                    title = title[0].upper() + title[1:]
                    fields = {
                        "title": title,
                        "description": _description(rng, words, 0, "az"),
                    }
                    if rng.random() < 0.5:
                        fields["title_en"] = " ".join(w[1] for w in words).capitalize()
                        fields["description_en"] = _description(rng, words, 1, "en")
                    if rng.random() < 0.35:
                        fields["title_ru"] = " ".join(w[2] for w in words).capitalize()
                        fields["description_ru"] = _description(rng, words, 2, "ru")
                    upc = f"BENCH-{number:07d}"
                    parent = (
                        kind == "digital"
                        and licence_variants > 0
                        and rng.random() < licence_variants
                    )
                    rows.append(
                        Product(
                            structure=Product.PARENT if parent else Product.STANDALONE,
                            upc=upc,
                            slug=slugify(title)[:255] or upc.lower(),
                            product_class=classes[kind],
                            is_public=True,
                            date_created=now
                            - timedelta(seconds=rng.randint(0, 2 * 365 * 86400)),
                            **fields,
                        )
                    )
                with transaction.atomic():
                    Product.objects.bulk_create(rows, batch_size=1000)
                    records, values, links, variants = [], [], [], []
                    for product in rows:
                        kind = product.product_class.slug
                        stock = None
                        if kind in ("physical", "course"):
                            stock = 0 if rng.random() < 0.1 else rng.randint(1, 40)
                        partner = rng.choice(partners)
                        if product.structure == Product.PARENT:
                            price = _price(rng)
                            for step, (code, _name) in enumerate(LICENCES):
                                titles = {
                                    field: licence_variant_title(
                                        getattr(product, field), code, language
                                    )
                                    for field, language in (
                                        ("title", "az"),
                                        ("title_en", "en"),
                                        ("title_ru", "ru"),
                                    )
                                }
                                variants.append(
                                    (
                                        Product(
                                            structure=Product.CHILD,
                                            parent=product,
                                            upc=f"{product.upc}-{code}",
                                            is_public=True,
                                            date_created=product.date_created,
                                            **titles,
                                        ),
                                        partner,
                                        price * (1 + 2 * step),
                                        licence_options[code],
                                    )
                                )
                        else:
                            records.append(
                                StockRecord(
                                    product=product,
                                    partner=partner,
                                    partner_sku=product.upc,
                                    price_currency="AZN",
                                    price=_price(rng),
                                    num_in_stock=stock,
                                )
                            )
                        texts = {}
                        if kind == "physical":
                            if rng.random() < 0.8:
                                codes = [
                                    "AZ",
                                    *rng.sample(COUNTRIES[1:], rng.randint(0, 8)),
                                ]
                                texts["ships_to"] = ",".join(codes)
                            texts["materials"] = ", ".join(
                                rng.sample(MATERIALS, rng.randint(1, 3))
                            )
                        elif kind == "course":
                            texts["language"] = rng.choice(COURSE_LANGUAGES)
                            texts["level"] = rng.choice(COURSE_LEVELS)
                            texts["region"] = rng.choice(COURSE_REGIONS)
                        for code, text in texts.items():
                            values.append(
                                ProductAttributeValue(
                                    product=product,
                                    attribute=attributes[(kind, code)],
                                    value_text=text,
                                )
                            )
                        chosen = [rng.choice(leaves)]
                        if rng.random() < 0.15:
                            extra = rng.choice(leaves + roots)
                            if extra not in chosen:
                                chosen.append(extra)
                        links.extend(
                            ProductCategory(product=product, category=category)
                            for category in chosen
                        )
                    if variants:
                        Product.objects.bulk_create(
                            [variant for variant, *_rest in variants],
                            batch_size=1000,
                        )
                        for variant, partner, price, option in variants:
                            records.append(
                                StockRecord(
                                    product=variant,
                                    partner=partner,
                                    partner_sku=variant.upc,
                                    price_currency="AZN",
                                    price=price,
                                    num_in_stock=None,
                                )
                            )
                            values.append(
                                ProductAttributeValue(
                                    product=variant,
                                    attribute=attributes[("digital", "licence")],
                                    value_option=option,
                                )
                            )
                    StockRecord.objects.bulk_create(records, batch_size=1000)
                    ProductAttributeValue.objects.bulk_create(values, batch_size=1000)
                    ProductCategory.objects.bulk_create(links, batch_size=1000)
                counts["variant"] += len(variants)
                counts["product"] += len(rows)
                counts["stockrecord"] += len(records)
                counts["attribute"] += len(values)
                counts["category"] += len(links)
                print(f"  loaded {counts['product']}/{products} products", flush=True)
        finally:
            date_created.auto_now_add = True
        timings["products"] = time.perf_counter() - loaded
        PendingIndex.objects.all().delete()
    finally:
        receivers.connect()
    counts["categories"] = len(leaves) + len(roots)
    return {
        "timings": timings,
        "counts": counts,
        "leaves": [c.pk for c in leaves],
        "roots": [c.pk for c in roots],
    }


# --------------------------------------------------------------------- queries
def _typo(rng: random.Random, word: str) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    position = rng.randrange(1, len(word))  # buyers rarely miss the first letter
    edit = rng.choice(["delete", "swap", "replace", "insert"])
    if edit == "delete":
        return word[:position] + word[position + 1 :]
    if edit == "swap" and position < len(word) - 1:
        return (
            word[:position] + word[position + 1] + word[position] + word[position + 2 :]
        )
    if edit == "insert":
        return word[:position] + rng.choice(letters) + word[position:]
    replacement = rng.choice([c for c in letters if c != word[position]])
    return word[:position] + replacement + word[position + 1 :]


def _single_words(language: int) -> list[str]:
    words = [form[language] for form in NOUNS + ADJECTIVES + PLACES]
    return [word for word in words if " " not in word and "'" not in word]


def _word(rng: random.Random) -> str:
    language = rng.choices([0, 1], [60, 40])[0]
    word = rng.choice(_single_words(language)).lower()
    if language == 0 and rng.random() < 0.3:
        from market.text import fold

        word = fold(word)  # typed without Azerbaijani letters ("xalca")
    return word


def _two_words(rng: random.Random) -> str:
    language = rng.choices([0, 1], [60, 40])[0]
    first = rng.choice(PLACES + ADJECTIVES)[language]
    return f"{first} {rng.choice(NOUNS)[language]}".lower()


def _typo_query(rng: random.Random) -> str:
    from market.text import fold

    candidates = [w for w in _single_words(0) + _single_words(1) if len(fold(w)) >= 5]
    return _typo(rng, fold(rng.choice(candidates).lower()))


def _cyrillic_query(rng: random.Random) -> str:
    if rng.random() < 0.5:
        words = [form[2] for form in NOUNS + ADJECTIVES]
        return rng.choice([w for w in words if " " not in w])
    return rng.choice(_single_words(0)).lower().translate(_AZ_TO_CYRILLIC)


def price_bands():
    from search.backends import PriceBand

    bands = []
    for lower, upper in zip(BAND_EDGES, BAND_EDGES[1:], strict=False):
        key = f"{lower}-{upper if upper is not None else ''}"
        bands.append(
            PriceBand(
                key=key,
                lower=Decimal(lower) if lower else None,
                upper=Decimal(upper) if upper is not None else None,
            )
        )
    return tuple(bands)


def make_queries(count: int, rng: random.Random, catalogue: dict):
    """(query, offset, label) triples: 40% one word, 30% two words, 10% one
    typo, 10% Cyrillic, 10% browsing; half of them with 1-3 facet selections."""
    from search.backends import ProductQuery, Sort

    bands = price_bands()
    kinds = [kind for kind, _share in KIND_SHARES]
    categories = catalogue["leaves"] + catalogue["roots"]
    makers = {
        "one word": (40, _word),
        "two words": (30, _two_words),
        "typo": (10, _typo_query),
        "cyrillic": (10, _cyrillic_query),
        "browse": (10, lambda _rng: ""),
    }
    names = list(makers)
    queries = []
    for _ in range(count):
        label = rng.choices(names, [makers[name][0] for name in names])[0]
        text = makers[label][1](rng)
        filters = {}
        if rng.random() < 0.5:
            facets = ["kind", "category", "ships_to", "in_stock", "price"]
            for facet in rng.sample(facets, rng.randint(1, 3)):
                if facet == "kind":
                    filters[facet] = rng.sample(kinds, rng.randint(1, 2))
                elif facet == "category":
                    filters[facet] = [str(rng.choice(categories))]
                elif facet == "ships_to":
                    filters[facet] = rng.sample(COUNTRIES, rng.randint(1, 2))
                elif facet == "in_stock":
                    filters[facet] = ["1"]
                else:
                    filters[facet] = [
                        b.key for b in rng.sample(bands, rng.randint(1, 2))
                    ]
        query = ProductQuery(
            text=text,
            filters=filters,
            price_bands=bands,
            sort=Sort(rng.choice(SORTS)),
            facets=True,
        )
        label += " +facets" if filters else ""
        queries.append((query, rng.choice([0, 0, 0, 24]), label))
    return queries


def make_prefixes(count: int, rng: random.Random) -> list[str]:
    words = _single_words(0) + _single_words(1)
    words += [form[2] for form in NOUNS if " " not in form[2]]
    prefixes = []
    for _ in range(count):
        word = rng.choice(words).lower()
        prefixes.append(word[: rng.randint(2, min(4, len(word)))])
    return prefixes


# ----------------------------------------------------------------- measuring
def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def _profiled(profile_path, suffix, function):
    if not profile_path:
        return function()
    profiler = cProfile.Profile()
    result = profiler.runcall(function)
    profiler.dump_stats(f"{profile_path}.{suffix}")
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).sort_stats("cumulative")
    stats.print_stats(30)
    stats.sort_stats("tottime").print_stats(20)
    print(stream.getvalue())
    return result


def measure_build(backend, total: int, profile=None, suffix="build") -> dict:
    """Time backend.rebuild(all_documents()), and the share of it spent
    building documents in Python (reading the catalogue)."""
    from search.documents import all_documents

    producing = 0.0

    def timed_documents():
        nonlocal producing
        iterator = iter(all_documents())
        while True:
            started = time.perf_counter()
            try:
                document = next(iterator)
            except StopIteration:
                producing += time.perf_counter() - started
                return
            producing += time.perf_counter() - started
            yield document

    def run():
        return backend.rebuild(
            timed_documents(), total=total, progress=lambda done, total: None
        )

    started = time.perf_counter()
    done = _profiled(profile, suffix, run)
    seconds = time.perf_counter() - started
    documents = done if isinstance(done, int) else total
    return {
        "seconds": seconds,
        "documents": documents,
        "per_second": documents / seconds if seconds else float("nan"),
        "documents_seconds": producing,
    }


def _statement_kind(sql: str, params) -> str:
    """A short name for one SQL statement of DatabaseBackend.search_products."""
    params = list(params or ())
    ranked = sql.lstrip().startswith("WITH matched")
    if "search_synonymgroup" in sql:
        return "synonym list"
    if "search_searchterm" in sql:
        return "typo dictionary (SearchTerm IN)"
    if "residents_resident" in sql:
        return "hidden partners"
    if "SUM(CASE WHEN" in sql:
        return "facet price bands"
    if "COUNT(*) FROM search_documentfacet" in sql:
        # One statement counts either every facet with no selection, or one
        # selected facet without its own selection.
        count = sql.count("%s", sql.index("f.facet"), sql.index("f.document_id"))
        names = params[int(ranked) : int(ranked) + count]
        if count == 1:
            return f"facet {names[0]} (own selection off)"
        return f"facets without selection ({count} at once)"
    if "SELECT COUNT(*) FROM search_productdocument" in sql:
        return "total count"
    if "ORDER BY" in sql and "LIMIT" in sql:
        return "page of ids"
    return "other: " + " ".join(sql.split())[:60]


class SqlTimer:
    """connection.execute_wrapper that adds up time by kind of statement."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            kind = _statement_kind(sql, params)
            self.seconds[kind] = self.seconds.get(kind, 0) + (
                time.perf_counter() - started
            )
            self.calls[kind] = self.calls.get(kind, 0) + 1

    def report(self, wall: float) -> None:
        total = sum(self.seconds.values())
        print(
            f"\nSQL time by kind of statement: {total:.2f} s of {wall:.2f} s spent "
            "in search_products (cursor.execute only; rows are fetched after):"
        )
        for kind, seconds in sorted(self.seconds.items(), key=lambda kv: -kv[1]):
            calls = self.calls[kind]
            print(
                f"  {kind:<34} {calls:>5} calls {seconds:8.2f} s "
                f"{100 * seconds / wall:5.1f}%  {1000 * seconds / calls:7.1f} ms/call"
            )


def measure_queries(
    backend, queries, warmup, profile=None, suffix="query", sql_breakdown=False
) -> dict:
    for query, offset, _label in warmup:
        backend.search_products(query, offset=offset, limit=24)
    times, totals, by_type = [], [], {}
    if sql_breakdown:
        from django.db import connection

        timer = SqlTimer()
        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            for query, offset, _label in queries:
                backend.search_products(query, offset=offset, limit=24)
        timer.report(time.perf_counter() - started)

    def run():
        for query, offset, label in queries:
            started = time.perf_counter()
            page = backend.search_products(query, offset=offset, limit=24)
            elapsed = (time.perf_counter() - started) * 1000
            times.append(elapsed)
            totals.append(page.total)
            by_type.setdefault(label, []).append((elapsed, page.total))

    _profiled(profile, suffix, run)
    return {
        "count": len(times),
        "p50": percentile(times, 0.5),
        "p95": percentile(times, 0.95),
        "max": max(times),
        "mean": statistics.fmean(times),
        "results": statistics.fmean(totals),
        "by_type": by_type,
        "slowest": sorted(zip(times, queries, strict=True), key=lambda p: -p[0])[:5],
    }


def measure_suggest(backend, prefixes) -> dict:
    for prefix in prefixes[:10]:
        backend.suggest(prefix)
    times = []
    for prefix in prefixes:
        started = time.perf_counter()
        backend.suggest(prefix)
        times.append((time.perf_counter() - started) * 1000)
    return {
        "count": len(times),
        "p50": percentile(times, 0.5),
        "p95": percentile(times, 0.95),
        "max": max(times),
    }


def report(name: str, build: dict, queries: dict, suggest: dict) -> None:
    print(f"\n== {name}")
    print(
        f"index build: {build['seconds']:.1f} s for {build['documents']} documents, "
        f"{build['per_second']:.0f} documents/s "
        f"(of which building documents in Python: {build['documents_seconds']:.1f} s)"
    )
    print(
        f"search_products: {queries['count']} queries, p50 {queries['p50']:.1f} ms, "
        f"p95 {queries['p95']:.1f} ms, max {queries['max']:.1f} ms, "
        f"mean {queries['mean']:.1f} ms, average results {queries['results']:.0f}"
    )
    for label, pairs in sorted(queries["by_type"].items()):
        times = [elapsed for elapsed, _total in pairs]
        results = statistics.fmean(total for _elapsed, total in pairs)
        print(
            f"  {label:<20} n={len(times):<4} p50 {percentile(times, 0.5):7.1f} ms"
            f"  p95 {percentile(times, 0.95):7.1f} ms  results {results:7.0f}"
        )
    print("  slowest:")
    for elapsed, (query, offset, _label) in queries["slowest"]:
        print(
            f"    {elapsed:7.1f} ms text={query.text!r} filters={dict(query.filters)} "
            f"sort={query.sort.value} offset={offset}"
        )
    print(
        f"suggest: {suggest['count']} prefixes, p50 {suggest['p50']:.1f} ms, "
        f"p95 {suggest['p95']:.1f} ms, max {suggest['max']:.1f} ms"
    )


def elasticsearch_backend(url: str):
    try:
        from search.backends.elasticsearch import ElasticsearchBackend
    except ImportError as error:
        print(
            "\n== Elasticsearch: skipped: search.backends.elasticsearch."
            f"ElasticsearchBackend is not available yet ({error})."
        )
        return None
    import logging

    # The client logs every refused connection; one line below says it all.
    logging.getLogger("elastic_transport").setLevel(logging.ERROR)
    backend = ElasticsearchBackend(url=url, index=ES_INDEX)
    try:
        reachable = backend.client.ping()
    except Exception as error:  # a bad URL, say
        print(f"\n== Elasticsearch: skipped: {type(error).__name__}: {error}")
        return None
    if not reachable:
        print(f"\n== Elasticsearch: skipped: no cluster answers at {url}.")
        return None
    return backend


def drop_elasticsearch_index(backend) -> None:
    """Delete the bench index: every index behind its alias."""
    try:
        backend.drop()
    except Exception as error:  # cleanup only
        print(f"(could not delete the Elasticsearch bench index: {error})")


def _load(values) -> str:
    return "/".join(f"{value:.1f}" for value in values)


def fmt_bytes(size: int | None) -> str:
    if size is None:
        return "-"
    return f"{size / 1024 / 1024:.1f} MB"


# ------------------------------------------------------------------------ main
def main(argv=None) -> int:
    args = parse_args(argv)
    es_url = "" if args.no_elasticsearch else args.elasticsearch
    print(
        f"search bench: {args.products} products on {args.database}, "
        f"{args.queries} queries, seed {args.seed}"
        + (f", Elasticsearch at {es_url}" if es_url else ""),
        flush=True,
    )
    load_before = os.getloadavg()
    database_url = prepare_database(args)
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    from search.backends.database import DatabaseBackend

    rows = []
    try:
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        print(f"migrate: {time.perf_counter() - started:.1f} s", flush=True)

        rng = random.Random(args.seed)
        started = time.perf_counter()
        catalogue = build_catalogue(args.products, rng)
        counts = catalogue["counts"]
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in catalogue["timings"].items())
        print(
            f"catalogue: {time.perf_counter() - started:.1f} s ({steps}); "
            f"{counts['product']} products, {counts['stockrecord']} stock records, "
            f"{counts['attribute']} attribute values, {counts['category']} product "
            f"categories, {counts['categories']} categories",
            flush=True,
        )

        query_rng = random.Random(args.seed * 7919 + 1)
        warmup = make_queries(10, random.Random(args.seed + 10_000), catalogue)
        queries = make_queries(args.queries, query_rng, catalogue)
        prefixes = make_prefixes(args.suggests, random.Random(args.seed + 20_000))

        backend = DatabaseBackend()
        build = measure_build(backend, args.products, args.profile, "build")
        print(f"index build done: {build['seconds']:.1f} s", flush=True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # What autovacuum would do soon after a rebuild; a planner
                # without statistics on fresh tables is not the steady state.
                started = time.perf_counter()
                cursor.execute("ANALYZE")
                print(f"ANALYZE: {time.perf_counter() - started:.1f} s", flush=True)
        query_times = measure_queries(
            backend, queries, warmup, args.profile, "query", args.sql_breakdown
        )
        suggest = measure_suggest(backend, prefixes)
        size, tables = database_size(args)
        report(f"{args.database}, database backend", build, query_times, suggest)
        print(
            f"database size: {fmt_bytes(size)}"
            + "".join(f", {name} {fmt_bytes(value)}" for name, value in tables.items())
        )
        rows.append((args.database, build, query_times, suggest, size))

        if es_url:
            es = elasticsearch_backend(es_url)
            if es is not None:
                try:
                    build = measure_build(es, args.products)
                    query_times = measure_queries(es, queries, warmup)
                    suggest = measure_suggest(es, prefixes)
                    report("Elasticsearch", build, query_times, suggest)
                    rows.append(("elasticsearch", build, query_times, suggest, None))
                except Exception as error:  # report it, keep the rows
                    print(f"\n== Elasticsearch failed: {type(error).__name__}: {error}")
                finally:
                    drop_elasticsearch_index(es)
    finally:
        if args.keep:
            print(f"kept the bench database: {database_url}")
        else:
            drop_database(args)

    print(
        f"\nload average (1, 5, 15 min) at start {_load(load_before)}, at end "
        f"{_load(os.getloadavg())} on {os.cpu_count()} CPUs: other work on the "
        "machine slows every figure down"
    )
    print("\nSummary")
    header = (
        f"{'database':<14}{'N':>8}{'build s':>9}{'docs/s':>8}{'q p50 ms':>10}"
        f"{'q p95 ms':>10}{'sugg p50':>10}{'sugg p95':>10}{'results':>9}{'db size':>11}"
    )
    print(header)
    print("-" * len(header))
    for name, build, query_times, suggest, size in rows:
        print(
            f"{name:<14}{args.products:>8}{build['seconds']:>9.1f}"
            f"{build['per_second']:>8.0f}{query_times['p50']:>10.1f}"
            f"{query_times['p95']:>10.1f}{suggest['p50']:>10.1f}{suggest['p95']:>10.1f}"
            f"{query_times['results']:>9.0f}{fmt_bytes(size):>11}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
