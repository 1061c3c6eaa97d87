"""Real processes for the operations tests: gunicorn, a throwaway PostgreSQL, Redis."""

import contextlib
import http.client
import http.cookiejar
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


def require(available, reason):
    """Skip locally when a tool is missing; in CI (CI set) the test must run, so fail."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_available(host="127.0.0.1", port=6379):
    try:
        with socket.create_connection((host, port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def site_environment(tmp_path, **extra):
    """The production settings, minus HTTPS, for a site on 127.0.0.1."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_", "MEMORIAL_", "GUNICORN_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="operations-test-secret-key-" + "x" * 40,
        DJANGO_HTTPS="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # The tests need no collectstatic.
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        DJANGO_LOG_FORMAT="plain",
        MEMORIAL_VAR_DIR=str(tmp_path / "var"),
        PYTHONPATH=str(ROOT),
    )
    environment.update(extra)
    return environment


def manage(environment, *args, timeout=300):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def get(url, timeout=10):
    """(status, headers, body) of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@contextlib.contextmanager
def two_sites_sharing_redis(tmp_path, create, **settings):
    """(environment, [two gunicorns]) of one site on a SQLite file, sharing the machine's
    Redis under a key prefix of their own, which is emptied after them; `create` runs
    in the site's shell first."""
    require(redis_available(), "Redis is not running on 127.0.0.1:6379")
    import redis

    prefix = f"memorial-test-{uuid.uuid4().hex}"
    environment = site_environment(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/0",
        REDIS_KEY_PREFIX=prefix,
        **settings,
    )
    manage(environment, "migrate", "--no-input", "-v0")
    manage(environment, "shell", "-c", create)
    servers = [Gunicorn(environment, tmp_path / f"gunicorn-{n}.log") for n in (1, 2)]
    try:
        yield environment, servers
    finally:
        for server in servers:
            server.stop()
        client = redis.Redis(host="127.0.0.1", port=6379, db=0)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


class Gunicorn:
    """gunicorn with the repository's config file, on a free port of 127.0.0.1."""

    def __init__(self, environment, log_path, workers=1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT,
            env={
                **environment,
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                "GUNICORN_WORKERS": str(workers),
            },
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, Path(log_path).read_text()
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"gunicorn did not start: {Path(log_path).read_text()}")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class ForwardingProxy:
    """A reverse proxy on a free port of 127.0.0.1 in front of `upstream` (host, port).

    Like nginx with `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`,
    it appends the address each client connected from to whatever X-Forwarded-For
    the client sent. Clients tell themselves apart by connecting from different
    loopback addresses (127.0.0.2, 127.0.0.3 ...).
    """

    HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade"}

    def __init__(self, upstream):
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the standard library's naming)
                proxy.forward(self)

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args):
                pass

        self.upstream = upstream
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def forward(self, handler):
        body = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
        headers = {
            name: value
            for name, value in handler.headers.items()
            if name.lower() not in self.HOP_BY_HOP | {"x-forwarded-for"}
        }
        sent = handler.headers.get("X-Forwarded-For")
        client = handler.client_address[0]
        headers["X-Forwarded-For"] = f"{sent}, {client}" if sent else client
        connection = http.client.HTTPConnection(*self.upstream, timeout=30)
        try:
            connection.request(handler.command, handler.path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
        finally:
            connection.close()
        handler.send_response(response.status)
        for name, value in response.getheaders():
            if name.lower() not in self.HOP_BY_HOP | {"content-length"}:
                handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own in a temp dir, on a free port; never the machine's."""

    def __init__(self):
        self.bin = PG_BIN[-1]
        self.port = free_port()
        self.dir = Path(
            subprocess.check_output(["mktemp", "-d", "/tmp/memorial-pg-XXXXXX"], text=True).strip()
        )
        self.data = self.dir / "data"
        # PostgreSQL refuses to run as root.
        self.user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.user:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "memorial")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/memorial"

    def _run(self, tool, *args):
        subprocess.run(
            [*self.user, str(self.bin / tool), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.dir / "log"),
            "-w",
            "start",
        )

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def postgres_available():
    return bool(PG_BIN) and (os.geteuid() != 0 or shutil.which("runuser") is not None)


def redis_server_available():
    return shutil.which("redis-server") is not None


class PrivateRedis:
    """A redis-server of its own on a free port, never the machine's; `stop()` and `start()` it."""

    def __init__(self, *options):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.options = options
        self.process = None
        self.start()

    def start(self):
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
                *self.options,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not redis_available(port=self.port):
            assert self.process.poll() is None, "redis-server exited"
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port)

    def fill(self):
        """Use more memory than `maxmemory` allows, as a full Redis with noeviction does;
        the server then refuses any command that would store more."""
        import redis

        client = self.client()
        for n in range(40):
            client.set(f"filler-{n}", b"x" * 65536)
        client.config_set("maxmemory", "1mb")
        with contextlib.suppress(redis.ResponseError):
            client.set("one-more", b"x")
            raise AssertionError("Redis is not full")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class _FormFields(HTMLParser):
    """The fields a browser would submit from the page's largest form."""

    def __init__(self):
        super().__init__()
        self.forms, self.depth = [], 0
        self.select, self.textarea = None, None

    @property
    def fields(self):
        return max(self.forms, key=len, default=[])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.depth += 1
            self.forms.append([])
        if not self.depth or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file", "image"):
                default = "on" if kind == "checkbox" else ""
                self.forms[-1].append((attrs["name"], attrs.get("value", default)))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.forms[-1].append((self.select, attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.forms[-1].append(tuple(self.textarea))
            self.textarea = None
        elif tag == "form" and self.depth:
            self.depth -= 1


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class AdminSession:
    """A curator in the admin of a served site, through its forms as a browser sends them."""

    def __init__(self, url):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(self, path, data=None):
        """(status, headers, body); redirects are returned, not followed."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.url + path, data=body, timeout=20) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def submit(self, path, **changes):
        """POST the form on `path` with `changes`; its status and headers."""
        status, _headers, body = self.request(path)
        assert status == 200, (status, body[:500])
        parser = _FormFields()
        parser.feed(body)
        data = [(name, value) for name, value in parser.fields if name not in changes]
        data.extend(changes.items())
        status, headers, body = self.request(path, data)
        return status, headers, body

    def log_in(self, username, password):
        status, headers, body = self.submit(
            "/admin/login/?next=/admin/", username=username, password=password
        )
        assert status == 302, body[:1000]
