"""The search contract: one suite, every backend.

The database backend always runs (SQLite FTS5 by default, PostgreSQL when
DATABASE_URL points there). The Elasticsearch backend runs against a real
cluster whenever ELASTICSEARCH_URL is set (README: how to start one), each
test in its own index alias, removed afterwards.
"""

import os
import uuid
from decimal import Decimal

import pytest
from oscar.test.factories import CategoryFactory

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL
from catalogue.models import Product
from market.residents.models import Programme
from search.backends.database import DatabaseBackend
from search.documents import all_documents
from tests.factories import ProductFactory, ResidentFactory
from tests.factories.shipping import ships_to

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")


def _elasticsearch_backend():
    from search.backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(
        url=ELASTICSEARCH_URL, index=f"test-contract-{uuid.uuid4().hex[:12]}"
    )


@pytest.fixture(
    params=[
        "database",
        pytest.param(
            "elasticsearch",
            marks=[
                pytest.mark.elasticsearch,
                pytest.mark.skipif(
                    not ELASTICSEARCH_URL,
                    reason="needs a real Elasticsearch cluster at ELASTICSEARCH_URL",
                ),
            ],
        ),
    ]
)
def backend(request, db):
    if request.param == "database":
        yield DatabaseBackend()
        return
    backend = _elasticsearch_backend()
    yield backend
    backend.drop()


def reindex(backend) -> int:
    """Rebuild the backend's index from the catalogue, searchable at once."""
    total = Product.objects.filter(parent__isnull=True).count()
    count = backend.rebuild(all_documents(), total=total, progress=lambda *_: None)
    refresh = getattr(backend, "refresh", None)
    if refresh is not None:
        refresh()
    return count


@pytest.fixture
def shop(db, backend):
    """Two residents, six products with names in up to three languages,
    indexed by the backend under test. Prices in AZN."""
    weaver = ResidentFactory(
        slug="nergiz-atelier",
        display_name="Nərgiz Atelier",
        programme=Programme.CULTECH,
    )
    sound = ResidentFactory(
        slug="sesler-studio", display_name="Səslər Studio", programme=Programme.MUSIC
    )
    crafts = CategoryFactory(name="Sənətkarlıq", slug="senetkarliq")
    carpets = crafts.add_child(name="Xalçalar", slug="xalcalar")
    ceramics = crafts.add_child(name="Keramika", slug="keramika")
    courses = CategoryFactory(name="Kurslar", slug="kurslar")
    products = {
        "carpet": ProductFactory(
            resident=weaver,
            kind=PHYSICAL,
            title="Quba xalçası",
            title_en="Quba carpet",
            title_ru="Кубинский ковёр",
            description="<p>Əl toxunması yun xalça.</p>",
            price=Decimal("450.00"),
            num_in_stock=3,
            categories=[carpets],
            attributes={
                "weight_grams": 5200,
                "hs_code": "5701.10",
                "country_of_origin": "AZ",
            },
        ),
        "kilim": ProductFactory(
            resident=weaver,
            kind=PHYSICAL,
            title="Şirvan kilimi",
            title_en="Shirvan kilim",
            title_ru="Ширванский килим",
            price=Decimal("320.00"),
            num_in_stock=0,
            categories=[carpets],
            attributes={
                "weight_grams": 2100,
                "hs_code": "5702.10",
                "country_of_origin": "AZ",
            },
        ),
        "vase": ProductFactory(
            resident=weaver,
            kind=PHYSICAL,
            title="Gil vaza",
            title_en="Ceramic vase",
            title_ru="Керамическая ваза",
            price=Decimal("60.00"),
            num_in_stock=5,
            categories=[ceramics],
            attributes={
                "weight_grams": 900,
                "hs_code": "6913.90",
                "country_of_origin": "AZ",
            },
        ),
        "samples": ProductFactory(
            resident=sound,
            kind=DIGITAL,
            title="Muğam nümunələri",
            title_en="Mugham samples",
            price=Decimal("15.00"),
            num_in_stock=None,
            attributes={"file_format": "WAV"},
        ),
        "animation": ProductFactory(
            resident=weaver,
            kind=COURSE,
            title="Animasiya üçün süni intellekt",
            title_en="AI for animation",
            price=Decimal("0.00"),
            num_in_stock=20,
            categories=[courses],
            attributes={
                "capacity": 20,
                "language": "az",
                "level": "beginner",
                "region": "Bakı",
            },
        ),
        "production": ProductFactory(
            resident=sound,
            kind=COURSE,
            title="Musiqi prodüserliyi",
            title_en="Music production",
            price=Decimal("120.00"),
            num_in_stock=12,
            categories=[courses],
            attributes={
                "capacity": 12,
                "language": "en",
                "level": "intermediate",
                "region": "online",
            },
        ),
    }
    # Where the physical goods ship: their shipping profiles' countries.
    ships_to(products["carpet"], ["AZ", "DE", "TR"])
    ships_to(products["kilim"], ["AZ", "DE"])
    ships_to(products["vase"], ["AZ", "DE"])
    products.update(
        weaver=weaver,
        sound=sound,
        crafts=crafts,
        carpets=carpets,
        ceramics=ceramics,
        courses=courses,
    )
    assert reindex(backend) == 6
    return products
