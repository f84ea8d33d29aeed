"""Settings of `make bench` (tools/bench.py): `make serve`'s
(market.settings.serve) plus a hello view, the ceiling of the stack, at
/bench/hello/ (tools/bench_urls.py). Only the benchmark puts tools/ on the
Python path, so no other server routes that view."""

from market.settings.serve import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
