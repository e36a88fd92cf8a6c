"""Whether an email answers another one (the one answer every check gets)."""

from __future__ import annotations

from ..document import Document


def is_reply(document: Document) -> bool:
    """A reply or a forward: it quotes or forwards a message, or its headers say it answers one
    (In-Reply-To, References). Replies are not cold outreach."""
    return (
        any(region.kind in ("quote", "forward") for region in document.regions)
        or bool(document.headers.get("in-reply-to"))
        or bool(document.headers.get("references"))
    )
