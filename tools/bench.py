"""Page benchmark (`make bench`): every page of both sites served as
production serves it, driven by wrk, with the CPU each request costs.

    .venv/bin/python tools/bench.py [--products 10000] [--page-cache both]
        [--duration 10] [--keep] [--reuse] [--pages home,product]

1. Data: a fresh PostgreSQL database `market_pagebench_<N>` (dropped and
   created) on --postgres-url (trust auth), holding the demo plus N products
   (tools/bench_data.py). --reuse skips this and uses the kept database;
   --keep keeps it afterwards (with its media under /var/tmp).
2. Serving: `make serve`'s stack (market.settings.serve through
   tools/bench_settings.py, which adds a hello view as the ceiling):
   gunicorn with 2 sync workers, DEBUG off, persistent database connections,
   WhiteNoise, Redis at --redis-url (its own db number, flushed before each
   run). MARKET_PAGE_CACHE=1 or 0 in gunicorn's environment turns the page
   cache for anonymous visitors on or off; --page-cache both runs twice.
3. Figures per page: after a warm-up, wrk with 8 connections for --duration
   seconds: req/s, p50 and p99 latency; CPU milliseconds per request of the
   gunicorn master and workers and of every PostgreSQL process (utime+stime
   from /proc before and after, over the requests wrk made); and the SQL
   queries of one request (tools/bench_pages.py, Django's test Client on the
   same database and settings, second request of two). A Markdown table at
   the end.

PostgreSQL CPU is given twice: this database's backends (the workers'
persistent connections: what the pages cost, unless a query runs parallel
workers), and every `postgres` process with the children the server reaped
during the run (parallel workers, but also any other work on the same
server, such as a test suite).
"""

# A script that prints figures (T201), runs local tools (S603, S607) and keeps
# its files in /var/tmp and /tmp (S108); a fixed CSRF secret (S105), its own
# database name in SQL (S608), a local URL (S310).
# ruff: noqa: T201, S603, S607, S108, S105, S608, S310

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432"
REDIS_DEFAULT = "redis://127.0.0.1:6379/9"
# A CSRF secret of our own, sent as cookie and form field alike (Django
# accepts the unmasked secret), so wrk can POST without reading a form.
CSRF_SECRET = "benchbenchbenchbenchbenchbench12"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--products",
        type=int,
        default=int(os.environ.get("BENCH_PRODUCTS", "10000")),
        help="products added to the demo (default $BENCH_PRODUCTS or 10000)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres-url", default=PG_DEFAULT)
    parser.add_argument(
        "--database", help="database name (default market_pagebench_<products>)"
    )
    parser.add_argument("--redis-url", default=REDIS_DEFAULT)
    parser.add_argument("--page-cache", choices=["on", "off", "both"], default="both")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds a page")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds a page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's workers")
    parser.add_argument(
        "--pages", default="", help="only pages whose name contains one of these words"
    )
    parser.add_argument(
        "--skip", default="", help="leave out pages whose name contains one of these"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--reuse", action="store_true", help="use the kept database, skip the build"
    )
    return parser.parse_args(argv)


# ------------------------------------------------------------------- database
def pg_admin(url: str, *statements: str, fetch: bool = False):
    import psycopg

    with psycopg.connect(f"{url.rstrip('/')}/postgres", autocommit=True) as admin:
        for statement in statements:
            cursor = admin.execute(statement)
        return cursor.fetchall() if fetch else None


def database_exists(url: str, name: str) -> bool:
    return bool(
        pg_admin(url, f"SELECT 1 FROM pg_database WHERE datname = '{name}'", fetch=True)
    )


def drop_database(url: str, name: str) -> None:
    pg_admin(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# ------------------------------------------------------------------------ CPU
def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()  # fields from the 3rd (state) on


def _ticks(pid: int, children: bool = False) -> int:
    fields = _stat(pid)
    if fields is None:
        return 0
    own = int(fields[11]) + int(fields[12])  # utime + stime
    return own + (int(fields[13]) + int(fields[14]) if children else 0)


def gunicorn_ticks(master: int) -> int:
    pids = [master]
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text()
        pids += [int(pid) for pid in children.split()]
    except OSError:
        pass
    return sum(_ticks(pid) for pid in pids)


def postgres_ticks(database: str) -> dict[str, int]:
    """Ticks of every postgres process (the postmaster with what it reaped),
    and of this database's backends alone."""
    every, ours = 0, 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != "postgres":
                continue
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        postmaster = not command.startswith("postgres:")
        ticks = _ticks(int(entry.name), children=postmaster)
        every += ticks
        if f" {database} " in command:
            ours += ticks
    return {"every": every, "ours": ours}


# ----------------------------------------------------------------- serving
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(port: int, host: str, server: subprocess.Popen) -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/bench/hello/", headers={"Host": host}
    )
    for _ in range(240):
        if server.poll() is not None:
            sys.exit("gunicorn stopped at start: see its log")
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit("gunicorn did not answer in 2 minutes")


def wrk_script(page: dict) -> str:
    lines = [
        f'wrk.method = "{page["method"]}"',
        f'wrk.headers["Host"] = "{page["host"]}"',
    ]
    if page["method"] == "POST":
        body = "&".join(
            f"{key}={value}"
            for key, value in {
                **page["body"],
                "csrfmiddlewaretoken": CSRF_SECRET,
            }.items()
        )
        lines += [
            f'wrk.headers["Cookie"] = "csrftoken={CSRF_SECRET}"',
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"',
            f'wrk.body = "{body}"',
        ]
    lines.append(
        """done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_JSON {\\"requests\\": %d, \\"duration_us\\": %d, \\"status_errors\\": %d, "
    .. "\\"other_errors\\": %d, \\"p50_us\\": %d, \\"p99_us\\": %d}\\n",
    summary.requests, summary.duration, e.status,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end"""
    )
    return "\n".join(lines) + "\n"


def run_wrk(arguments, port: int, page: dict, seconds: float) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(wrk_script(page))
    try:
        done = subprocess.run(
            [
                "wrk",
                f"-t{min(arguments.threads, arguments.connections)}",
                f"-c{arguments.connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "60s",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}{page['path']}",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(script.name)
    for line in done.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    sys.exit(f"wrk gave no figures:\n{done.stdout}\n{done.stderr}")


def wait_until_idle(master: int, database: str) -> None:
    """Until the workers have finished what wrk left behind: when wrk stops,
    requests it gave up on are still queued or being served. Idle: for a
    second, neither gunicorn nor this database's backends used any CPU (a
    worker waiting for a long query uses none itself)."""

    def ticks() -> tuple[int, int]:
        return gunicorn_ticks(master), postgres_ticks(database)["ours"]

    last, still = ticks(), 0
    for _ in range(1500):
        time.sleep(0.2)
        now = ticks()
        still = still + 1 if now == last else 0
        if still >= 5:
            return
        last = now


def served(access_log: Path) -> int:
    """Requests gunicorn has logged so far."""
    with access_log.open("rb") as log:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: log.read(65536), b""))


def measure_page(
    arguments, port: int, page: dict, master: int, database: str, access_log: Path
) -> dict:
    run_wrk(arguments, port, page, arguments.warmup)
    wait_until_idle(master, database)
    app_before, pg_before = gunicorn_ticks(master), postgres_ticks(database)
    served_before = served(access_log)
    figures = run_wrk(arguments, port, page, arguments.duration)
    wait_until_idle(master, database)
    app_after, pg_after = gunicorn_ticks(master), postgres_ticks(database)
    # CPU over the requests the server served (wrk's and those it gave up on).
    requests = max(1, served(access_log) - served_before)
    per_request = 1000 / CLOCK_TICKS / requests
    pg_every = pg_after["every"] - pg_before["every"]
    pg_ours = pg_after["ours"] - pg_before["ours"]
    return {
        "rps": figures["requests"] / (figures["duration_us"] / 1e6),
        "p50": figures["p50_us"] / 1000,
        "p99": figures["p99_us"] / 1000,
        "app_ms": (app_after - app_before) * per_request,
        "pg_ms": pg_ours * per_request,
        "pg_all_ms": pg_every * per_request,
        "errors": figures["status_errors"] + figures["other_errors"],
        "requests": figures["requests"],
    }


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def serve_and_measure(arguments, environment, database, cache_on: bool):
    environment = environment | {"MARKET_PAGE_CACHE": "1" if cache_on else "0"}
    flush_redis(arguments.redis_url)
    listed = subprocess.run(
        [PYTHON, str(ROOT / "tools" / "bench_pages.py")],
        cwd=ROOT,
        env=environment
        | {"BENCH_PAGES": arguments.pages, "BENCH_SKIP": arguments.skip},
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode:
        sys.exit(f"tools/bench_pages.py failed:\n{listed.stderr[-4000:]}")
    answer = json.loads(listed.stdout.strip().splitlines()[-1])
    found = answer["pages"]
    arguments.products_found = answer["products"]
    port = free_port()
    log = Path(tempfile.gettempdir()) / f"market-bench-gunicorn-{database}.log"
    access_log = log.with_suffix(".access.log")
    access_log.write_text("")
    server = subprocess.Popen(
        [
            GUNICORN,
            "-c",
            str(ROOT / "market" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(arguments.workers),
            "--access-logfile",
            str(access_log),
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    rows = []
    try:
        wait_until_up(port, found[0]["host"], server)
        mode = "on" if cache_on else "off"
        for page in found:
            figures = measure_page(
                arguments, port, page, server.pid, database, access_log
            )
            row = {**page, **figures, "cache": mode}
            rows.append(row)
            print(
                f"  [{mode}] {page['name']:<24} {figures['rps']:8.1f} req/s  "
                f"p50 {figures['p50']:8.1f} ms  app {figures['app_ms']:7.1f} ms  "
                f"pg {figures['pg_ms']:7.1f} ms (all {figures['pg_all_ms']:.1f})  "
                f"{page['queries']} queries "
                f"(status {page['status']})"
                + (f"  {figures['errors']} errors" if figures["errors"] else ""),
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| page | page cache | req/s | p50 ms | p99 ms | app CPU ms/req "
        "| PostgreSQL CPU ms/req | all postgres ms/req | queries | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    order = {
        name: number
        for number, name in enumerate(dict.fromkeys(r["name"] for r in rows))
    }
    for row in sorted(rows, key=lambda r: (order[r["name"]], r["cache"] == "on")):
        lines.append(
            f"| {row['name']} | {row['cache']} | {row['rps']:.1f} | {row['p50']:.1f} "
            f"| {row['p99']:.1f} | {row['app_ms']:.1f} | {row['pg_ms']:.1f} "
            f"| {row['pg_all_ms']:.1f} | {row['queries']} | {row['errors'] or ''} |"
        )
    return "\n".join(lines)


def ensure_wrk() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: `make bench` installs it (apt-get install wrk)")


def main(argv=None) -> int:
    arguments = parse_args(argv)
    # Stopped with kill (or by a background shell that ignores Ctrl-C): stop
    # gunicorn on the way out as for Ctrl-C.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    ensure_wrk()
    size = (
        f"{arguments.products // 1000}k"
        if arguments.products % 1000 == 0
        else str(arguments.products)
    )
    database = arguments.database or f"market_pagebench_{size}"
    files = Path("/var/tmp") / database
    database_url = f"{arguments.postgres_url.rstrip('/')}/{database}"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CACHE_URL", "STRIPE_API_BASE"}
    } | {
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(files / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(files / "private"),
        "DJANGO_STATIC_ROOT": str(files / "static"),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "tools"), str(ROOT)]),
        "MARKET_SEARCH_BACKEND": "search.backends.database.DatabaseBackend",
    }
    environment.pop("ELASTICSEARCH_URL", None)
    started = time.perf_counter()
    load = os.getloadavg()
    if arguments.reuse:
        if not database_exists(arguments.postgres_url, database):
            sys.exit(f"--reuse: no database {database}; run once with --keep")
        print(f"page bench: reusing {database} (migrating it to this code)", flush=True)
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env=environment | {"DJANGO_SETTINGS_MODULE": "market.settings.dev"},
            check=True,
        )
    else:
        print(
            f"page bench: building {database} (demo + {arguments.products} products)",
            flush=True,
        )
        drop_database(arguments.postgres_url, database)
        pg_admin(arguments.postgres_url, f"CREATE DATABASE {database}")
        shutil.rmtree(files, ignore_errors=True)
        subprocess.run(
            [
                PYTHON,
                str(ROOT / "tools" / "bench_data.py"),
                "--products",
                str(arguments.products),
                "--seed",
                str(arguments.seed),
            ],
            cwd=ROOT,
            env=environment | {"DJANGO_SETTINGS_MODULE": "market.settings.dev"},
            check=True,
        )
    built = time.perf_counter()
    serving = environment | {
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "REDIS_URL": arguments.redis_url,
        # Kept for the whole run: a backend replaced mid-run would take its
        # CPU figures with it.
        "DATABASE_CONN_MAX_AGE": "3600",
    }
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=serving,
        check=True,
    )
    modes = {"on": [True], "off": [False], "both": [False, True]}[arguments.page_cache]
    rows = []
    try:
        for cache_on in modes:
            print(f"page cache {'on' if cache_on else 'off'}:", flush=True)
            rows += serve_and_measure(arguments, serving, database, cache_on)
    finally:
        if arguments.keep or arguments.reuse:
            print(f"kept {database_url} (media in {files}): rerun with --reuse")
        else:
            drop_database(arguments.postgres_url, database)
            shutil.rmtree(files, ignore_errors=True)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    print(
        f"\n{getattr(arguments, 'products_found', '?')} products (demo's and "
        f"bench's, variants aside) on PostgreSQL ({database}), "
        f"commit {commit}{' with local changes' if dirty else ''}; gunicorn "
        f"{arguments.workers} sync workers, DEBUG off, Redis cache; wrk "
        f"{arguments.connections} connections, {arguments.duration:g} s a page after "
        f"{arguments.warmup:g} s of warm-up. Load average at start "
        f"{'/'.join(f'{value:.1f}' for value in load)}, at end "
        f"{'/'.join(f'{value:.1f}' for value in os.getloadavg())} on "
        f"{os.cpu_count()} CPUs. Build {built - started:.0f} s, measuring "
        f"{time.perf_counter() - built:.0f} s.\n"
    )
    print(table(rows))
    print(
        "\nPostgreSQL CPU: this database's backends (the workers' connections). "
        "All postgres: every PostgreSQL process, with the children it reaped "
        "(parallel workers, and other databases' work on the same server)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
