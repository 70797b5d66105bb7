"""kgraph.dates: calendar months added without importing calendar for most days."""

from __future__ import annotations

import calendar
import datetime as dt

from kgraph.dates import add_months


def test_months_are_added_as_the_calendar_says():
    for day in (dt.date(2024, 1, 31), dt.date(2023, 12, 29), dt.date(2026, 5, 28), dt.date(2025, 3, 30)):
        for months in range(-30, 31):
            y, m = divmod(day.month - 1 + months, 12)
            year, month = day.year + y, m + 1
            want = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
            assert add_months(day, months) == want
