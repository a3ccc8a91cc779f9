"""Line charts drawn on the server as SVG: axes, labels and a legend, readable without hovering or JavaScript."""

import math

from django import template
from django.utils import dateformat

from articles.coverage import WEEK

register = template.Library()


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
                {
                    "x": x(i),
                    "y": y(v),
                    "title": f"{s.label}: {v} {unit}, {_period_label(p, timeline.every)}",
                    "url": timeline.period_url(s, p),
                }
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
