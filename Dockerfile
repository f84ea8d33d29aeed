# The Creative Market image: one image, every process (deploy/entrypoint.sh):
#   docker run IMAGE            gunicorn on :8000 (CMD web)
#   docker run IMAGE worker     the task worker; IMAGE scheduler; IMAGE release
# Settings: market.settings.production, configured by the environment (see
# .env.example and compose.yaml). Build: docker build -t creative-market .

# --- Build: the lock file into /app/.venv, static files collected ----------
FROM python:3.11.14-slim-bookworm AS build

# The uv the Makefile pins (UV_VERSION), from PyPI, only in this stage.
ARG UV_VERSION=0.13.9
RUN pip install --no-cache-dir --disable-pip-version-check "uv==${UV_VERSION}"

ENV UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_PYTHON=/usr/local/bin/python3.11 \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1
WORKDIR /app

# Dependencies first: this layer is rebuilt only when the lock changes.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
# collectstatic needs settings that load, not real ones: throwaway values that
# exist only for this command (nothing is connected to). The .mo files are
# committed, so no compilemessages (and no gettext) is needed.
RUN DJANGO_SETTINGS_MODULE=market.settings.production \
    DJANGO_SECRET_KEY=build-only-not-a-secret \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    DJANGO_ALLOWED_HOSTS=build.invalid \
    STRIPE_SECRET_KEY=build-only \
    STRIPE_WEBHOOK_SECRET=build-only \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    /app/.venv/bin/python manage.py collectstatic --noinput -v0 \
    && rm -f /tmp/build.sqlite3

# --- Run: the slim base, the app, a non-root user ---------------------------
FROM python:3.11.14-slim-bookworm

RUN groupadd --system --gid 10001 market \
    && useradd --system --uid 10001 --gid market --home-dir /app --no-create-home market \
    && mkdir -p /srv/market/media /srv/market/private \
    && chown -R market:market /srv/market

# DL3064 reads "PRIVATE" as a secret: DJANGO_PRIVATE_MEDIA_ROOT is a folder.
# hadolint ignore=DL3064
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=market.settings.production \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    DJANGO_MEDIA_ROOT=/srv/market/media \
    DJANGO_PRIVATE_MEDIA_ROOT=/srv/market/private \
    PORT=8000
WORKDIR /app
COPY --from=build --chown=root:root /app /app

USER 10001:10001
EXPOSE 8000
# /healthz is answered before ALLOWED_HOSTS, HTTPS redirects and the database
# (market/ops/middleware.py). For the web process; compose turns it off for
# the worker and the scheduler, which serve no HTTP.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["web"]
