"""Geometry of the timeline chart: events placed by date on one lane per PLOVER type.

The chart is drawn by the template as server-rendered SVG, so the page needs no script. Time runs left
to right, as on the date axis of Arabic news graphics. An event dated only to a month or a year is
placed in the middle of that period and drawn hollow, so an approximate date never looks exact.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from hadath.serve.labels import PLOVER, type_class

WIDTH = 960
LABEL_WIDTH = 150  # room for the lane labels on the leading side
LANE_HEIGHT = 40
AXIS_HEIGHT = 34
PAD = 18
MAX_TICKS = 10
MIN_SPAN_DAYS = 60  # a single event still gets a month either side, so the axis reads as time


@dataclass(frozen=True, slots=True)
class Mark:
    """One event on the chart."""

    event: str
    x: float
    y: float
    r: float
    css: str
    hollow: bool
    label: str


@dataclass(frozen=True, slots=True)
class Lane:
    plover: str
    css: str
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    axis_y: int
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]
    marks: tuple[Mark, ...]


def day_of(value: str | None) -> dt.date | None:
    """The date an ISO prefix stands for on the chart: the middle of its month or year."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            return dt.date(parts[0], parts[1], parts[2])
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], 15)
        if len(parts) == 1:
            return dt.date(parts[0], 7, 1)
    except ValueError:
        return None
    return None


def timeline_chart(
    events: Sequence[dict[str, Any]],
    lane_label: Callable[[str], str],
    mark_label: Callable[[dict[str, Any]], str],
) -> Chart | None:
    """Lay out the dated ``events``; None when none has a date."""
    dated = [(ev, d) for ev in events if (d := day_of(ev.get("date"))) is not None]
    if not dated:
        return None
    order = list(PLOVER)
    present = sorted(
        {ev["plover"] for ev, _ in dated}, key=lambda p: (order.index(p) if p in order else 99, p)
    )
    lane_y = {p: PAD + i * LANE_HEIGHT + LANE_HEIGHT / 2 for i, p in enumerate(present)}
    axis_y = PAD + len(present) * LANE_HEIGHT
    height = axis_y + AXIS_HEIGHT

    first = min(d for _, d in dated)
    last = max(d for _, d in dated)
    if (last - first).days < MIN_SPAN_DAYS:
        middle = first + (last - first) / 2
        first = middle - dt.timedelta(days=MIN_SPAN_DAYS // 2)
        last = middle + dt.timedelta(days=MIN_SPAN_DAYS // 2)
    left, right = LABEL_WIDTH, WIDTH - PAD
    span = (last - first).days or 1

    def x_of(day: dt.date) -> float:
        return round(left + (day - first).days / span * (right - left), 1)

    # Marks that would sit on one another are fanned out up and down within their lane.
    crowd: Counter[tuple[str, int]] = Counter()
    marks = []
    for ev, day in dated:
        x = x_of(day)
        slot = (ev["plover"], int(x // 8))
        k = crowd[slot]
        crowd[slot] += 1
        offset = ((k + 1) // 2) * 8 * (1 if k % 2 else -1)
        sources = len(ev.get("articles", []))
        marks.append(
            Mark(
                event=ev["id"],
                x=x,
                y=lane_y[ev["plover"]] + max(-14, min(14, offset)),
                r=5.0 + 1.5 * min(sources - 1, 4),
                css=type_class(ev["plover"]),
                hollow=ev.get("date_precision") not in (None, "day"),
                label=mark_label(ev),
            )
        )
    lanes = tuple(Lane(p, type_class(p), lane_y[p], lane_label(p)) for p in present)
    return Chart(WIDTH, height, left, right, axis_y, lanes, _ticks(first, last, x_of), tuple(marks))


def _ticks(first: dt.date, last: dt.date, x_of: Callable[[dt.date], float]) -> tuple[Tick, ...]:
    """Month ticks (every 1, 2, 3, 6 or 12 months) for spans up to ten years, else year ticks."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    for step in (1, 2, 3, 6, 12):
        if months / step <= MAX_TICKS:
            out = []
            year, month = first.year, first.month
            while dt.date(year, month, 1) <= last:
                day = dt.date(year, month, 1)
                if day >= first and (month - 1) % step == 0:
                    out.append(Tick(x_of(day), str(year) if step == 12 else f"{year}-{month:02d}"))
                month += 1
                if month > 12:
                    year, month = year + 1, 1
            return tuple(out)
    years = last.year - first.year + 1
    step = next(s for s in (2, 5, 10, 20, 50, 100, 1000) if years / s <= MAX_TICKS)
    return tuple(
        Tick(x_of(dt.date(y, 1, 1)), str(y))
        for y in range(first.year + 1, last.year + 1)
        if y % step == 0 and dt.date(y, 1, 1) <= last
    )
