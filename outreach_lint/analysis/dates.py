"""The date an email is written: what "recent", "last year" and a future year are measured against."""

from __future__ import annotations

import datetime as _dt
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import CheckContext


def reference_date(ctx: CheckContext) -> _dt.date:
    """The email's Date: header, else today."""
    header = ctx.document.headers.get("date")
    if header:
        try:
            return parsedate_to_datetime(header).date()
        except (TypeError, ValueError, IndexError):
            pass
    return _dt.date.today()
