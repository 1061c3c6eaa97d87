"""axe-core in the open page: its WCAG A/AA violations."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']"


def axe_violations(page, axe_source):
    """axe-core's WCAG A/AA violations on the open page, as (rule, targets) pairs."""
    page.evaluate(axe_source)
    result = page.evaluate(f"() => axe.run(document, {{runOnly: {AXE_TAGS}}})")
    return [(v["id"], [node["target"] for node in v["nodes"]]) for v in result["violations"]]
