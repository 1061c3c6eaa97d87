"""No interface string escapes translation: the catalogues hold every string the code uses."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
COPIED = ["manage.py", "config", "memorial", "templates"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Run makemessages on a copy of the project and return its fresh catalogues."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is required in CI")
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path_factory.mktemp("project")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "true"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "az", "-l", "ru", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return copy / "memorial" / "locale"


@pytest.mark.parametrize("language", ["az", "ru"])
def test_every_string_in_the_code_has_a_translation(extracted, language):
    """Each msgid that makemessages finds today is translated in the committed catalogue."""
    path = Path("LC_MESSAGES") / "django.po"
    committed = {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(ROOT / "memorial" / "locale" / language / path))
        if entry.translated() and not entry.obsolete
    }
    fresh = polib.pofile(str(extracted / language / path))
    missing = sorted(
        entry.msgid for entry in fresh if (entry.msgctxt, entry.msgid) not in committed
    )
    assert not missing, f"{len(missing)} strings need a {language} translation: {missing[:20]}"
