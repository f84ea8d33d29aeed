"""The Elasticsearch backend: the documents and query semantics of the
database backend, on an Elasticsearch 8 cluster.

- index.py: the analysis, the strict mappings, a document's JSON source;
- queries.py: the search and suggest requests, and reading their answers;
- backend.py: ElasticsearchBackend, which sends them (the only module here
  that talks to the cluster).

The request bodies are pure functions, so their exact JSON is tested without
a cluster; tests/search/contract runs the behaviour against a real one.
"""

from .backend import ElasticsearchBackend
from .index import document_source, index_settings
from .queries import page_from_response, query_body, suggest_body

__all__ = [
    "ElasticsearchBackend",
    "document_source",
    "index_settings",
    "page_from_response",
    "query_body",
    "suggest_body",
]
