"""The apps' imports point down only, and nothing holds a cycle together.

Read from the source with `ast`, every module of every app under `memorial/`:

* core, the kernel, imports no other app of ours;
* a cross-cutting app (pages, search, curation, web, opendata ...) imports
  core and other cross-cutting apps, never a topic app, and does not name one
  either: no "events.Event", no "events:list", no get_model("events", ...);
  core names none of them either;
* sources imports core and the cross-cutting apps; every other topic app (an
  app with a `contributions.py`) imports those and sources, never another
  topic app;
* no import of ours sits inside a function, except in an AppConfig's ready(),
  where Django wants it;
* the apps form no cycle.
"""

import ast
import re
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

MEMORIAL = Path(__file__).resolve().parent.parent / "memorial"
KERNEL = "core"
CITED = "sources"


def app_names():
    return sorted(
        path.parent.name for path in MEMORIAL.glob("*/apps.py") if path.parent.name != KERNEL
    )


def topic_apps():
    return sorted(path.parent.name for path in MEMORIAL.glob("*/contributions.py"))


def cross_cutting_apps():
    return sorted(set(app_names()) - set(topic_apps()))


def modules(app):
    return sorted((MEMORIAL / app).rglob("*.py"))


def _module_name(path):
    parts = path.with_suffix("").parts
    start = len(parts) - 1 - parts[::-1].index("memorial")
    return ".".join(parts[start:])


def _imported(node, path):
    """The dotted names a node imports, relative imports resolved."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        return [node.module or ""]
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - node.level + 1]
    return [".".join([*base, node.module] if node.module else base)]


def _app_of(name):
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "memorial" else None


class _Imports(ast.NodeVisitor):
    """Each import of ours with whether it sits inside a function other than ready()."""

    def __init__(self, path):
        self.path, self.found, self.functions = path, [], []

    def _function(self, node):
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def _import(self, node):
        for name in _imported(node, self.path):
            if _app_of(name):
                hidden = bool(self.functions) and self.functions != ["ready"]
                self.found.append((name, node.lineno, hidden))

    visit_Import = visit_ImportFrom = _import


def imports(path):
    visitor = _Imports(path)
    visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    return visitor.found


def allowed(app):
    if app == KERNEL:
        return {KERNEL}
    if app == CITED:
        return {KERNEL, CITED, *cross_cutting_apps()}
    if app in topic_apps():
        return {KERNEL, CITED, app, *cross_cutting_apps()}
    # A cross-cutting app never imports a topic app, so arrows still point down.
    return {KERNEL, *cross_cutting_apps()}


def graph():
    """app -> the other apps of ours its modules import."""
    return {
        app: {
            _app_of(name)
            for path in modules(app)
            for name, _line, _hidden in imports(path)
            if _app_of(name) != app
        }
        for app in [KERNEL, *app_names()]
    }


def test_the_apps_are_sorted_into_kernel_topics_and_cross_cutting():
    """Every app is one or the other; the topic apps are found by their contributions."""
    assert {"sources", "events", "figures", "photos", "articles", "commemorations"} <= set(
        topic_apps()
    )
    assert {"pages", "search", "curation", "web", "opendata"} <= set(cross_cutting_apps())


def app_imports(app, wrong):
    """`file:line imports name` for each import of the app's modules for which `wrong(name, hidden)`."""
    return [
        f"{path.relative_to(MEMORIAL)}:{line} imports {name}"
        for path in modules(app)
        for name, line, hidden in imports(path)
        if wrong(name, hidden)
    ]


@pytest.mark.parametrize("app", [KERNEL, *app_names()])
def test_imports_point_down_only(app):
    assert app_imports(app, lambda name, _hidden: _app_of(name) not in allowed(app)) == []


@pytest.mark.parametrize("app", [KERNEL, *app_names()])
def test_no_import_of_ours_is_hidden_in_a_function(app):
    assert app_imports(app, lambda _name, hidden: hidden) == []


@pytest.mark.parametrize("app", [KERNEL, *cross_cutting_apps()])
def test_the_kernel_and_cross_cutting_apps_name_no_topic_app(app):
    """Not even in strings: model labels, URL names, get_model("app", ...)."""
    named = "|".join(topic_apps())
    if app == KERNEL:
        named = "|".join([*topic_apps(), *cross_cutting_apps()])
    reference = re.compile(rf"^({named})[.:]\w")
    wrong = []
    for path in modules(app):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and reference.match(text):
                wrong.append(f"{path.relative_to(MEMORIAL)}:{node.lineno} {text!r}")
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", "") == "get_model"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value in topic_apps()
            ):
                wrong.append(f"{path.relative_to(MEMORIAL)}:{node.lineno} get_model")
    assert wrong == []


def test_the_apps_form_no_cycle():
    try:
        order = list(TopologicalSorter(graph()).static_order())
    except CycleError as error:
        pytest.fail(f"import cycle: {error.args[1]}")
    assert order[0] == KERNEL


def test_the_check_sees_a_wrong_import(tmp_path):
    """The parser resolves relative imports and notices one hidden in a function."""
    module = tmp_path / "memorial" / "core" / "example.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "from ..events.models import Event\n\ndef f():\n    from memorial.pages import views\n"
    )
    found = imports(module)
    assert [(name, hidden) for name, _line, hidden in found] == [
        ("memorial.events.models", False),
        ("memorial.pages", True),
    ]
