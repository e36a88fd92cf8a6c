"""Compliance: what German company law and the anti-spam laws ask of an outreach email.

CO001  German Pflichtangaben missing from a signature that names a legal form (§35a GmbHG, §80 AktG,
       §§37a, 125, 177a HGB, §7 PartGG): one finding per email listing every missing detail.
CO002  The same, when the signature points to an imprint link instead (the link is not enough).
CO003  No objection / opt-out line (de: §7 UWG, eu: ePrivacy Directive, us: CAN-SPAM).
CO004  No postal address (us: CAN-SPAM).
CO005  No visible sender identity: full name and company.
CO006  Leadership, superlative and guarantee claims with a legal risk, while the rules that find them are off.

``pflichtangaben`` (CO001, CO002), ``optout`` (CO003–CO005) and ``claims`` (CO006) say when each runs; which
law applies is ``analysis.jurisdiction``, the legal tables are ``outreach_lint/data/*.toml``.
"""

# The checks register, and run, in the order of their codes.
# isort: off
from . import pflichtangaben, optout, claims  # noqa: F401
