"""Who the email is for: one schema, filled from a file, the draft's front matter, the To: header or code.

Schema (TOML, JSON or front-matter YAML; every key optional)::

    company = "Northwind Freight GmbH"      # the prospect's company
    aliases = ["Northwind", "NWF"]          # other names for it
    domain = "northwind.example"            # its e-mail/web domain
    person = "Jana Weber"                   # the recipient
    first_name = "Jana"                     # default: first word of person
    role = "Head of Logistics"
    salutation = "Frau"                     # Frau/Herr, Ms/Mr: for "Guten Tag Frau Weber" rewrites
    facts = ["Opened a hub in Leipzig in March 2026", "Q3 2026 report: fuel surcharges +14 %"]
    posts = ["LinkedIn, 12 Feb 2026: hiring 40 drivers for the night shift"]
    news = ["Handelsblatt, 3 Mar 2026: Northwind buys Brandt Logistik"]

Facts, posts and news read best as ``"Source, date: what it says"``; the research checks quote them in
their rewrites. Front matter may also hold ``mode: draft|template`` (that file's mode, not a prospect field).
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, fields, replace
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from .analysis.legalforms import LEGAL_FORM_SUFFIX
from .analysis.names import name_words
from .config import MODES

_LIST_KEYS = ("aliases", "facts", "posts", "news")
_TEXT_KEYS = ("company", "domain", "person", "first_name", "role", "salutation")
#: Front-matter keys that are settings of the draft, not fields of the prospect.
FRONT_MATTER_SETTINGS = ("mode",)
#: Free-mail providers: an address there names a person, not a company.
FREEMAIL_PROVIDERS = frozenset(
    {"gmail", "googlemail", "outlook", "hotmail", "live", "yahoo", "gmx", "web", "t-online", "icloud", "me", "aol"}
    | {"proton", "protonmail"}
)


class ProspectError(ValueError):
    """A prospect file or value that does not fit the schema."""


@dataclass(frozen=True, slots=True)
class Prospect:
    """What is known about the recipient; empty fields mean unknown."""

    company: str | None = None
    aliases: tuple[str, ...] = ()
    domain: str | None = None
    person: str | None = None
    first_name: str | None = None
    role: str | None = None
    facts: tuple[str, ...] = ()
    posts: tuple[str, ...] = ()
    news: tuple[str, ...] = ()
    salutation: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.company
            or self.aliases
            or self.domain
            or self.person
            or self.first_name
            or self.role
            or self.facts
            or self.posts
            or self.news
            or self.salutation
        )  # spelled out: asked several times per email, and dataclasses.fields() is slow

    @property
    def company_names(self) -> tuple[str, ...]:
        """The company and its aliases, longest first."""
        names = [n for n in (self.company, *self.aliases) if n]
        return tuple(sorted(dict.fromkeys(names), key=len, reverse=True))

    @property
    def short_company(self) -> str | None:
        """The company without its legal form: "Northwind Freight GmbH" → "Northwind Freight"."""
        if not self.company:
            return None
        return LEGAL_FORM_SUFFIX.sub("", self.company).strip() or self.company

    @property
    def surname(self) -> str | None:
        """The last word of ``person`` that is not a title ("Dr. Jana Weber" → "Weber")."""
        words = name_words(self.person or "")
        return words[-1] if len(words) >= 2 else None

    @property
    def all_facts(self) -> tuple[str, ...]:
        return self.facts + self.posts + self.news

    @property
    def names(self) -> tuple[str, ...]:
        """Every proper name the prospect data mentions (for spelling)."""
        return tuple(n for n in (*self.company_names, self.person or "", self.first_name or "") if n)

    def merged_over(self, fallback: Prospect) -> Prospect:
        """This prospect, with gaps filled from ``fallback``."""
        values = {}
        for item in fields(self):
            mine = getattr(self, item.name)
            values[item.name] = mine if mine else getattr(fallback, item.name)
        return Prospect(**values)


def from_mapping(data: dict[str, Any], where: str = "prospect") -> Prospect:
    """Validate a mapping against the schema."""
    if not isinstance(data, dict):
        raise ProspectError(f"{where}: must be a table/object of prospect fields")
    unknown = set(data) - set(_LIST_KEYS) - set(_TEXT_KEYS)
    if unknown:
        raise ProspectError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for key in _TEXT_KEYS:
        if data.get(key) is not None:
            if not isinstance(data[key], str | int | float):
                raise ProspectError(f"{where}: '{key}' must be text")
            values[key] = str(data[key]).strip() or None
    for key in _LIST_KEYS:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
            raise ProspectError(f"{where}: '{key}' must be a list of text")
        values[key] = tuple(str(v).strip() for v in value if str(v).strip())
    prospect = Prospect(**values)
    if prospect.person and not prospect.first_name:
        prospect = replace(prospect, first_name=_first_name(prospect.person))
    return prospect


def _first_name(person: str) -> str | None:
    """The first word of a name that is not a title ("Dr. Jana Weber" → "Jana")."""
    words = name_words(person)
    return words[0] if words else None


def load_prospect(path: Path) -> Prospect:
    """Read a TOML or JSON prospect file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProspectError(f"{path}: cannot read ({exc.strerror})") from None
    is_json = path.suffix.lower() == ".json"
    try:
        data = json.loads(raw) if is_json else tomllib.loads(raw.decode("utf-8"))
    except (json.JSONDecodeError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProspectError(f"{path}: not valid {'JSON' if is_json else 'TOML'}: {exc}") from None
    return from_mapping(data, str(path))


def from_to_header(value: str | None) -> Prospect:
    """``Jana Weber <jana.weber@northwind.example>`` → person Jana Weber, domain, company alias Northwind."""
    if not value:
        return Prospect()
    addresses = [(name, address) for name, address in getaddresses([value]) if "@" in address]
    if not addresses:
        return Prospect()
    name, address = addresses[0]
    domain = address.rpartition("@")[2].lower() or None
    aliases: tuple[str, ...] = ()
    if domain:
        label = domain.split(".")[0]
        if label not in FREEMAIL_PROVIDERS:
            aliases = (" ".join(part.capitalize() for part in re.split(r"[-_]", label) if part),)
    person = name.strip() or None
    first = _first_name(person) if person else None
    return Prospect(aliases=aliases, domain=domain if aliases else None, person=person, first_name=first)


def resolve(explicit: Prospect | None, front_matter: dict[str, Any], to_header: str | None) -> Prospect:
    """Explicit data (library call or --prospect) wins, then the draft's front matter, then the To: header."""
    result = explicit or Prospect()
    if front_matter:
        mode = front_matter.get("mode")
        if mode is not None and mode not in MODES:
            raise ProspectError('front matter: mode must be "draft" or "template"')
        fields_only = {k: v for k, v in front_matter.items() if k not in FRONT_MATTER_SETTINGS}
        result = result.merged_over(from_mapping(fields_only, "front matter"))
    return result.merged_over(from_to_header(to_header))


__all__ = ["Prospect", "ProspectError", "from_mapping", "from_to_header", "load_prospect", "resolve"]
