#!/bin/sh
# The processes of a deployment, defined once: the container's ENTRYPOINT,
# the Procfile (`make up`) and CI (tests/market/ops/test_entrypoint.py) all
# run this script. Each command replaces the shell (exec), so SIGTERM from
# docker, honcho or systemd reaches the process itself.
#
#   web        gunicorn on ${HOST:-0.0.0.0}:${PORT:-8000}, WEB_CONCURRENCY workers
#   worker     the django-tasks database worker (run as many as you like)
#   scheduler  the periodic jobs (run one; a second one only waits on the locks)
#   release    migrate; run once per release, before the new web processes
#   check      `check --deploy` with warnings as errors, and no migration pending
#   manage     any manage.py command: `entrypoint.sh manage createsuperuser`
#
# Settings: DJANGO_SETTINGS_MODULE, market.settings.production when unset.
# Python: the checkout's (or image's) .venv when there is one, else PATH's.
set -eu

cd "$(dirname "$0")/.."
if [ -x .venv/bin/python ]; then
    PYTHON=.venv/bin/python
elif command -v python3 >/dev/null 2>&1; then
    PYTHON=python3
else
    PYTHON=python
fi
: "${DJANGO_SETTINGS_MODULE:=market.settings.production}"
export DJANGO_SETTINGS_MODULE

usage() {
    echo "usage: $0 {web|worker|scheduler|release|check|manage} [arguments...]" >&2
    echo "  web        serve HTTP with gunicorn (PORT, default 8000; WEB_CONCURRENCY workers)" >&2
    echo "  worker     run the background task worker (manage.py db_worker)" >&2
    echo "  scheduler  run the periodic jobs (manage.py run_scheduler)" >&2
    echo "  release    apply migrations (once per release, before new web processes)" >&2
    echo "  check      check --deploy (warnings fail) and no unapplied migration" >&2
    echo "  manage     run a manage.py command" >&2
}

if [ "$#" -eq 0 ]; then
    usage
    exit 2
fi
command=$1
shift

case "$command" in
web)
    exec "$PYTHON" -m gunicorn -c market/gunicorn.conf.py \
        --bind "${HOST:-0.0.0.0}:${PORT:-8000}" "$@"
    ;;
worker)
    exec "$PYTHON" manage.py db_worker --no-reload "$@"
    ;;
scheduler)
    exec "$PYTHON" manage.py run_scheduler "$@"
    ;;
release)
    # Idempotent: with nothing to apply, migrate changes nothing.
    exec "$PYTHON" manage.py migrate --noinput "$@"
    ;;
check)
    "$PYTHON" manage.py check --deploy --fail-level WARNING "$@"
    exec "$PYTHON" manage.py migrate --check --noinput
    ;;
manage)
    exec "$PYTHON" manage.py "$@"
    ;;
-h | --help | help)
    usage
    exit 0
    ;;
*)
    echo "$0: unknown command: $command" >&2
    usage
    exit 2
    ;;
esac
