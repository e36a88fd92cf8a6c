"""The sender's signature of one email: its text, and the same as a unit of its own (so that findings in it map
back to the source), with what it says about the sender's company."""

from __future__ import annotations

from spacy.tokens import Doc

from ..document import Document
from .lazy import lazy
from .signature_details import SignatureInfo, analyse_signature
from .signoff import long_sign_off_start
from .units import Unit


class Signature:
    """Where ``analysis.signoff`` finds the signature. ``text`` is the signature region the parser cut off the
    body; ``unit`` is that region in the full body (merged where HTML markup and a sign-off both mark one),
    else a sign-off block the region finder does not reach (German signatures with address, contact lines
    and Pflichtangaben often are that long)."""

    def __init__(self, document: Document, body: Unit) -> None:
        self.document = document
        self.body = body
        self.text = document.signature

    @lazy
    def unit(self) -> Unit | None:
        """The signature as a unit, or None when the email has none."""
        span = self._region_span()
        if span is not None:
            return Unit("signature", self.document.full_body.slice(*span), Doc(self.body.doc.vocab))
        start = long_sign_off_start(self.body.text)
        if start is None:
            return None
        return Unit("signature", self.body.mapped.slice(start, len(self.body.text)), Doc(self.body.doc.vocab))

    @lazy
    def detached(self) -> bool:
        """Whether the parser cut the signature off the body (its text is not part of the body unit)."""
        return self._region_span() is not None

    @lazy
    def details(self) -> SignatureInfo:
        """What the signature says about the sender's company (empty without a signature)."""
        unit = self.unit
        return analyse_signature(unit.text) if unit is not None else SignatureInfo()

    def _region_span(self) -> tuple[int, int] | None:
        """The signature regions' range in the full body (the last one, with the ones that overlap it)."""
        full = self.document.full_body
        spans: list[tuple[int, int]] = []
        for region in self.document.regions:
            if region.kind != "signature" or not region.text.strip():
                continue
            pos = full.text.find(region.text)
            while pos != -1 and full.source_span(pos, pos + len(region.text))[0] != region.start:
                pos = full.text.find(region.text, pos + 1)
            if pos != -1:
                spans.append((pos, pos + len(region.text)))
        if not spans:
            return None
        spans.sort()
        start, end = spans[-1]
        for other_start, other_end in reversed(spans[:-1]):
            if other_end >= start:
                start, end = min(start, other_start), max(end, other_end)
        return start, end
