"""Guards for the whole project."""

import io
import tomllib
from pathlib import Path

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations():
    """Every model change has its migration."""
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_system_checks_are_clean():
    """`manage.py check` reports nothing."""
    out = io.StringIO()
    call_command("check", "--fail-level", "WARNING", stdout=out)
    assert "no issues" in out.getvalue()


def test_the_licence_is_an_spdx_expression():
    """pyproject.toml names the licence as an SPDX string, not the deprecated table
    setuptools warns about; the build requires a setuptools that reads it."""
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert pyproject["project"]["license"] == "MIT"
    assert "setuptools>=77" in pyproject["build-system"]["requires"]
