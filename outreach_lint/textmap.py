"""Text that remembers where each character came from in the source file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MappedText:
    """A string plus, for every character, the source range it was produced from.

    ``starts[i]``/``ends[i]`` are code-point offsets into the source text. A character copied from the
    source maps to ``[p, p + 1)``; a character produced from markup (an HTML entity, a quoted-printable
    escape) maps to the whole markup it came from.
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def identity(cls, text: str, offset: int = 0) -> MappedText:
        return cls(text, tuple(range(offset, offset + len(text))), tuple(range(offset + 1, offset + len(text) + 1)))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open text range [start, end) to a source range."""
        if not self.text:
            return (0, 0)
        start = min(max(start, 0), len(self.text) - 1)
        end = max(min(end, len(self.text)), start + 1)
        return self.starts[start], self.ends[end - 1]

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.starts[start:end], self.ends[start:end])

    def compose(self, outer: MappedText) -> MappedText:
        """Re-map this text (whose offsets point into ``outer.text``) onto ``outer``'s source."""
        if not outer.text:
            return self
        last = len(outer.text) - 1
        starts = tuple(outer.starts[min(s, last)] for s in self.starts)
        ends = tuple(outer.ends[min(max(e - 1, 0), last)] for e in self.ends)
        return MappedText(self.text, starts, ends)


class MappedTextBuilder:
    """Builds a MappedText piece by piece from source slices and synthetic text."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []

    def __len__(self) -> int:
        return len(self._starts)

    def add_slice(self, text: str, source_start: int) -> None:
        """Append text copied verbatim from the source at ``source_start``."""
        if not text:
            return
        self._parts.append(text)
        self._starts.extend(range(source_start, source_start + len(text)))
        self._ends.extend(range(source_start + 1, source_start + len(text) + 1))

    def add_synthetic(self, text: str, source_start: int, source_end: int) -> None:
        """Append text that stands for the source range [source_start, source_end)."""
        if not text:
            return
        self._parts.append(text)
        self._starts.extend([source_start] * len(text))
        self._ends.extend([source_end] * len(text))

    def add_mapped(self, mapped: MappedText) -> None:
        self._parts.append(mapped.text)
        self._starts.extend(mapped.starts)
        self._ends.extend(mapped.ends)

    def last_char(self) -> str:
        for part in reversed(self._parts):
            if part:
                return part[-1]
        return ""

    def build(self) -> MappedText:
        return MappedText("".join(self._parts), tuple(self._starts), tuple(self._ends))
