"""The Elasticsearch backend's requests, as exact JSON: the index it
creates, a document's source, searches and suggestions, the bulk writes and
the rebuild's steps; and the page it reads from an answer. No cluster runs
here: the bodies are pure functions, and the tests of requests and answers go
through a stand-in transport node. tests/search/contract runs the same
behaviour against a real cluster."""

import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elasticsearch import Elasticsearch

from catalogue.kinds import PHYSICAL
from market.text import to_ascii
from search.backends.base import (
    Facet,
    FacetCount,
    PriceBand,
    ProductPage,
    ProductQuery,
    SearchUnavailable,
    Sort,
)
from search.backends.elasticsearch import (
    ElasticsearchBackend,
    document_source,
    index_settings,
    query_body,
    suggest_body,
)
from search.backends.elasticsearch.index import AZERBAIJANI_ENDINGS
from search.documents import product_document
from search.normalise import QueryWord, _latin_stem

EXPECTED = Path(__file__).parent / "expected"

# Written out here rather than imported, so a change to the request shows.
PREFIX_FIELDS = [
    "title.az^3",
    "title.en^3",
    "title.az.folded^3",
    "title.en.folded^3",
    "title.ru.folded^3",
    "description.az",
    "description.en",
    "description.az.folded",
    "description.en.folded",
    "description.ru.folded",
    "keywords",
]
FUZZY_FIELDS = [
    "title.az.folded^3",
    "title.en.folded^3",
    "title.ru.folded^3",
    "description.az.folded",
    "description.en.folded",
    "description.ru.folded",
    "keywords",
]
LANGUAGE_FIELDS = [
    "title.az^3",
    "title.en^3",
    "title.ru^3",
    "description.az",
    "description.en",
    "description.ru",
]
NEWEST = [{"date_created": {"order": "desc"}}, {"id": {"order": "desc"}}]
BANDS = [
    PriceBand(key="0-50", upper=Decimal("50")),
    PriceBand(key="50-100", lower=Decimal("50"), upper=Decimal("100")),
    PriceBand(key="100-", lower=Decimal("100")),
]
BAND_RANGES = {
    "range": {
        "field": "price_cents",
        "keyed": True,
        "ranges": [
            {"key": "0-50", "to": 5000},
            {"key": "50-100", "from": 5000, "to": 10000},
            {"key": "100-", "from": 10000},
        ],
    }
}
TERM_FACETS = [
    "kind",
    "category",
    "programme",
    "resident",
    "ships_to",
    "language",
    "level",
    "region",
    "in_stock",
]


def _prefix(text: str, boost: float | None = None) -> dict:
    clause = {
        "query": text,
        "type": "bool_prefix",
        "analyzer": "folded",
        "fields": PREFIX_FIELDS,
    }
    if boost is not None:
        clause["boost"] = boost
    return {"multi_match": clause}


def _fuzzy(text: str) -> dict:
    return {
        "multi_match": {
            "query": text,
            "fields": FUZZY_FIELDS,
            "fuzziness": 1,
            "boost": 0.5,
        }
    }


def _terms_agg(facet: str, filter_: dict) -> dict:
    return {
        "filter": filter_,
        "aggs": {"values": {"terms": {"field": facet, "size": 500}}},
    }


# ------------------------------------------------------------------ the index
def test_index_settings_are_the_reviewed_json():
    expected = json.loads((EXPECTED / "index_settings.json").read_text("utf-8"))

    assert index_settings() == expected


def test_cyrillic_is_spelled_like_market_text_in_both_cases():
    char_filter = index_settings()["settings"]["analysis"]["char_filter"]["to_latin"]
    rules = char_filter["mappings"]

    assert char_filter["type"] == "mapping"
    assert "х => x" in rules  # Cyrillic kha, Latin x
    assert "Х => x" in rules
    assert "ё => e" in rules
    assert "Ё => e" in rules
    assert "ц => ts" in rules
    assert "Щ => sc" in rules
    assert "ъ => " in rules
    assert "Ә => e" in rules
    # asciifolding would make the schwa an "a": it is mapped before.
    assert "ə => e" in rules
    assert "Ə => e" in rules
    assert len(rules) == 84
    for rule in rules:
        letter, latin = rule.split(" => ")
        assert to_ascii(letter) == latin, rule


def test_analyzers_fold_then_stem_per_language():
    analysis = index_settings()["settings"]["analysis"]

    assert analysis["analyzer"] == {
        "folded": {
            "type": "custom",
            "char_filter": ["to_latin"],
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding"],
        },
        "az": {
            "type": "custom",
            "char_filter": ["to_latin"],
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "azerbaijani_endings"],
        },
        "en": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [
                "lowercase",
                "asciifolding",
                "english_possessive",
                "english_plural",
            ],
        },
        "ru": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "russian_light"],
        },
    }
    assert analysis["filter"] == {
        "azerbaijani_endings": {
            "type": "pattern_replace",
            "pattern": (
                "^(.{4,}?(?=(?:larin|lerin|lari|leri|lar|ler|si|su)$)"
                "|.{3,}[^aeiou](?=[iu]$)).+$"
            ),
            "replacement": "$1",
        },
        "english_possessive": {"type": "stemmer", "language": "possessive_english"},
        "english_plural": {"type": "stemmer", "language": "minimal_english"},
        "russian_light": {"type": "stemmer", "language": "light_russian"},
    }


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("xalcasi", "xalca"),
        ("xalcalar", "xalca"),
        ("xalcalarin", "xalca"),
        ("kilimleri", "kilim"),
        ("kilimi", "kilim"),
        ("musiqisi", "musiqi"),
        ("meyvesu", "meyve"),
        ("dersler", "ders"),
        ("ders", "ders"),
        ("sular", "sular"),
        ("suyu", "suyu"),
        ("evi", "evi"),
        ("xalca", "xalca"),
    ],
)
def test_azerbaijani_endings_are_the_query_side_rules(word, stem):
    # Java and Python read this pattern alike (lazy repeat, lookahead, anchors).
    indexed = re.sub(AZERBAIJANI_ENDINGS, r"\1", word)

    assert indexed == stem
    assert _latin_stem(word) == stem


def test_every_field_is_mapped_with_its_type():
    text = {
        "type": "text",
        "fields": {"folded": {"type": "text", "analyzer": "folded"}},
    }

    assert index_settings()["mappings"] == {
        "dynamic": "strict",
        "properties": {
            "id": {"type": "long"},
            "title": {
                "properties": {
                    "az": {**text, "analyzer": "az"},
                    "en": {**text, "analyzer": "en"},
                    "ru": {**text, "analyzer": "ru"},
                }
            },
            "description": {
                "properties": {
                    "az": {**text, "analyzer": "az"},
                    "en": {**text, "analyzer": "en"},
                    "ru": {**text, "analyzer": "ru"},
                }
            },
            "keywords": {"type": "text", "analyzer": "folded"},
            "suggest": {"type": "search_as_you_type", "analyzer": "folded"},
            "kind": {"type": "keyword"},
            "category": {"type": "keyword"},
            "programme": {"type": "keyword"},
            "resident": {"type": "keyword"},
            "ships_to": {"type": "keyword"},
            "language": {"type": "keyword"},
            "level": {"type": "keyword"},
            "region": {"type": "keyword"},
            "in_stock": {"type": "keyword"},
            "price_cents": {"type": "long"},
            "date_created": {"type": "date"},
            "title_sort": {"type": "keyword"},
        },
    }


# ----------------------------------------------------------- the document
def test_document_source_of_a_catalogue_product(catalogue, resident):
    physical = catalogue[PHYSICAL]
    physical.date_created = datetime(2026, 3, 1, 10, 30, 15, 123456, tzinfo=UTC)
    category = str(catalogue["category"].pk)
    partner = str(resident.partner_id)

    source = document_source(product_document(physical))

    assert source == {
        "id": physical.pk,
        "title": {"az": "Quba xalçası", "en": "", "ru": ""},
        "description": {"az": "", "en": "", "ru": ""},
        "keywords": "T-PHYS Fiziki məhsul Physical good Товар Xalçalar Xalça Atelier",
        "suggest": ["Quba xalçası"],
        "kind": ["physical"],
        "category": [category],
        "programme": ["cultech"],
        "resident": [partner],
        # The countries of its shipping profile.
        "ships_to": ["AZ", "DE", "GE", "TR"],
        "language": [],
        "level": [],
        "region": [],
        "in_stock": ["1"],
        "price_cents": 45000,
        "date_created": "2026-03-01T10:30:15.123+00:00",
        "title_sort": "quba xalcasi",
    }


def test_document_source_refuses_a_fraction_of_a_cent(catalogue):
    document = product_document(catalogue[PHYSICAL])
    document["price"] = Decimal("450.005")

    with pytest.raises(ValueError, match="at most two decimals"):
        document_source(document)


# ------------------------------------------------------------- the queries
def test_browsing_newest_without_words():
    body = query_body(ProductQuery(sort=Sort.NEWEST), [], set(), 0, 20)

    assert body == {
        "query": {"match_all": {}},
        "sort": NEWEST,
        "from": 0,
        "size": 20,
        "track_total_hits": True,
        "_source": False,
    }


def test_relevance_without_words_is_newest_first():
    body = query_body(ProductQuery(), [], set(), 40, 20)

    assert body["sort"] == NEWEST
    assert (body["from"], body["size"]) == (40, 20)


def test_two_words_one_fuzzy_one_with_synonyms():
    words = [
        QueryWord(text="xalcalar", stem="xalca"),
        QueryWord(text="rug", stem="rug", synonyms=("carpet", "kovr")),
    ]

    body = query_body(ProductQuery(text="xalçalar rug"), words, set(), 0, 20)

    assert body == {
        "query": {
            "bool": {
                "must": [
                    {
                        "bool": {
                            "should": [
                                _prefix("xalca"),
                                _fuzzy("xalcalar"),
                                _fuzzy("xalca"),
                            ],
                            "minimum_should_match": 1,
                        }
                    },
                    {
                        "bool": {
                            "should": [
                                _prefix("rug"),
                                _prefix("carpet", 0.5),
                                _prefix("kovr", 0.5),
                            ],
                            "minimum_should_match": 1,
                        }
                    },
                ],
                "should": [
                    {
                        "multi_match": {
                            "query": "xalçalar rug",
                            "fields": LANGUAGE_FIELDS,
                        }
                    }
                ],
            }
        },
        "sort": [{"_score": {"order": "desc"}}, *NEWEST],
        "from": 0,
        "size": 20,
        "track_total_hits": True,
        "_source": False,
    }


def test_a_fuzzy_word_that_is_its_own_stem_is_corrected_once():
    clause = query_body(
        ProductQuery(text="xalca"),
        [QueryWord(text="xalca", stem="xalca")],
        set(),
        0,
        20,
    )["query"]["bool"]["must"][0]

    assert clause == {
        "bool": {
            "should": [_prefix("xalca"), _fuzzy("xalca")],
            "minimum_should_match": 1,
        }
    }


def test_facet_selections_filter_hits_after_the_counts():
    query = ProductQuery(
        filters={"ships_to": ["DE"], "kind": ["physical"], "price": ["50-100"]},
        price_bands=BANDS,
        facets=True,
        sort=Sort.NEWEST,
    )
    kind = {"terms": {"kind": ["physical"]}}
    ships_to = {"terms": {"ships_to": ["DE", "*"]}}
    price = {
        "bool": {
            "should": [{"range": {"price_cents": {"gte": 5000, "lt": 10000}}}],
            "minimum_should_match": 1,
        }
    }

    body = query_body(query, [], set(), 0, 20)

    assert body == {
        "query": {"match_all": {}},
        "sort": NEWEST,
        "from": 0,
        "size": 20,
        "track_total_hits": True,
        "_source": False,
        "post_filter": {"bool": {"filter": [kind, price, ships_to]}},
        "aggs": {
            "kind": _terms_agg("kind", {"bool": {"filter": [price, ships_to]}}),
            "category": _terms_agg(
                "category", {"bool": {"filter": [kind, price, ships_to]}}
            ),
            "programme": _terms_agg(
                "programme", {"bool": {"filter": [kind, price, ships_to]}}
            ),
            "resident": _terms_agg(
                "resident", {"bool": {"filter": [kind, price, ships_to]}}
            ),
            "ships_to": _terms_agg("ships_to", {"bool": {"filter": [kind, price]}}),
            "language": _terms_agg(
                "language", {"bool": {"filter": [kind, price, ships_to]}}
            ),
            "level": _terms_agg("level", {"bool": {"filter": [kind, price, ships_to]}}),
            "region": _terms_agg(
                "region", {"bool": {"filter": [kind, price, ships_to]}}
            ),
            "in_stock": _terms_agg(
                "in_stock", {"bool": {"filter": [kind, price, ships_to]}}
            ),
            "price": {
                "filter": {"bool": {"filter": [kind, ships_to]}},
                "aggs": {"bands": BAND_RANGES},
            },
        },
    }


def test_facet_counts_without_selections_count_everything():
    query = ProductQuery(facets=True, sort=Sort.NEWEST)

    body = query_body(query, [], set(), 0, 20)

    assert "post_filter" not in body
    assert body["aggs"] == {
        facet: _terms_agg(facet, {"match_all": {}}) for facet in TERM_FACETS
    }


def test_a_free_price_range_is_part_of_the_price_facet():
    query = ProductQuery(
        price_min=Decimal("10.005"),
        price_max=Decimal("99.999"),
        price_bands=BANDS,
        filters={"price": ["unknown-band"]},
        facets=True,
        sort=Sort.NEWEST,
    )
    price_range = {"range": {"price_cents": {"gte": 1001, "lte": 9999}}}

    body = query_body(query, [], set(), 0, 20)

    assert body["post_filter"] == {"bool": {"filter": [price_range]}}
    assert body["aggs"]["kind"]["filter"] == {"bool": {"filter": [price_range]}}
    assert body["aggs"]["price"]["filter"] == {"match_all": {}}


def test_without_facet_counts_selections_filter_the_query():
    query = ProductQuery(
        filters={"ships_to": ["TR"]},
        price_max=Decimal("100"),
        sort=Sort.NEWEST,
    )

    body = query_body(query, [], set(), 0, 20)

    assert body["query"] == {
        "bool": {
            "filter": [
                {"range": {"price_cents": {"lte": 10000}}},
                {"terms": {"ships_to": ["TR", "*"]}},
            ]
        }
    }
    assert "post_filter" not in body
    assert "aggs" not in body


def test_hidden_partners_are_excluded_in_the_query():
    body = query_body(ProductQuery(sort=Sort.NEWEST), [], {7, 3}, 0, 20)

    assert body["query"] == {
        "bool": {"must_not": [{"terms": {"resident": ["3", "7"]}}]}
    }


def test_a_category_page_in_a_shop_of_one_kind():
    query = ProductQuery(
        category_ids=[4, 9], partner_id=12, product_class_slug="course", facets=True
    )

    body = query_body(query, [], {3}, 0, 20)

    assert body["query"] == {
        "bool": {
            "filter": [
                {"terms": {"category": ["4", "9"]}},
                {"term": {"resident": "12"}},
                {"term": {"kind": "course"}},
            ],
            "must_not": [{"terms": {"resident": ["3"]}}],
        }
    }
    # A scope is no facet selection: the counts see all of it.
    assert "post_filter" not in body
    assert body["aggs"]["category"]["filter"] == {"match_all": {}}


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (Sort.RELEVANCE, [{"_score": {"order": "desc"}}, *NEWEST]),
        (Sort.NEWEST, NEWEST),
        (
            Sort.PRICE_ASC,
            [
                {"price_cents": {"order": "asc", "missing": "_last"}},
                {"id": {"order": "asc"}},
            ],
        ),
        (
            Sort.PRICE_DESC,
            [
                {"price_cents": {"order": "desc", "missing": "_last"}},
                {"id": {"order": "desc"}},
            ],
        ),
        (Sort.TITLE, [{"title_sort": {"order": "asc"}}, {"id": {"order": "asc"}}]),
    ],
)
def test_sorts(sort, expected):
    words = [QueryWord(text="quba", stem="quba")]

    body = query_body(ProductQuery(text="quba", sort=sort), words, set(), 0, 20)

    assert body["sort"] == expected


def test_suggest_body():
    assert suggest_body("quba xal", {5}, 8) == {
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": "quba xal",
                            "type": "bool_prefix",
                            "operator": "and",
                            "fields": ["suggest", "suggest._2gram", "suggest._3gram"],
                        }
                    }
                ],
                "must_not": [{"terms": {"resident": ["5"]}}],
            }
        },
        "sort": [{"_score": {"order": "desc"}}, {"id": {"order": "desc"}}],
        "size": 8,
        "_source": False,
    }


# ------------------------------------------------------------- the answers
class _NodeAnswer(NamedTuple):
    meta: ApiResponseMeta
    body: bytes


def _scripted_cluster(answer) -> tuple[Elasticsearch, list]:
    """A real client whose transport node answers `answer(method, target,
    body)` -> (status, JSON) and records what was sent (a bulk body as its
    list of lines).

    A stand-in is justified here: no Elasticsearch server can run on these
    machines, and these tests are about the requests sent and the reading of
    an answer; tests/search/contract checks a real cluster's answers."""
    sent: list = []

    class ScriptedNode(BaseNode):
        def perform_request(self, method, target, body=None, **options):
            lines = body.decode().splitlines() if body else []
            payload = [json.loads(line) for line in lines]
            if "_bulk" not in target:
                payload = payload[0] if payload else None
            sent.append((method, target, payload))
            status, reply = answer(method, target, payload)
            meta = ApiResponseMeta(
                status=status,
                http_version="1.1",
                headers=HttpHeaders(
                    {
                        "x-elastic-product": "Elasticsearch",
                        "content-type": "application/json",
                    }
                ),
                duration=0.0,
                node=self.config,
            )
            return _NodeAnswer(meta, json.dumps(reply).encode())

    client = Elasticsearch("http://cluster.invalid:9200", node_class=ScriptedNode)
    return client, sent


def _canned_cluster(answer: dict) -> tuple[Elasticsearch, list]:
    """The stand-in cluster answering `answer` to every request."""
    return _scripted_cluster(lambda method, target, body: (200, answer))


def _buckets(**counts: int) -> dict:
    return {
        "values": {
            "buckets": [{"key": key, "doc_count": n} for key, n in counts.items()]
        }
    }


@pytest.mark.django_db
def test_search_products_reads_hits_totals_and_facets():
    answer = {
        "took": 3,
        "timed_out": False,
        "hits": {
            "total": {"value": 57, "relation": "eq"},
            "max_score": None,
            "hits": [
                {"_index": "test-market-products-1", "_id": "42", "_score": None},
                {"_index": "test-market-products-1", "_id": "7", "_score": None},
            ],
        },
        "aggregations": {
            "kind": {"doc_count": 60, **_buckets(physical=40, digital=20)},
            "category": {"doc_count": 60, **_buckets(**{"3": 5, "12": 5, "1": 9})},
            "programme": {"doc_count": 60, **_buckets()},
            "resident": {"doc_count": 60, **_buckets(**{"8": 60})},
            "ships_to": {
                "doc_count": 40,
                **_buckets(**{"*": 30, "TR": 6, "DE": 2, "GE": 0}),
            },
            "language": {"doc_count": 60, **_buckets()},
            "level": {"doc_count": 60, **_buckets()},
            "region": {"doc_count": 60, **_buckets()},
            "in_stock": {"doc_count": 60, **_buckets(**{"1": 57})},
            "price": {
                "doc_count": 57,
                "bands": {
                    "buckets": {
                        "100-": {"from": 10000.0, "doc_count": 0},
                        "0-50": {"to": 5000.0, "doc_count": 31},
                        "50-100": {"from": 5000.0, "to": 10000.0, "doc_count": 26},
                    }
                },
            },
        },
    }
    client, sent = _canned_cluster(answer)
    backend = ElasticsearchBackend(index="test-market-products", client=client)
    query = ProductQuery(
        filters={"ships_to": ["DE"]}, price_bands=BANDS, facets=True, sort=Sort.NEWEST
    )

    page = backend.search_products(query, offset=0, limit=2)

    assert page == ProductPage(
        product_ids=[42, 7],
        total=57,
        facets={
            "kind": [
                FacetCount(value="physical", count=40),
                FacetCount(value="digital", count=20),
            ],
            "category": [
                FacetCount(value="1", count=9),
                FacetCount(value="12", count=5),
                FacetCount(value="3", count=5),
            ],
            "programme": [],
            "resident": [FacetCount(value="8", count=60)],
            # Anywhere (30) counts for every country listed; an empty
            # bucket (GE) is no country to offer.
            "ships_to": [
                FacetCount(value="TR", count=36),
                FacetCount(value="DE", count=32),
            ],
            "language": [],
            "level": [],
            "region": [],
            "in_stock": [FacetCount(value="1", count=57)],
            Facet.PRICE.value: [
                FacetCount(value="0-50", count=31),
                FacetCount(value="50-100", count=26),
                FacetCount(value="100-", count=0),
            ],
        },
        degraded=False,
    )
    assert sent == [
        (
            "POST",
            "/test-market-products/_search",
            query_body(query, [], set(), 0, 2),
        )
    ]


# --------------------------------------------------------------- the writes
ALIAS = "test-market-products"
OLD_INDEX = "test-market-products-20260101000000000000"
NEW_INDEX = "test-market-products-20260301103015123456"


def _document(pk: int) -> dict:
    return {
        "id": pk,
        "title": {"az": f"Məhsul {pk}", "en": "", "ru": ""},
        "description": {"az": "", "en": "", "ru": ""},
        "keywords": "",
        "kind": ["digital"],
        "category": [],
        "programme": [],
        "resident": ["8"],
        "ships_to": [],
        "language": [],
        "level": [],
        "region": [],
        "in_stock": ["1"],
        "price": Decimal("15.00"),
        "date_created": datetime(2026, 3, 1, tzinfo=UTC),
        "title_sort": f"mehsul {pk}",
    }


def _bulk_answer(items: list[dict]) -> dict:
    return {"took": 1, "errors": True, "items": items}


def _backend(client: Elasticsearch) -> ElasticsearchBackend:
    backend = ElasticsearchBackend(index=ALIAS, client=client)
    backend.new_index_name = lambda: NEW_INDEX
    return backend


def test_index_documents_writes_through_the_alias():
    client, sent = _canned_cluster(
        _bulk_answer(
            [
                {"index": {"_id": "1", "status": 200, "result": "updated"}},
                # Never indexed: nothing to delete, no failure.
                {"delete": {"_id": "2", "status": 404, "result": "not_found"}},
            ]
        )
    )

    _backend(client).index_documents([_document(1)], [2, 1])

    assert sent == [
        (
            "PUT",
            "/_bulk?refresh=wait_for&require_alias=true",
            [
                {"index": {"_index": ALIAS, "_id": "1"}},
                document_source(_document(1)),
                {"delete": {"_index": ALIAS, "_id": "2"}},
            ],
        )
    ]


def test_a_refused_action_is_search_unavailable():
    client, _sent = _canned_cluster(
        _bulk_answer(
            [
                {
                    "delete": {
                        "_id": "5",
                        "status": 404,
                        "error": {"type": "index_not_found_exception"},
                    }
                },
            ]
        )
    )

    with pytest.raises(SearchUnavailable, match="refused 1 action"):
        _backend(client).index_documents([], [5])


def test_rebuild_loads_a_new_index_then_moves_the_alias_in_one_step():
    def answer(method, target, body):
        if target == "/_bulk":
            headers = body[::2]
            return 200, _bulk_answer(
                [
                    {"index": {"_id": header["index"]["_id"], "status": 201}}
                    for header in headers
                ]
            )
        if target == f"/_alias/{ALIAS}":
            return 200, {OLD_INDEX: {"aliases": {ALIAS: {}}}}
        return 200, {"acknowledged": True}

    client, sent = _scripted_cluster(answer)
    documents = [_document(pk) for pk in range(1, 502)]
    progress: list[tuple[int, int]] = []

    done = _backend(client).rebuild(
        iter(documents),
        total=501,
        progress=lambda done, total: progress.append((done, total)),
    )

    assert done == 501
    assert progress == [(500, 501), (501, 501)]
    assert [(method, target) for method, target, _body in sent] == [
        ("PUT", f"/{NEW_INDEX}"),
        ("PUT", "/_bulk"),
        ("PUT", "/_bulk"),
        ("POST", f"/{NEW_INDEX}/_refresh"),
        ("GET", f"/_alias/{ALIAS}"),
        ("POST", "/_aliases"),
        ("DELETE", f"/{OLD_INDEX}"),
    ]
    assert sent[0][2] == index_settings()
    assert sent[2][2] == [
        {"index": {"_index": NEW_INDEX, "_id": "501"}},
        document_source(_document(501)),
    ]
    assert sent[5][2] == {
        "actions": [
            {"remove": {"index": OLD_INDEX, "alias": ALIAS}},
            {"add": {"index": NEW_INDEX, "alias": ALIAS}},
        ]
    }


def test_the_first_rebuild_creates_the_alias():
    def answer(method, target, body):
        if target == "/_bulk":
            return 200, _bulk_answer([{"index": {"_id": "1", "status": 201}}])
        if target == f"/_alias/{ALIAS}":
            return 404, {"error": f"alias [{ALIAS}] missing", "status": 404}
        return 200, {"acknowledged": True}

    client, sent = _scripted_cluster(answer)

    _backend(client).rebuild([_document(1)], total=1, progress=lambda *_: None)

    assert sent[-1] == (
        "POST",
        "/_aliases",
        {"actions": [{"add": {"index": NEW_INDEX, "alias": ALIAS}}]},
    )


def test_a_failed_rebuild_deletes_its_new_index_and_keeps_the_alias():
    def answer(method, target, body):
        if target == "/_bulk":
            return 200, _bulk_answer(
                [
                    {
                        "index": {
                            "_id": "1",
                            "status": 400,
                            "error": {"type": "strict_dynamic_mapping_exception"},
                        }
                    }
                ]
            )
        return 200, {"acknowledged": True}

    client, sent = _scripted_cluster(answer)
    progress: list[tuple[int, int]] = []

    with pytest.raises(SearchUnavailable, match="refused 1 action"):
        _backend(client).rebuild(
            [_document(1)],
            total=1,
            progress=lambda done, total: progress.append((done, total)),
        )

    assert [(method, target) for method, target, _body in sent] == [
        ("PUT", f"/{NEW_INDEX}"),
        ("PUT", "/_bulk"),
        ("DELETE", f"/{NEW_INDEX}"),
    ]
    assert progress == []


def test_refresh_and_drop_act_on_the_indices_behind_the_alias():
    def answer(method, target, body):
        if target == f"/_alias/{ALIAS}":
            return 200, {OLD_INDEX: {"aliases": {ALIAS: {}}}}
        return 200, {"acknowledged": True, "_shards": {"failed": 0}}

    client, sent = _scripted_cluster(answer)
    backend = _backend(client)

    backend.refresh()
    backend.drop()

    assert [(method, target) for method, target, _body in sent] == [
        ("POST", f"/{ALIAS}/_refresh"),
        ("GET", f"/_alias/{ALIAS}"),
        ("DELETE", f"/{OLD_INDEX}"),
    ]
