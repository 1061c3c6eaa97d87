"""Load benchmark of the public site under gunicorn, against a minimal Django view.

Not a test: absolute figures depend on the machine, so every page is compared
with a minimal view served by the same gunicorn in the same run. Run from the
project root:

    python bench/load.py [--duration 5] [--rounds 3] [--soak 30] [--publishing 30] [--sizes 1,10]

For the fixture content and for ten times the content (generated), with the
page cache on and off, it starts gunicorn with gunicorn.conf.py on 127.0.0.1,
drives it with wrk (installed from Debian when missing) and prints for the
home, timeline, toll, event, article and photo pages: requests/s, p50 and p99
latency and errors at 8 connections, and the ratio to the minimal view
measured just before in the same round; the medians of --rounds rounds are
printed, with every round's ratio, since a shared machine's speed drifts. Then
it drives all of them together at 50 connections for --soak seconds and counts
errors. Last, with Redis, it drives the six pages at 50 connections for
--publishing seconds while the content changes every second (each change makes
every page fresh), once with requests waiting for a page another request is
rendering and once without. Redis on 127.0.0.1:6379 holds the cache when it
runs, as in production.

Budgets on a 2-core machine: with the page cache every page reaches 50% of the
minimal view's requests/s, without it 10%; p99 under 50 ms at 8 connections;
no error at 50 connections.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("home", "timeline", "toll", "event", "article", "photo")
BUDGET_CACHED, BUDGET_UNCACHED, BUDGET_P99_MS = 0.5, 0.1, 50.0

PREPARE = """
import json
from django.core.management import call_command
from django.db import transaction
from memorial.articles.models import Article
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.photos.models import Photo
from memorial.sources.models import Source

call_command("migrate", "--no-input", verbosity=0)
call_command("load_content", verbosity=0)
times = {times}


def copy(model, unique, originals, n):
    copies = []
    for obj in originals:
        clone = model.objects.get(pk=obj.pk)
        clone.pk = None
        setattr(clone, unique, f"{{getattr(obj, unique)}}-{{n}}"[:120])
        copies.append(clone)
    created = model.objects.bulk_create(copies)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        source_column, target_column = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = []
        for original, clone in zip(originals, created):
            for target in getattr(original, field.name).values_list("pk", flat=True):
                rows.append(through(**{{f"{{source_column}}_id": clone.pk, f"{{target_column}}_id": target}}))
        through.objects.bulk_create(rows)


models = ((Source, "key"), (Event, "slug"), (Figure, "key"), (Photo, "slug"), (Article, "slug"))
originals = {{model: list(model.objects.all()) for model, _ in models}}
with transaction.atomic():
    for n in range(1, times):
        for model, unique in models:
            copy(model, unique, originals[model], n)

print(json.dumps({{
    "home": "/en/",
    "timeline": "/en/timeline/",
    "toll": "/en/toll/",
    "event": Event.objects.published().first().get_absolute_url(),
    "article": Article.objects.published().first().get_absolute_url(),
    "photo": Photo.objects.published().first().get_absolute_url(),
    "counts": {{m.__name__: m.objects.count() for m in (Event, Figure, Photo, Article, Source)}},
}}))
"""

ROTATE_LUA = """
local paths = {{{paths}}}
local index = 0
request = function()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("Installing wrk from Debian")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_running():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def environment(workdir, cache_seconds, redis_prefix):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_", "MEMORIAL_", "GUNICORN_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="benchmark-only-secret-key-" + "b" * 40,
        DJANGO_HTTPS="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=f"sqlite:///{workdir / 'memorial.sqlite3'}",
        MEMORIAL_VAR_DIR=str(workdir),
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        MEMORIAL_PAGE_CACHE_SECONDS=str(cache_seconds),
        GUNICORN_ACCESSLOG="/dev/null",
        PYTHONPATH=str(ROOT),
    )
    if redis_prefix:
        env.update(REDIS_URL="redis://127.0.0.1:6379/0", REDIS_KEY_PREFIX=redis_prefix)
    return env


def prepare(workdir, times):
    env = environment(workdir, 0, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PREPARE.format(times=times)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


class Gunicorn:
    def __init__(self, env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited at start")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, connections, seconds, script=None):
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", script]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())

    def ms(text):
        number, unit = re.match(r"([\d.]+)(\w+)", text).groups()
        return to_ms(number, unit)

    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": ms(latency["50"]),
        "p99": ms(latency["99"]),
        "errors": errors,
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
    }


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def run_configuration(workdir, urls, cached, redis, duration, soak, rounds):
    """Every page and the minimal view, `rounds` times over; medians are reported.

    Each round measures the minimal view first and every page's ratio against
    that round's minimal view, so a slow spell of the machine weighs on both
    sides of a ratio rather than on one page.
    """
    prefix = f"bench-{uuid.uuid4().hex}" if redis else None
    server = Gunicorn(environment(workdir, 600 if cached else 0, prefix))
    samples, misses = {name: [] for name in ("minimal", *PAGES)}, []
    try:
        for path in [urls[name] for name in PAGES] + ["/bench/minimal/"]:
            # Warm up: workers import everything, the cache fills.
            wrk(server.url + path, 2, 1)
        for _round in range(rounds):
            minimal = wrk(server.url + "/bench/minimal/", 8, duration)
            samples["minimal"].append({**minimal, "ratio": 1.0})
            for name in PAGES:
                row = wrk(server.url + urls[name], 8, duration)
                samples[name].append({**row, "ratio": row["rps"] / minimal["rps"]})
        script = workdir / "rotate.lua"
        script.write_text(ROTATE_LUA.format(paths=", ".join(f'"{urls[name]}"' for name in PAGES)))
        soak_result = wrk(server.url + "/", 50, soak, script=str(script)) if soak else None
    finally:
        server.stop()
        if prefix:
            import redis as redis_client

            client = redis_client.Redis(host="127.0.0.1", port=6379, db=0)
            for key in client.scan_iter(f"{prefix}:*"):
                client.delete(key)
    budget = BUDGET_CACHED if cached else BUDGET_UNCACHED
    print(
        f"\n  page cache {'on' if cached else 'off'} (budget: {budget:.0%} of minimal;"
        f" medians of {rounds} round{'s' if rounds > 1 else ''})"
    )
    print(
        f"  {'page':<9} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'ratio':>6}"
        f"  {'ratios of the rounds':<24}"
    )
    for name, runs in samples.items():
        row = {key: median([run[key] for run in runs]) for key in ("rps", "p50", "p99", "ratio")}
        errors = sum(run["errors"] for run in runs)
        flags = []
        if name != "minimal" and row["ratio"] < budget:
            flags.append("RATIO")
        if row["p99"] >= BUDGET_P99_MS:
            flags.append("P99")
        if errors:
            flags.append("ERRORS")
        misses += [f"{name} {flag}" for flag in flags]
        each = " ".join(f"{run['ratio']:.0%}" for run in runs) if name != "minimal" else ""
        print(
            f"  {name:<9} {row['rps']:>8.0f} {row['p50']:>7.1f} {row['p99']:>7.1f}"
            f" {errors:>6} {row['ratio']:>6.0%}  {each:<24} {' '.join(flags)}"
        )
    if soak_result:
        print(
            f"  50 connections for {soak} s, all six pages: {soak_result['requests']} requests,"
            f" {soak_result['rps']:.0f} req/s, p99 {soak_result['p99']:.1f} ms,"
            f" errors {soak_result['errors']}"
        )
        if soak_result["errors"]:
            misses.append("soak ERRORS")
    return misses


def run_publishing(workdir, urls, seconds, wait):
    """All six pages at 50 connections while a curator changes content every second.

    Every change makes every page fresh, so each second the whole site is
    rendered anew under load. `wait` is MEMORIAL_PAGE_CACHE_WAIT_SECONDS: how
    long a request waits for the same page another request is rendering.
    """
    import threading

    import redis as redis_client

    prefix = f"bench-{uuid.uuid4().hex}"
    env = environment(workdir, 600, prefix)
    env["MEMORIAL_PAGE_CACHE_WAIT_SECONDS"] = str(wait)
    # Forty request threads stand in for several app servers sharing one Redis:
    # that many renderings of one page can start at once after a change.
    env.update(GUNICORN_WORKERS="5", GUNICORN_THREADS="8")
    server = Gunicorn(env)
    client = redis_client.Redis(host="127.0.0.1", port=6379, db=0)
    stop = threading.Event()
    changes = []

    def publish():
        # What a curator's save does: bump the content version (django-redis key layout).
        while not stop.wait(1.0):
            client.incr(f"{prefix}:1:content-version")
            changes.append(1)

    try:
        for name in PAGES:
            wrk(server.url + urls[name], 2, 1)
        script = workdir / "rotate.lua"
        script.write_text(ROTATE_LUA.format(paths=", ".join(f'"{urls[name]}"' for name in PAGES)))
        publisher = threading.Thread(target=publish, daemon=True)
        publisher.start()
        result = wrk(server.url + "/", 50, seconds, script=str(script))
    finally:
        stop.set()
        server.stop()
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    print(
        f"  waiting for a page being rendered {'on' if wait else 'off'}:"
        f" {len(changes)} changes, {result['requests']} requests, {result['rps']:.0f} req/s,"
        f" p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, errors {result['errors']}"
    )
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per page at 8 connections")
    parser.add_argument("--soak", type=int, default=30, help="seconds at 50 connections (0: skip)")
    parser.add_argument("--sizes", default="1,10", help="content multipliers, e.g. 1,10")
    parser.add_argument(
        "--rounds", type=int, default=3, help="measurements of every page (medians are reported)"
    )
    parser.add_argument("--no-redis", action="store_true", help="per-process cache only")
    parser.add_argument(
        "--publishing",
        type=int,
        default=30,
        help="seconds at 50 connections with a content change every second (0: skip; needs Redis)",
    )
    args = parser.parse_args()
    ensure_wrk()
    redis = not args.no_redis and redis_running()
    print(f"CPUs: {os.cpu_count()}; cache: {'Redis' if redis else 'per-process memory'}")
    misses = []
    for times in (int(size) for size in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="memorial-bench-") as directory:
            workdir = Path(directory)
            log(f"Preparing {times}x content")
            urls = prepare(workdir, times)
            print(f"\n{times}x content: {urls['counts']}")
            for cached in (True, False):
                misses += [
                    f"{times}x cache {'on' if cached else 'off'}: {miss}"
                    for miss in run_configuration(
                        workdir, urls, cached, redis, args.duration, args.soak, args.rounds
                    )
                ]
            if redis and args.publishing:
                print(f"\n  content changing every second, page cache on, {args.publishing} s:")
                for wait in (3.0, 0):
                    run_publishing(workdir, urls, args.publishing, wait)
    print("\nAll budgets met." if not misses else "\nMissed: " + "; ".join(misses))
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
