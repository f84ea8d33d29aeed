"""Gunicorn as `make serve` and `make bench` run it: `gunicorn -c
market/gunicorn.conf.py`. Settings come from DJANGO_SETTINGS_MODULE
(market.settings.serve by default here; market/wsgi.py itself defaults to
production). Every value can be changed on the command line or through
GUNICORN_CMD_ARGS."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "market.settings.serve")

wsgi_app = "market.wsgi:application"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Two processes serving one request at a time each: the shape of a small
# production box (and of the figures in issue 16).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# A slow page under load must not get its worker killed and restarted.
timeout = 120
accesslog = None
errorlog = "-"
# No control socket (gunicorn 25+): `make serve` and `make bench` running at
# once would share its one path in the home folder.
control_socket_disable = True

# Metrics of every worker (market/ops/metrics.py): with PROMETHEUS_MULTIPROC_DIR
# set, each process writes its counters to files there and /metrics sums them.
# Point it at an empty folder made at boot (a tmpfs such as /run/market-metrics),
# shared by the web, worker and scheduler processes of one machine.
_metrics_folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def on_starting(server):
    if _metrics_folder:
        os.makedirs(_metrics_folder, exist_ok=True)


def child_exit(server, worker):
    if _metrics_folder:
        from prometheus_client import multiprocess

        # Its counters stay summed; its live gauges (none yet) are dropped.
        multiprocess.mark_process_dead(worker.pid)
