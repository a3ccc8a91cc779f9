"""Line charts drawn on the server as SVG: axes, labels and a legend, readable without hovering or JavaScript."""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from django import template
from django.utils import dateformat

register = template.Library()

# Distinguishable for colour-blind readers (Okabe–Ito, darkened for contrast on white).
PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#b8860b", "#56b4e9", "#7f3c8d", "#4d4d4d"]
TOTAL_COLOUR = "#8a94a6"

DAY, WEEK = "day", "week"


@dataclass
class Series:
    label: str
    values: list[int]
    url: str = ""
    colour: str = ""
    dashed: bool = False

    @property
    def total(self):
        return sum(self.values)


@dataclass
class Timeline:
    """Counts per day or per week (weeks start on Monday), one series per line."""

    every: str
    periods: list[date]
    series: list[Series] = field(default_factory=list)

    @classmethod
    def spanning(cls, first, last, every=None, limit=None):
        """Periods from `first` to `last` (dates), at most `limit` of them, ending at `last`.

        Without `every`, days when the span is six weeks or less, else weeks.
        """
        if every is None:
            every = DAY if (last - first).days <= 42 else WEEK
        limit = limit or (60 if every == DAY else 52)
        step = timedelta(days=1 if every == DAY else 7)
        end = period_start(last, every)
        start = period_start(first, every)
        # Counted back from the end rather than by subtracting, which fails before year 1 (a stored date of 0001-01-02).
        if (end - start) // step >= limit:
            start = end - step * (limit - 1)
        periods = [start + step * i for i in range((end - start) // step + 1)]
        return cls(every, periods)

    def add(self, label, counts, url="", dashed=False):
        """Add a line from `counts`, a dict {period start: count}; missing periods count 0."""
        colour = TOTAL_COLOUR if dashed else PALETTE[sum(not s.dashed for s in self.series) % len(PALETTE)]
        values = [counts.get(period, 0) for period in self.periods]
        self.series.append(Series(label, values, url, colour, dashed))

    @property
    def rows(self):
        """(period, [value per series]) for a table of the same numbers."""
        return [(period, [s.values[i] for s in self.series]) for i, period in enumerate(self.periods)]


def period_start(day, every):
    return day - timedelta(days=day.weekday()) if every == WEEK else day


def nice_step(largest, ticks=4):
    """A step of 1, 2 or 5 times a power of ten giving about `ticks` gridlines up to `largest`."""
    raw = max(largest / ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


# Drawn in a 960-unit-wide box; the stylesheet sizes the text for phones, where every other date label is hidden.
WIDTH, HEIGHT = 960, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 16, 48


@register.inclusion_tag("articles/line_chart.html")
def line_chart(timeline, title, unit):
    """An SVG line chart of `timeline`; `unit` names what is counted ("articles")."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(timeline.periods)
    largest = max((max(s.values, default=0) for s in timeline.series), default=0)
    step = nice_step(largest)
    ceiling = max(step, math.ceil(largest / step) * step)

    def x(i):
        return round(LEFT + (plot_w * i / (n - 1) if n > 1 else plot_w / 2), 1)

    def y(value):
        return round(TOP + plot_h - plot_h * value / ceiling, 1)

    label_every = max(1, math.ceil(n / 8))
    x_ticks = []
    for i, period in enumerate(timeline.periods):
        if i % label_every:
            continue
        new_year = not x_ticks or period.year != timeline.periods[i - label_every].year
        # The first and last labels sit inside the box rather than centred on their tick.
        anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
        x_ticks.append(
            {
                "x": x(i),
                "label": dateformat.format(period, "j M Y" if new_year else "j M"),
                "anchor": anchor,
                "minor": len(x_ticks) % 2 == 1,
            }
        )
    lines = [
        {
            "series": s,
            "points": " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(s.values)),
            "dots": [
                {"x": x(i), "y": y(v), "title": f"{s.label}: {v} {unit}, {_period_label(p, timeline.every)}"}
                for i, (p, v) in enumerate(zip(timeline.periods, s.values, strict=True))
            ]
            if n <= 60
            else [],
        }
        for s in timeline.series
    ]
    return {
        "timeline": timeline,
        "title": title,
        "unit": unit,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "axis_label_y": HEIGHT - 6,
        "y_title_at": TOP + plot_h // 2,
        "y_ticks": [{"y": y(v), "label": v} for v in range(0, ceiling + 1, step)],
        "x_ticks": x_ticks,
        "lines": lines,
        "every_label": "Week starting" if timeline.every == WEEK else "Day",
    }


def _period_label(period, every):
    text = dateformat.format(period, "j M Y")
    return f"week of {text}" if every == WEEK else text
