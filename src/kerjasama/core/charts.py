"""Server-side charts: an SVG bar chart computed in Python and drawn by ``core/_chart.html`` (docs/charts.md).

No JavaScript and no CDN (issue 13 item 1: charts render offline): the geometry is computed here, the template
writes an inline ``<svg role="img">`` with ``<title>`` and ``<desc>``, the same figures as a table inside a
``<details>`` element (the table view works without JavaScript) and, when given, a link to an XLSX of exactly
the same figures. Colours are SVG presentation attributes (allowed by the Content-Security-Policy, which
forbids ``style`` attributes), so the same markup prints in WeasyPrint PDFs.

A value ``None`` is a suppressed small cell: no bar, the label ``"<3"`` (or ``hidden_label``).

Usage::

    chart = bar_chart(key="sector", title="Perselisihan per sektor", rows=[("Aset", 3), ("Investasi", None)],
                      xlsx_url="/…/unduh.xlsx?tabel=sector")
    {% include "core/_chart.html" with chart=chart %}
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: The drawing's coordinate system (the SVG scales to its container through ``viewBox``).
WIDTH = 640
LABEL_WIDTH = 270
VALUE_WIDTH = 56
BAR_HEIGHT = 18
GAP = 8
TOP = 6
#: Dark enough for 3:1 contrast against white (WCAG 1.4.11, non-text contrast).
BAR_COLOUR = "#1f5f99"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | float | None
    shown: str
    #: Geometry in the viewBox's units.
    y: float
    width: float
    text_y: float


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart with its table view (``rows``) and optional XLSX link."""

    key: str
    title: str
    description: str
    rows: tuple[tuple[str, int | float | None, str], ...]
    bars: tuple[Bar, ...]
    height: float
    label_width: int = LABEL_WIDTH
    bar_x: int = LABEL_WIDTH + 8
    value_x: int = WIDTH - VALUE_WIDTH + 4
    width: int = WIDTH
    colour: str = BAR_COLOUR
    value_header: str = ""
    label_header: str = ""
    xlsx_url: str = ""

    @property
    def element_id(self) -> str:
        return f"chart-{self.key}"


def shown(value: int | float | None, hidden_label: str = "<3") -> str:
    if value is None:
        return hidden_label
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return f"{int(value)}"


def bar_chart(
    *,
    key: str,
    title: str,
    rows: Sequence[tuple[str, int | float | None]],
    description: str = "",
    label_header: str = "",
    value_header: str = "",
    xlsx_url: str = "",
    hidden_label: str = "<3",
) -> Chart:
    """A bar per row, scaled to the largest value (every bar 0 wide when all are 0 or hidden). The
    ``description`` (SVG ``<desc>``) defaults to the figures in words, so a screen reader hears them all."""
    values = [v for _, v in rows if v is not None]
    top = max(values, default=0) or 0
    span = WIDTH - LABEL_WIDTH - 8 - VALUE_WIDTH
    bars = []
    for index, (label, value) in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + GAP)
        width = 0.0 if value is None or top <= 0 else round(span * max(0, value) / top, 1)
        bars.append(
            Bar(
                label=label,
                value=value,
                shown=shown(value, hidden_label),
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT - 4,
            )
        )
    text = description or "; ".join(f"{label}: {shown(value, hidden_label)}" for label, value in rows)
    return Chart(
        key=key,
        title=title,
        description=text,
        rows=tuple((label, value, shown(value, hidden_label)) for label, value in rows),
        bars=tuple(bars),
        height=TOP * 2 + max(1, len(rows)) * (BAR_HEIGHT + GAP),
        label_header=label_header,
        value_header=value_header,
        xlsx_url=xlsx_url,
    )
