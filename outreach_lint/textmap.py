"""Text that remembers where each character came from in the source file."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass


def _offsets(values: Sequence[int] = ()) -> array[int]:
    """Source offsets stored compactly: eight bytes each (a tuple of ints costs 36)."""
    return array("q", values)


@dataclass(frozen=True, slots=True)
class MappedText:
    """A string plus, for every character, the source range it was produced from.

    ``starts[i]``/``ends[i]`` are code-point offsets into the source text. A character copied from the
    source maps to ``[p, p + 1)``; a character produced from markup (an HTML entity, a quoted-printable
    escape) maps to the whole markup it came from. Text copied as a whole keeps its offsets as ``range``
    objects (no memory per character); other text keeps them in compact arrays.
    """

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    @classmethod
    def identity(cls, text: str, offset: int = 0) -> MappedText:
        return cls(text, range(offset, offset + len(text)), range(offset + 1, offset + len(text) + 1))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open text range [start, end) to a source range."""
        if not self.text:
            return (0, 0)
        start = min(max(start, 0), len(self.text) - 1)
        end = max(min(end, len(self.text)), start + 1)
        return self.starts[start], self.ends[end - 1]

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.starts[start:end], self.ends[start:end])

    def shifted(self, delta: int) -> MappedText:
        """The same text with every source offset moved by ``delta``."""
        if isinstance(self.starts, range) and isinstance(self.ends, range):
            return MappedText(self.text, _moved(self.starts, delta), _moved(self.ends, delta))
        return MappedText(self.text, _offsets(p + delta for p in self.starts), _offsets(p + delta for p in self.ends))

    def compose(self, outer: MappedText) -> MappedText:
        """Re-map this text (whose offsets point into ``outer.text``) onto ``outer``'s source.

        An empty span (a line break standing for markup) stays empty, at the place it stands for."""
        if not outer.text:
            return self
        last = len(outer.text) - 1
        starts = _offsets()
        ends = _offsets()
        for start, end in zip(self.starts, self.ends, strict=True):
            if end > start:
                starts.append(outer.starts[min(start, last)])
                ends.append(outer.ends[min(end - 1, last)])
            else:
                at = outer.starts[start] if start <= last else outer.ends[last]
                starts.append(at)
                ends.append(at)
        return MappedText(self.text, starts, ends)


def _moved(offsets: range, delta: int) -> range:
    return range(offsets.start + delta, offsets.stop + delta, offsets.step)


class MappedTextBuilder:
    """Builds a MappedText piece by piece from source slices and synthetic text."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._parts: list[str] = []
        self._starts = _offsets()
        self._ends = _offsets()

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
        self._starts.extend(_offsets([source_start]) * len(text))
        self._ends.extend(_offsets([source_end]) * len(text))

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
        """The text so far; the builder starts afresh (the offsets are handed over, not copied)."""
        built = MappedText("".join(self._parts), self._starts, self._ends)
        self._reset()
        return built
