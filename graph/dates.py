"""Vietnamese dates: 'ngày 05 tháng 3 năm 2020', '19/01/2024'; impossible dates are no dates.

>>> parse_date("ngày 05 tháng 3 năm 2020")
datetime.date(2020, 3, 5)
>>> parse_date("31/04/2024") is None
True
"""

from __future__ import annotations

import datetime as dt
import re

from graph.regexes import DATE

__all__ = ["date_from_match", "parse_date"]


def date_from_match(match: re.Match[str]) -> dt.date | None:
    """The date a :data:`graph.regexes.DATE`-shaped match gives, or None if it is not a real date."""
    groups = match.groupdict()
    month = groups.get("month") or groups.get("month_w")
    year = groups.get("year") or groups.get("year_w")
    if not (month and year):
        return None
    try:
        return dt.date(int(year), int(month), int(groups["day"]))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first real date in ``text``."""
    for match in DATE.finditer(text):
        found = date_from_match(match)
        if found:
            return found
    return None
