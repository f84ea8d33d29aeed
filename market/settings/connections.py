"""The addresses of the outside services, checked once when settings load.

django-environ parses what it is given without complaint ("postgres//x"
becomes a database with no engine), and the mistake shows up later as an
obscure error deep in a request. Here a malformed DATABASE_URL, REDIS_URL
or ELASTICSEARCH_URL stops the process at start, with a message that names
the variable and never repeats the value (it may hold a password).
"""

from urllib.parse import SplitResult, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}
REDIS_SCHEMES = {"rediscache", "redis", "rediss"}
ELASTICSEARCH_SCHEMES = {"http", "https"}


def _refuse(variable: str, kind: str, reason: str, example: str):
    raise ImproperlyConfigured(
        f"{variable} is not a valid {kind} URL: {reason}. Expected for example "
        f"{example}."
    )


def _split(variable: str, value: str, kind: str, schemes: set[str], example: str):
    """The URL's parts, with its scheme and port checked."""
    parts = urlsplit(value.strip())
    if not parts.scheme or "://" not in value:
        scheme = example.split("://", 1)[0]
        _refuse(variable, kind, f"it has no scheme (such as {scheme}://)", example)
    if parts.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        _refuse(
            variable, kind, f"unknown scheme {parts.scheme!r} (use {allowed})", example
        )
    try:
        parts.port  # noqa: B018 (reading it validates it)
    except ValueError:
        _refuse(variable, kind, "its port is not a number from 0 to 65535", example)
    return parts


def _host(variable: str, parts: SplitResult, kind: str, example: str) -> None:
    if not parts.hostname:
        _refuse(variable, kind, "it names no host", example)


def database_config(value: str, *, variable: str = "DATABASE_URL") -> dict:
    """Django's DATABASES entry for a postgres:// or sqlite:// URL."""
    example = "postgres://user:password@db.internal:5432/market"
    parts = _split(variable, value, "database", DATABASE_SCHEMES, example)
    if parts.scheme == "sqlite":
        if not parts.path.strip("/"):
            _refuse(variable, "database", "it names no SQLite file", example)
    elif not parts.path.strip("/"):
        _refuse(variable, "database", "it names no database after the host", example)
    return environ.Env.db_url_config(value.strip())


def redis_cache_config(value: str, *, variable: str = "REDIS_URL") -> dict:
    """Django's CACHES entry for a rediscache://, redis:// or rediss:// URL."""
    example = "rediscache://:password@redis.internal:6379/1"
    parts = _split(variable, value, "Redis", REDIS_SCHEMES, example)
    _host(variable, parts, "Redis", example)
    database = parts.path.strip("/")
    if database and not database.isdigit():
        reason = "the database after the host must be a number"
        _refuse(variable, "Redis", reason, example)
    return environ.Env.cache_url_config(value.strip())


def elasticsearch_url(value: str, *, variable: str = "ELASTICSEARCH_URL") -> str:
    """The cluster's address, or "" (search stays on the database)."""
    if not value.strip():
        return ""
    example = "https://user:password@search.internal:9200"
    parts = _split(variable, value, "Elasticsearch", ELASTICSEARCH_SCHEMES, example)
    _host(variable, parts, "Elasticsearch", example)
    return value.strip()
