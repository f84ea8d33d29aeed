"""Search requests and the pages their answers stand for: pure functions.

Matching. The buyer's words are analysed once, in Python
(search.synonyms.query_words), as for the database backend. Every word must
match (bool.must), each by any of (bool.should, at least one):

- its stem as a prefix (multi_match bool_prefix) of a term of the folded
  subfields or of the az/en fields. The stem is analysed with `folded` only,
  never stemmed again, so it finds what the database backend finds; the
  language fields add forms whose stem is not a prefix of their spelling
  ("story" finds "stories", indexed as "story");
- each synonym stem as a prefix, the same way, boosted lower;
- for a fuzzy word (five letters or more), a folded term one edit away from
  the word or from its stem (fuzziness 1; a swap of two letters counts as one
  edit), like the database backend's corrections against its dictionary.

The raw text is also matched against the three language fields, only to rank
(an optional should): there a Cyrillic query meets the Russian stems.

Facets are disjunctive: selections go to `post_filter`, and each facet is
counted by a filter aggregation holding every other facet's selection. The
free price range (price_min/price_max) belongs to the PRICE facet, as in the
database backend.
"""

from collections.abc import Iterable, Sequence

from ...normalise import QueryWord
from ..base import (
    SHIPS_ANYWHERE,
    TERM_FACETS,
    Facet,
    FacetCount,
    PriceBand,
    ProductPage,
    ProductQuery,
    Sort,
    cents_down,
    cents_up,
    count_ships_to,
)

# Terms buckets per facet: more values than any facet list shows.
FACET_SIZE = 500
SYNONYM_BOOST = 0.5
FUZZY_BOOST = 0.5

# Where a word's stem and synonyms are looked for, titles above the rest.
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
# Where a typo is corrected: the folded words (the database's dictionary).
FUZZY_FIELDS = [
    "title.az.folded^3",
    "title.en.folded^3",
    "title.ru.folded^3",
    "description.az.folded",
    "description.en.folded",
    "description.ru.folded",
    "keywords",
]
# Where the raw text is matched, to rank only.
LANGUAGE_FIELDS = [
    "title.az^3",
    "title.en^3",
    "title.ru^3",
    "description.az",
    "description.en",
    "description.ru",
]
SUGGEST_FIELDS = ["suggest", "suggest._2gram", "suggest._3gram"]

NEWEST = [{"date_created": {"order": "desc"}}, {"id": {"order": "desc"}}]
SORTS = {
    Sort.RELEVANCE: [{"_score": {"order": "desc"}}, *NEWEST],
    Sort.NEWEST: NEWEST,
    Sort.PRICE_ASC: [
        {"price_cents": {"order": "asc", "missing": "_last"}},
        {"id": {"order": "asc"}},
    ],
    Sort.PRICE_DESC: [
        {"price_cents": {"order": "desc", "missing": "_last"}},
        {"id": {"order": "desc"}},
    ],
    Sort.TITLE: [{"title_sort": {"order": "asc"}}, {"id": {"order": "asc"}}],
}


def _prefix(text: str, boost: float | None = None) -> dict:
    clause: dict = {
        "query": text,
        "type": "bool_prefix",
        "analyzer": "folded",
        "fields": PREFIX_FIELDS,
    }
    if boost is not None:
        clause["boost"] = boost
    return {"multi_match": clause}


def word_clause(word: QueryWord) -> dict:
    """One word: its stem or a synonym as a prefix, or (fuzzy words) a
    folded term one typo away from it or its stem."""
    options = [_prefix(word.stem)]
    options.extend(_prefix(synonym, SYNONYM_BOOST) for synonym in word.synonyms)
    if word.fuzzy:
        options.extend(
            {
                "multi_match": {
                    "query": spelling,
                    "fields": FUZZY_FIELDS,
                    "fuzziness": 1,
                    "boost": FUZZY_BOOST,
                }
            }
            for spelling in dict.fromkeys([word.text, word.stem])
        )
    return {"bool": {"should": options, "minimum_should_match": 1}}


def _band_filter(band: PriceBand) -> dict:
    bounds = {}
    if band.lower is not None:
        bounds["gte"] = cents_up(band.lower)
    if band.upper is not None:
        bounds["lt"] = cents_up(band.upper)
    if not bounds:
        return {"exists": {"field": "price_cents"}}
    return {"range": {"price_cents": bounds}}


def _band_range(band: PriceBand) -> dict:
    # A range aggregation counts `from` in and `to` out, like a PriceBand.
    bounds: dict = {"key": band.key}
    if band.lower is not None:
        bounds["from"] = cents_up(band.lower)
    if band.upper is not None:
        bounds["to"] = cents_up(band.upper)
    return bounds


def _price_selection(query: ProductQuery) -> list[dict]:
    """The PRICE facet's clauses: any of the selected bands (keys the query
    does not offer are ignored) and the free range."""
    clauses = []
    selected = query.selected(Facet.PRICE)
    bands = [band for band in query.price_bands if band.key in selected]
    if bands:
        clauses.append(
            {
                "bool": {
                    "should": [_band_filter(band) for band in bands],
                    "minimum_should_match": 1,
                }
            }
        )
    bounds = {}
    if query.price_min is not None:
        bounds["gte"] = cents_up(query.price_min)
    if query.price_max is not None:
        bounds["lte"] = cents_down(query.price_max)
    if bounds:
        clauses.append({"range": {"price_cents": bounds}})
    return clauses


def selections(query: ProductQuery) -> dict[str, list[dict]]:
    """Filter clauses by facet, for each facet the buyer narrowed."""
    found = {}
    for facet in Facet:
        if facet == Facet.PRICE:
            clauses = _price_selection(query)
        else:
            values = list(dict.fromkeys(query.selected(facet)))
            if values and facet == Facet.SHIPS_TO and SHIPS_ANYWHERE not in values:
                values.append(SHIPS_ANYWHERE)
            clauses = [{"terms": {facet.value: values}}] if values else []
        if clauses:
            found[facet.value] = clauses
    return found


def _scope(query: ProductQuery) -> list[dict]:
    """The page's fixed scope: a category (with its subcategories, which the
    documents list as ancestors), a resident's shop, a kind."""
    clauses = []
    if query.category_ids:
        clauses.append({"terms": {"category": [str(pk) for pk in query.category_ids]}})
    if query.partner_id is not None:
        clauses.append({"term": {"resident": str(query.partner_id)}})
    if query.product_class_slug:
        clauses.append({"term": {"kind": query.product_class_slug}})
    return clauses


def _hidden(hidden_partner_ids: Iterable[int]) -> list[dict]:
    hidden = sorted(set(hidden_partner_ids))
    return [{"terms": {"resident": [str(pk) for pk in hidden]}}] if hidden else []


def _all_of(clauses: list[dict]) -> dict:
    return {"bool": {"filter": clauses}} if clauses else {"match_all": {}}


def _aggregations(query: ProductQuery, chosen: dict[str, list[dict]]) -> dict:
    def others(facet: str) -> dict:
        return _all_of(
            [
                clause
                for name, clauses in chosen.items()
                if name != facet
                for clause in clauses
            ]
        )

    aggs = {
        facet.value: {
            "filter": others(facet.value),
            "aggs": {"values": {"terms": {"field": facet.value, "size": FACET_SIZE}}},
        }
        for facet in TERM_FACETS
    }
    if query.price_bands:
        aggs[Facet.PRICE.value] = {
            "filter": others(Facet.PRICE.value),
            "aggs": {
                "bands": {
                    "range": {
                        "field": "price_cents",
                        "keyed": True,
                        "ranges": [_band_range(band) for band in query.price_bands],
                    }
                }
            },
        }
    return aggs


def query_body(
    query: ProductQuery,
    words: Sequence[QueryWord],
    hidden_partner_ids: Iterable[int],
    offset: int,
    limit: int,
) -> dict:
    """The search request for `query` and its analysed `words`, without the
    products of `hidden_partner_ids`."""
    chosen = selections(query)
    selected = [clause for clauses in chosen.values() for clause in clauses]
    boolean: dict = {}
    if words:
        boolean["must"] = [word_clause(word) for word in words]
        # Beside a must, a should is optional: it ranks, it never filters.
        boolean["should"] = [
            {"multi_match": {"query": query.text, "fields": LANGUAGE_FIELDS}}
        ]
    # Without facet counts, a post_filter would only lose the filter cache.
    filters = _scope(query) if query.facets else [*_scope(query), *selected]
    if filters:
        boolean["filter"] = filters
    hidden = _hidden(hidden_partner_ids)
    if hidden:
        boolean["must_not"] = hidden
    # With no words every score is equal: relevance is newest first.
    sort = Sort.NEWEST if query.sort == Sort.RELEVANCE and not words else query.sort
    body: dict = {
        "query": {"bool": boolean} if boolean else {"match_all": {}},
        "sort": SORTS[sort],
        "from": offset,
        "size": limit,
        "track_total_hits": True,
        "_source": False,
    }
    if query.facets:
        if selected:
            body["post_filter"] = _all_of(selected)
        body["aggs"] = _aggregations(query, chosen)
    return body


def suggest_body(text: str, hidden_partner_ids: Iterable[int], limit: int) -> dict:
    """As-you-type: every typed word in a title (the last one as a prefix),
    in any language's title."""
    boolean: dict = {
        "must": [
            {
                "multi_match": {
                    "query": text,
                    "type": "bool_prefix",
                    "operator": "and",
                    "fields": SUGGEST_FIELDS,
                }
            }
        ]
    }
    hidden = _hidden(hidden_partner_ids)
    if hidden:
        boolean["must_not"] = hidden
    return {
        "query": {"bool": boolean},
        "sort": [{"_score": {"order": "desc"}}, {"id": {"order": "desc"}}],
        "size": limit,
        "_source": False,
    }


def page_from_response(query: ProductQuery, response: dict) -> ProductPage:
    """The ProductPage that an answer to query_body(query, ...) stands for."""
    hits = response["hits"]
    facets: dict[str, list[FacetCount]] = {}
    if query.facets:
        aggregations = response["aggregations"]
        for facet in TERM_FACETS:
            buckets = aggregations[facet.value]["values"]["buckets"]
            counts = {
                str(bucket["key"]): bucket["doc_count"]
                for bucket in buckets
                if bucket["doc_count"] > 0
            }
            if facet == Facet.SHIPS_TO:
                counts = count_ships_to(counts)
            facets[facet.value] = sorted(
                (
                    FacetCount(value=value, count=count)
                    for value, count in counts.items()
                ),
                key=lambda item: (-item.count, item.value),
            )
        if query.price_bands:
            bands = aggregations[Facet.PRICE.value]["bands"]["buckets"]
            facets[Facet.PRICE.value] = [
                FacetCount(value=band.key, count=bands[band.key]["doc_count"])
                for band in query.price_bands
            ]
    return ProductPage(
        product_ids=[int(hit["_id"]) for hit in hits["hits"]],
        total=hits["total"]["value"],
        facets=facets,
    )
