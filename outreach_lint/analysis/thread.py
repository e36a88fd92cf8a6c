"""Whether an email answers another one (the one answer every check gets)."""

from __future__ import annotations

import re

from ..document import Document

#: "Re:", "AW:", "Fwd:", "WG: " (and "Re[2]:") at the start of a subject line, repeated or not.
SUBJECT_PREFIX = re.compile(r"^\s*(?:(?:re|aw|wg|fw|fwd|antw)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def is_reply(document: Document) -> bool:
    """A reply or a forward: it quotes or forwards a message, or its headers say it answers one
    (In-Reply-To, References). Replies are not cold outreach."""
    return (
        any(region.kind in ("quote", "forward") for region in document.regions)
        or bool(document.headers.get("in-reply-to"))
        or bool(document.headers.get("references"))
    )
