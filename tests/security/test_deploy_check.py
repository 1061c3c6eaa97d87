"""`manage.py check --deploy` with the documented production environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def check_deploy(tmp_path, *options, **settings):
    """`check --deploy` in a process of its own, with production settings and `settings`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "MEMORIAL_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="memorial.example.org",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://memorial.example.org",
        DJANGO_HTTPS="true",
        MEMORIAL_VAR_DIR=str(tmp_path),
        **settings,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", *options],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    """DEBUG off, a long secret key, allowed hosts and HTTPS: no warning at all."""
    result = check_deploy(
        tmp_path,
        "--fail-level",
        "DEBUG",
        MEMORIAL_CONTACT_EMAIL="corrections@memorial.az",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_while_the_contact_address_is_an_example(tmp_path):
    """The About page's address from settings: an example domain is a warning."""
    result = check_deploy(tmp_path)
    assert "memorial.W001" in result.stdout + result.stderr
    assert "corrections@example.org" in result.stdout + result.stderr
