"""The glossary's banned calques stay out of the content and the interface catalogues.

The banned forms live in one place, the "Banned forms" table of docs/GLOSSARY.md;
these tests read it, scan every text field of every fixture and every Azerbaijani
and Russian msgstr, and check on the table's own examples that each pattern bites.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from django.conf import settings

from memorial.curation.loader import fixture_files
from tests.curation.test_content import fixture_models

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "GLOSSARY.md"
CATALOGUES = {
    language: ROOT / "memorial" / "locale" / language / "LC_MESSAGES" / "django.po"
    for language in ("az", "ru")
}
LANGUAGES = ("az", "en", "ru")


@dataclass(frozen=True)
class Banned:
    language: str
    pattern: re.Pattern
    context: re.Pattern | None
    example: str
    correction: str

    def found_in(self, text, english=""):
        """The banned form in `text`, unless the row is limited to an English it lacks."""
        if self.context is not None and not self.context.search(english or ""):
            return None
        match = self.pattern.search(text)
        return match.group(0) if match else None


def _cell(text):
    text = text.strip().replace("\\|", "|")
    if text.startswith("`") and text.endswith("`"):
        return text[1:-1]
    return text


def banned_forms(path=GLOSSARY):
    """The rows of the glossary's "Banned forms" table."""
    section = path.read_text(encoding="utf-8").split("## Banned forms", 1)[1]
    rows = []
    for line in section.splitlines():
        if not line.startswith("| ") or line.startswith("| Language") or set(line) <= set("|- "):
            continue
        cells = [_cell(cell) for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        language, pattern, context, example, correction = cells
        rows.append(
            Banned(
                language=language,
                pattern=re.compile(pattern),
                context=None if context == "—" else re.compile(context),
                example=example,
                correction=correction,
            )
        )
    return rows


def fixture_texts(directory):
    """(where, language, text, English counterpart) for every translated field of every fixture.

    The fields that are not translated (a source's title, author and publisher, a
    quotation, a locator, an address) reproduce the source's own words, quotation
    marks and all, so they are not ours to reword and are left out.
    """
    for path in fixture_files(directory):
        for index, entry in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            fields = entry["fields"]
            for name, value in fields.items():
                base, _, language = name.rpartition("_")
                if language in LANGUAGES and f"{base}_en" in fields and isinstance(value, str):
                    where = f"{path.name} object {index + 1} ({entry['model']}).{name}"
                    yield where, language, value, fields[f"{base}_en"]


def catalogue_texts(catalogues=CATALOGUES):
    """(where, language, msgstr, msgid) for every translation in the az and ru catalogues."""
    for language, path in catalogues.items():
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            english = f"{entry.msgid} {entry.msgid_plural}".strip()
            strings = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            for text in strings:
                yield f"{language}/{path.name}: {entry.msgid[:60]!r}", language, text, english


def violations(texts, rows):
    found = []
    for where, language, text, english in texts:
        for row in rows:
            hit = row.language == language and row.found_in(text, english)
            if hit:
                found.append(f"{where}: {hit!r} (use: {row.correction})")
    return found


@pytest.fixture(scope="module")
def rows():
    return banned_forms()


def test_the_glossary_bans_the_reviewed_calques(rows):
    """The table is read: both languages have rows, each with a pattern and an example."""
    languages = {row.language for row in rows}
    assert {"az", "ru"} <= languages <= set(LANGUAGES)
    assert len(rows) >= 20
    patterns = {row.pattern.pattern for row in rows}
    assert r"(?i)\btalan" in patterns and "(?i)(время|дата|дату) подсчёта" in patterns


def test_every_pattern_catches_its_example_and_passes_its_correction(rows):
    """A row whose pattern misses its own mistake, or flags its correction, is a broken row."""
    for row in rows:
        english = row.context.pattern.removeprefix("(?i)") if row.context else ""
        assert row.found_in(row.example, english), row
        assert not row.found_in(row.correction, english), row
        if row.context is not None:
            assert not row.found_in(row.example, "an English text without the term"), row


def test_no_banned_form_in_the_fixtures(rows):
    texts = list(fixture_texts(settings.MEMORIAL_FIXTURES_DIR))
    # Every file and every language is scanned.
    files = {where.split(" ", 1)[0] for where, *_ in texts}
    assert files == {f"{model._meta.app_label}.json" for model in fixture_models()}
    assert {language for _, language, *_ in texts} == set(LANGUAGES)
    assert len(texts) > 1500
    assert not violations(texts, rows)


def test_no_banned_form_in_the_catalogues(rows):
    texts = list(catalogue_texts())
    for language, path in CATALOGUES.items():
        entries = [entry for entry in polib.pofile(str(path)) if not entry.obsolete]
        scanned = [text for _, lang, text, _ in texts if lang == language]
        plural_forms = sum(len(entry.msgstr_plural) - 1 for entry in entries if entry.msgid_plural)
        assert len(scanned) == len(entries) + plural_forms
    assert not violations(texts, rows)


def test_a_calque_put_back_is_found(rows, tmp_path):
    """The scans fail when a reviewed mistake returns, in a fixture field or in a msgstr."""
    directory = tmp_path / "fixtures"
    directory.mkdir()
    for path in fixture_files(settings.MEMORIAL_FIXTURES_DIR):
        (directory / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    events = json.loads((directory / "events.json").read_text(encoding="utf-8"))
    events[0]["fields"]["title_az"] = "Bakıda ermənilərə qarşı talanlar başlayır"
    events[1]["fields"]["summary_ru"] = "Цифра считает обратившихся за помощью."
    (directory / "events.json").write_text(json.dumps(events, ensure_ascii=False), encoding="utf-8")
    found = violations(fixture_texts(directory), rows)
    assert len(found) == 2
    assert "events.json object 1 (events.event).title_az: 'talan'" in found[0]
    assert "events.json object 2 (events.event).summary_ru" in found[1]

    catalogues = {}
    for language, entry in (
        ("az", polib.POEntry(msgid="People detained", msgstr="Həbs olunanlar")),
        ("ru", polib.POEntry(msgid="As of", msgstr="Время подсчёта")),
    ):
        po = polib.pofile(str(CATALOGUES[language]))
        po.append(entry)
        catalogues[language] = tmp_path / f"{language}.po"
        po.save(str(catalogues[language]))
    found = violations(catalogue_texts(catalogues), rows)
    assert len(found) == 2
    assert found[0].startswith("az/az.po: 'People detained': 'Həbs olun'")
    assert found[1].startswith("ru/ru.po: 'As of': 'Время подсчёта'")
