"""Two curators saving at the same moment on the embedded SQLite database."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import time
import django
django.setup()
from django.db import transaction
from memorial.sources.models import Source
with transaction.atomic():
    Source.objects.create(key="k-{n}", kind="press", title="Saved by writer {n}")
    time.sleep(1.0)  # hold the write lock while the other writer arrives
print("saved")
"""


def run_python(code, env):
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_saves_at_once_wait_instead_of_failing(tmp_path):
    """WAL, a busy timeout and IMMEDIATE transactions: no "database is locked"."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'concurrent.sqlite3'}",
        "MEMORIAL_VAR_DIR": str(tmp_path),
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    writers = [run_python(WRITER.format(n=n), env) for n in (1, 2)]
    results = [writer.communicate(timeout=60) for writer in writers]
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
        assert "saved" in out
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup();"
            "from memorial.sources.models import Source; print(Source.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert check.stdout.strip() == "2"
    mode = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma journal_mode').fetchone()[0])",
            str(tmp_path / "concurrent.sqlite3"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert mode.stdout.strip() == "wal"
