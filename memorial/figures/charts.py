"""The toll chart: each source's figure for one quantity, drawn on the server as SVG
(`figures/_chart.html`)."""

from dataclasses import dataclass

WIDTH = 640
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
ROW_HEIGHT = 48
VALUE_SPACE = 120


@dataclass(frozen=True)
class Bar:
    figure: object
    label_y: int
    bar_y: int
    width: int
    low_width: int
    value_x: int
    is_range: bool

    @property
    def value_y(self):
        return self.bar_y + BAR_HEIGHT - 2


@dataclass(frozen=True)
class Chart:
    bars: list
    width: int
    height: int
    maximum: int
    bar_height: int = BAR_HEIGHT


def toll_chart(figures):
    """Bars in order of the as-of date; a range shows its lower end solid, the rest hatched."""
    figures = sorted(figures, key=lambda figure: (figure.as_of.sort_key(), figure.sort_order))
    maximum = max((figure.value_high or figure.value_low for figure in figures), default=0) or 1
    scale = (WIDTH - VALUE_SPACE) / maximum
    bars = []
    for index, figure in enumerate(figures):
        top = index * ROW_HEIGHT
        width = max(round((figure.value_high or figure.value_low) * scale), 2)
        bars.append(
            Bar(
                figure=figure,
                label_y=top + LABEL_HEIGHT - 4,
                bar_y=top + LABEL_HEIGHT,
                width=width,
                low_width=max(round(figure.value_low * scale), 2),
                value_x=width + 8,
                is_range=figure.value_high is not None,
            )
        )
    return Chart(bars=bars, width=WIDTH, height=len(bars) * ROW_HEIGHT, maximum=maximum)
