"""The parsed email: subject, the author's prose, and the regions that are not the author's prose."""

from __future__ import annotations

from dataclasses import dataclass, field

from .source import Source, SourceError
from .textmap import MappedText

#: The longest body an email draft has; parsers stop as soon as they see a longer one.
MAX_BODY_CHARS = 200_000

#: Region kinds. Quoted replies and forwarded blocks are someone else's words; signatures are the
#: sender's but not prose; directives are suppression comments.
REGION_KINDS = ("quote", "forward", "signature", "directive", "front-matter")


@dataclass(frozen=True, slots=True)
class Region:
    """A part of the body that is not linted as the author's prose, in source offsets."""

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline suppression: ``outreach-lint: disable=CODE`` or ``disable-next-line=CODE``."""

    kind: str
    codes: tuple[str, ...]
    line: int
    end_line: int
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Document:
    """One email ready for analysis. All offsets in findings are mapped back through ``MappedText``."""

    source: Source
    subject: MappedText | None
    body: MappedText
    full_body: MappedText
    regions: list[Region] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    directives: list[Directive] = field(default_factory=list)
    front_matter: dict[str, object] = field(default_factory=dict)

    @property
    def signature(self) -> str:
        return "\n".join(r.text for r in self.regions if r.kind == "signature")


def body_too_long(length: int | None = None) -> SourceError:
    """The error for a body over the limit (``length`` when it is known: parsing may stop before the end)."""
    if length is None:
        return SourceError(f"email body has more than {MAX_BODY_CHARS:,} characters, the most an email draft can have")
    return SourceError(
        f"email body has {length:,} characters, more than the {MAX_BODY_CHARS:,} an email draft can have"
    )
