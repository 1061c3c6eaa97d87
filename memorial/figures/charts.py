"""The toll chart: each source's figure for one quantity, drawn on the server as SVG.

The bars are written here rather than in a template: a quantity can have
dozens of figures, and each bar is a handful of coordinates and two labels.
The chart's title, caption and frame stay in `figures/_chart.html`.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from memorial.core.dates import sort_key
from memorial.core.html import format_text_html

LABEL_LENGTH = 48

WIDTH = 640
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
ROW_HEIGHT = 48
VALUE_SPACE = 120


@dataclass(frozen=True)
class Bar:
    row: dict
    label_y: int
    bar_y: int
    width: int
    low_width: int
    value_x: int
    is_range: bool


@dataclass(frozen=True)
class Chart:
    bars: list
    width: int
    height: int
    maximum: int

    @property
    def description(self):
        """The chart in words, for `<desc>`: each source, its figure and its date."""
        return "; ".join(
            f"{bar.row['source_title']}: {bar.row['value']} ({bar.row['as_of']})"
            for bar in self.bars
        )

    @property
    def svg_bars(self):
        """One `<g>` per bar: its label, the upper end of a range, the bar and its value."""
        return SafeString("".join(_bar_svg(bar) for bar in self.bars))


BAR_SVG = (
    '<g class="chart-row"><text class="chart-label" x="0" y="{}">{} · {}</text>{}'
    '<rect class="chart-bar" x="0" y="{}" width="{}" height="{}"/>'
    '<text class="chart-value" x="{}" y="{}">{}</text></g>\n'
)
RANGE_SVG = '<rect class="chart-bar chart-bar-range" x="0" y="{}" width="{}" height="{}"/>'


def _bar_svg(bar):
    # Coordinates are integers computed above; only the two labels are text.
    title = bar.row["source_title"]
    if len(title) > LABEL_LENGTH:
        title = title[: LABEL_LENGTH - 1] + "…"
    upper = format_text_html(RANGE_SVG, bar.bar_y, bar.width, BAR_HEIGHT) if bar.is_range else ""
    return format_text_html(
        BAR_SVG,
        bar.label_y,
        bar.row["as_of"],
        title,
        upper,
        bar.bar_y,
        bar.low_width,
        BAR_HEIGHT,
        bar.value_x,
        bar.bar_y + BAR_HEIGHT - 2,
        bar.row["value"],
    )


def toll_chart(rows):
    """Bars in order of the as-of date; a range shows its lower end solid, the rest hatched.

    `rows` are the toll's rows (`FigureRows.row`): the texts the table shows,
    which the bars' labels reuse, and the values they are drawn from.
    """
    rows = sorted(rows, key=lambda row: (sort_key(row["as_of_date"]), row["sort_order"]))
    maximum = max((row["value_high"] or row["value_low"] for row in rows), default=0) or 1
    scale = (WIDTH - VALUE_SPACE) / maximum
    bars = []
    for index, row in enumerate(rows):
        top = index * ROW_HEIGHT
        width = max(round((row["value_high"] or row["value_low"]) * scale), 2)
        bars.append(
            Bar(
                row=row,
                label_y=top + LABEL_HEIGHT - 4,
                bar_y=top + LABEL_HEIGHT,
                width=width,
                low_width=max(round(row["value_low"] * scale), 2),
                value_x=width + 8,
                is_range=row["value_high"] is not None,
            )
        )
    return Chart(bars=bars, width=WIDTH, height=len(bars) * ROW_HEIGHT, maximum=maximum)
