"""Real processes for the operations tests: gunicorn, a throwaway PostgreSQL, Redis."""

import contextlib
import http.client
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
import urllib.request
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
