"""The open API, version 1 (`/api/v1/`): django-ninja routers over the same
selectors and services as the web pages, an OpenAPI 3 schema at
`/api/v1/openapi.json`, browsable documentation at `/api/v1/docs`, and every
error as a JSON problem (RFC 9457)."""
