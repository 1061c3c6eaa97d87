"""Load benchmark of the public site under gunicorn, against a bare Django project.

Not a test: absolute figures depend on the machine, so every page is given as
a ratio of a bare `startproject` view (bench/baseline: startproject's default
middleware, one view returning a fixed 30 KB page) measured in the same run.
Run from the project root:

    python bench/load.py [--duration 3] [--rounds 3] [--sizes 1] [--pages home,event]

It starts three gunicorns on 127.0.0.1, two sync workers each: the bare
project, the memorial with its page cache and the memorial without it. The
cache is Redis, as in production: a private redis-server on a free port when
one is installed, else the machine's Redis on 127.0.0.1:6379 under a key prefix
of this run's own. wrk (installed from Debian when missing) drives each at 8
connections for --duration seconds; every round measures the bare view, then
each page with the page cache on and off, then the bare view again, and a
page's ratio is to the mean of that round's two bare measurements, so a slow
spell of a shared machine weighs on both sides of a ratio. The medians of the
rounds are printed, with p99 latency and errors.

Budgets on a 2-core machine: with the page cache every page reaches 0.5 of the
bare view's requests/s (aim: 0.8); without it 0.10, with p99 under 50 ms.
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
BENCH = ROOT / "bench"
BUDGET_CACHED, BUDGET_UNCACHED, BUDGET_P99_MS = 0.5, 0.1, 50.0
CONNECTIONS = 8
WORKERS = 2

PREPARE = """
import json
from django.core.management import call_command
from django.db import transaction
from memorial.articles.models import Article
from memorial.commemorations.models import Commemoration
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.people.models import Person
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


def first(model):
    return model.objects.published().first().get_absolute_url()


print(json.dumps({{
    "pages": {{
        "home": "/en/",
        "timeline": "/en/timeline/",
        "toll": "/en/toll/",
        "figure": first(Figure),
        "event": first(Event),
        "articles": "/en/articles/",
        "article": first(Article),
        "photos": "/en/photos/",
        "photo": first(Photo),
        "commemorations": "/en/commemorations/",
        "commemoration": first(Commemoration),
        "sources": "/en/sources/",
        "source": first(Source),
        "names": "/en/names/",
        "person": first(Person),
    }},
    "counts": {{m.__name__: m.objects.count() for m in (Event, Figure, Photo, Article, Source)}},
}}))
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_wrk():
    """wrk from Debian; without it, say how to install it."""
    if shutil.which("wrk"):
        return
    log("Installing wrk from Debian")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    try:
        subprocess.run(
            [*sudo, "apt-get", "install", "-y", "-qq", "wrk"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    except (OSError, subprocess.CalledProcessError) as error:
        raise SystemExit(f"wrk is needed: apt-get install -y wrk ({error})") from error


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, what):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited at start")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{what} did not start")


def redis_answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class Redis:
    """A private redis-server for this run when one is installed, else the machine's
    Redis on 6379 under a key prefix of this run's own (its keys deleted at the end)."""

    def __init__(self):
        self.prefix = f"bench-{uuid.uuid4().hex}"
        self.process = None
        if shutil.which("redis-server"):
            self.port = free_port()
            self.process = subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--daemonize",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wait_for_port(self.port, self.process, "redis-server")
            self.where = f"a private redis-server on port {self.port}"
        elif redis_answers(6379):
            self.port = 6379
            self.where = "the machine's Redis, under a key prefix of this run's own"
        else:
            raise SystemExit("Redis is needed: apt-get install -y redis-server")
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)
            return
        import redis

        client = redis.Redis(host="127.0.0.1", port=self.port, db=0)
        for key in client.scan_iter(f"{self.prefix}:*"):
            client.delete(key)


def memorial_environment(workdir, cache_seconds=0, redis=None):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_", "MEMORIAL_", "GUNICORN_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
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
        GUNICORN_WORKERS=str(WORKERS),
        PYTHONPATH=str(ROOT),
    )
    if redis:
        env.update(REDIS_URL=redis.url, REDIS_KEY_PREFIX=redis.prefix)
    return env


def prepare(workdir, times):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PREPARE.format(times=times)],
        cwd=ROOT,
        env=memorial_environment(workdir),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


class Gunicorn:
    def __init__(self, name, command, cwd, env):
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *command, "-b", f"127.0.0.1:{self.port}"],
            cwd=cwd,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process, name)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def bare_project():
    """bench/baseline in its own gunicorn: startproject's middleware and one 30 KB page."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env["PYTHONPATH"] = str(BENCH)
    return Gunicorn(
        "the bare project",
        ["-w", str(WORKERS), "--access-logfile", "/dev/null", "baseline.wsgi:application"],
        BENCH,
        env,
    )


def memorial(workdir, cached, redis):
    return Gunicorn(
        f"the memorial, page cache {'on' if cached else 'off'}",
        ["-c", "gunicorn.conf.py", "config.wsgi"],
        ROOT,
        memorial_environment(workdir, 600 if cached else 0, redis),
    )


def to_ms(text):
    number, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, seconds, connections=CONNECTIONS):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(latency["50"]),
        "p99": to_ms(latency["99"]),
        "errors": errors,
    }


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def measure(workdir, pages, redis, duration, rounds):
    """{(page, cached): [round, ...]} and the bare view's rounds, interleaved in one run."""
    servers = {}
    try:
        servers["bare"] = bare_project()
        servers[True] = memorial(workdir, True, redis)
        servers[False] = memorial(workdir, False, redis)
        for path in pages.values():
            for cached in (True, False):
                wrk(servers[cached].url + path, 1, 2)  # workers import everything; the cache fills
        wrk(servers["bare"].url + "/page/", 1, 2)
        bare, samples = [], {(name, cached): [] for name in pages for cached in (True, False)}
        for number in range(1, rounds + 1):
            log(f"Round {number} of {rounds}")
            before = wrk(servers["bare"].url + "/page/", duration)
            rows = {
                (name, cached): wrk(servers[cached].url + path, duration)
                for name, path in pages.items()
                for cached in (True, False)
            }
            after = wrk(servers["bare"].url + "/page/", duration)
            reference = (before["rps"] + after["rps"]) / 2
            bare.append({**before, "rps": reference, "p99": max(before["p99"], after["p99"])})
            for key, row in rows.items():
                samples[key].append({**row, "ratio": row["rps"] / reference})
    finally:
        for server in servers.values():
            server.stop()
    return bare, samples


def report(pages, bare, samples):
    misses = []
    rounds = len(bare)
    print(
        f"  bare view: {median([run['rps'] for run in bare]):.0f} req/s,"
        f" p99 {median([run['p99'] for run in bare]):.1f} ms (medians of {rounds} rounds)"
    )
    print(
        f"  {'page':<15} {'cache on':>9} {'p99 ms':>7}  {'cache off':>9} {'req/s':>6}"
        f" {'p99 ms':>7} {'errors':>6}  ratios of the rounds (on / off)"
    )
    for name in pages:
        on, off = samples[(name, True)], samples[(name, False)]
        ratio_on, ratio_off = (median([run["ratio"] for run in runs]) for runs in (on, off))
        p99_on, p99_off = (median([run["p99"] for run in runs]) for runs in (on, off))
        errors = sum(run["errors"] for run in (*on, *off))
        flags = []
        if ratio_on < BUDGET_CACHED:
            flags.append("CACHED-RATIO")
        if ratio_off < BUDGET_UNCACHED:
            flags.append("UNCACHED-RATIO")
        if p99_off >= BUDGET_P99_MS:
            flags.append("P99")
        if errors:
            flags.append("ERRORS")
        misses += [f"{name} {flag}" for flag in flags]
        each = " ".join(f"{a['ratio']:.2f}/{b['ratio']:.2f}" for a, b in zip(on, off, strict=True))
        print(
            f"  {name:<15} {ratio_on:>9.2f} {p99_on:>7.1f}  {ratio_off:>9.2f}"
            f" {median([run['rps'] for run in off]):>6.0f} {p99_off:>7.1f} {errors:>6}"
            f"  {each} {' '.join(flags)}"
        )
    return misses


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=3, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (medians are reported)")
    parser.add_argument("--sizes", default="1", help="content multipliers, e.g. 1,10")
    parser.add_argument("--pages", default="", help="only these page types, e.g. home,event")
    args = parser.parse_args()
    ensure_wrk()
    redis = Redis()
    print(
        f"CPUs: {os.cpu_count()}; {WORKERS} sync workers a server; wrk at {CONNECTIONS}"
        f" connections, {args.duration} s a measurement; cache: {redis.where}"
    )
    misses = []
    try:
        for times in (int(size) for size in args.sizes.split(",")):
            with tempfile.TemporaryDirectory(prefix="memorial-bench-") as directory:
                workdir = Path(directory)
                log(f"Preparing {times}x content")
                prepared = prepare(workdir, times)
                pages = prepared["pages"]
                if args.pages:
                    pages = {name: pages[name] for name in args.pages.split(",")}
                print(f"\n{times}x content: {prepared['counts']}")
                print(
                    f"  ratios: requests/s of the page / of the bare view (budgets: cache on"
                    f" {BUDGET_CACHED}, off {BUDGET_UNCACHED}; p99 without the cache"
                    f" < {BUDGET_P99_MS:.0f} ms)"
                )
                bare, samples = measure(workdir, pages, redis, args.duration, args.rounds)
                misses += [f"{times}x: {miss}" for miss in report(pages, bare, samples)]
    finally:
        redis.stop()
    print("\nAll budgets met." if not misses else "\nMissed: " + "; ".join(misses))
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
