"""axe-core in the browser tests (issue 9, WCAG 2.1 AA): the script comes from the pinned PyPI package
``axe-playwright-python`` (axe-core 4.12), read from site-packages and evaluated in the page through the
DevTools protocol, so no CDN is reached and the site's Content-Security-Policy stays as strict as in production.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

#: The impacts that fail a page (the acceptance: "no serious or critical violation").
FAILING_IMPACTS = frozenset({"serious", "critical"})
#: WCAG 2.0/2.1 A and AA rules only (axe's best-practice rules are advice, not the standard).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def audit(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [v for v in result["violations"] if v.get("impact") in FAILING_IMPACTS]


def describe(url: str, violations: list[dict[str, Any]]) -> list[str]:
    """One readable line per violation and offending element (rule, impact, selector, what is wrong)."""
    lines = []
    for violation in violations:
        for node in violation["nodes"][:5]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ")[:200]
            lines.append(f"{url} [{violation['id']}/{violation['impact']}] {target}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"{url} [{violation['id']}] … and {len(violation['nodes']) - 5} more elements")
    return lines
