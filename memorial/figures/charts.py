"""The toll chart: each source's figure for one quantity, as bars the server draws.

A total and its parts are never drawn side by side as if they were rival counts:
the parts (82 + 20 + 21 + 8 of the 131) are the segments of their total's one
stacked bar, and leave the chart's list of bars. Each bar's label and value are
text in the page, so the chart reads without the drawing.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

#: Bars are drawn on a scale of this many units across the chart's width.
SCALE = 1000


@dataclass(frozen=True)
class Segment:
    figure: object
    x: float
    width: float
    index: int


@dataclass(frozen=True)
class Bar:
    figure: object
    label: str
    width: float
    low_width: float
    segments: list = field(default_factory=list)
    rest: float = 0
    rest_x: float = 0

    @property
    def is_range(self):
        return self.figure.value_high is not None

    @property
    def parts_text(self):
        """ "82 + 20 + 21 + 8", the parts as the bar draws them."""
        return " + ".join(segment.figure.value_display for segment in self.segments)


@dataclass(frozen=True)
class Chart:
    bars: list
    scale: int = SCALE

    def __bool__(self):
        return len(self.bars) > 1 or any(bar.segments for bar in self.bars)


def parts_by_total(figures):
    """{total's pk: its parts}, for the figures given, in the order the curator set
    (82 + 20 + 21 + 8, whatever each part counts)."""
    parts = defaultdict(list)
    for figure in sorted(figures, key=lambda figure: figure.sort_order):
        if figure.part_of_id:
            parts[figure.part_of_id].append(figure)
    return parts


def _labels(figures):
    """ "as of · source" for each figure; where two would read the same, the scope tells them apart."""
    plain = [f"{figure.as_of_display} · {figure.source.title}" for figure in figures]
    counts = Counter(plain)
    return [
        f"{label} — {figure.scope}" if counts[label] > 1 else label
        for label, figure in zip(plain, figures, strict=True)
    ]


def toll_chart(figures, page_figures=()):
    """Bars for one quantity's figures in order of their as-of date; a range shows its
    lower end solid and the rest lighter; a total with parts on the page is stacked."""
    on_chart = {figure.pk for figure in figures}
    figures = sorted(
        (figure for figure in figures if figure.part_of_id not in on_chart),
        key=lambda figure: (figure.as_of.sort_key(), figure.sort_order),
    )
    parts = parts_by_total(page_figures or figures)
    maximum = max((figure.value_high or figure.value_low for figure in figures), default=0) or 1
    unit = SCALE / maximum
    bars = []
    for figure, label in zip(figures, _labels(figures), strict=True):
        width = (figure.value_high or figure.value_low) * unit
        segments, x = [], 0.0
        for index, part in enumerate(parts.get(figure.pk, [])):
            part_width = min(part.value_low * unit, width - x)
            segments.append(Segment(part, round(x, 1), round(part_width, 1), index % 4))
            x += part_width
        bars.append(
            Bar(
                figure=figure,
                label=label,
                width=round(max(width, 2), 1),
                low_width=round(max(figure.value_low * unit, 2), 1),
                segments=segments,
                rest=round(width - x, 1) if segments and width - x > 0.05 else 0,
                rest_x=round(x, 1),
            )
        )
    return Chart(bars=bars)
