"""Merge-field syntaxes of the mail tools reps use (placeholders that are filled in when the email is sent).

``MERGE_FIELD`` finds every placeholder the domain notes list (the speller skips them); ``find_merge_fields``
says which syntax each one is, its field name and its fallback value; ``find_broken`` finds placeholders
whose syntax is broken (a missing brace, pipe or asterisk) and the repaired form.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

#: Words that are field names when written «Like_This», <LIKE_THIS>, @like_this (besides CamelCase/underscores).
KNOWN_FIELD_WORDS = frozenset(
    {
        "name",
        "firstname",
        "lastname",
        "fullname",
        "fname",
        "lname",
        "company",
        "companyname",
        "email",
        "title",
        "salutation",
        "position",
        "city",
        "vorname",
        "nachname",
        "firma",
        "unternehmen",
        "anrede",
        "briefanrede",
        "titel",
        "funktion",
        "ort",
        "stadt",
        "branche",
        "firmenname",
        "url",
        "website",
        "webseite",
        "link",
        "phone",
        "telefon",
        "telefonnummer",
        "role",
        "rolle",
        "industry",
        "industrie",
        "domain",
        "sender",
        "sendername",
        "absender",
        "yourname",
        "ihrname",
        "deinname",
        "date",
        "datum",
        "product",
        "produkt",
        "jobtitle",
        "country",
        "land",
    }
)
_GMAIL_FIELDS = frozenset({"firstname", "lastname", "fullname", "email", "company"})
_TAG_WORDS = frozenset({"EXTERNAL", "EXTERN", "EXT", "SPAM", "WARNING", "CAUTION", "ACHTUNG", "SECURE", "ENCRYPT"})
_ANGLE_STOP = frozenset({"EOM", "EOD", "EOT", "NRN", "NT"})

_SYNTAXES = (
    ("lightning", r"\{\{\{[^{}\n]{1,80}\}\}\}"),  # Salesforce Lightning {{{Recipient.FirstName}}}
    ("curly", r"\{\{[^{}\n]{1,120}\}\}"),  # {{first_name}}, {{ contact.firstname }}, {{#if …}}, Marketo {{lead.…}}
    ("jinja", r"\{%[^{}\n]{1,120}%\}|\{#[^{}\n]{1,120}#\}"),  # Jinja statements and comments
    ("salesforce", r"\{![^{}\n]{1,80}\}"),  # Salesforce Classic {!Contact.FirstName}
    ("mautic", r"\{contactfield=[^{}\n]{1,60}\}"),  # Mautic {contactfield=firstname}
    ("mailchimp", r"\*\|[A-Z0-9_:]{1,40}(?:\|[^|*\n]{0,40})?\|\*"),  # *|FNAME|*, *|FNAME|Friend|*
    ("missing-token", r"\[\[\s*MISSING[ _]TOKEN[^\[\]\n]{0,80}\]\]"),  # HubSpot [[MISSING TOKEN - …]]
    ("double-bracket", r"\[\[[^\[\]\n]{1,80}\]\]"),  # [[first_name]]
    ("word", r"«[^«»\n]{1,40}»"),  # Word «FirstName»
    ("percent", r"%[A-Za-z_][A-Za-z0-9_.]{0,40}%"),  # %first_name%
    ("dollar", r"\$[A-Za-z_][A-Za-z0-9_]{0,40}\$"),  # $name$
    ("dollar-var", r"\$[a-z][a-z0-9_]{1,40}\b(?![$(])"),  # $first_name, $company
    ("double-angle", r"<<[A-Za-zÄÖÜäöü][A-Za-z0-9ÄÖÜäöüß_. -]{0,40}>>"),  # <<First Name>>, <<Firmenname>>
    ("angle", r"<[A-Z][A-Z0-9_]{1,40}>"),  # <FIRST_NAME>
    (
        "bracket",
        r"\[[A-ZÄÖÜ][A-Za-zÄÖÜäöüß_-]*(?: [A-Za-zÄÖÜäöüß_-]+){0,4}\](?!\()",
    ),  # [First Name], [Company], [Vorname], [Firma]
    ("spintax", r"\{(?<!\{\{)[^{}|\n:'\"=]{1,60}(?:\|[^{}|\n:'\"=]{0,60})+\}(?!\})"),  # spintax {Hi|Hello}
    ("gmail", r"@(?<![\w@.]@)[a-z][a-z_]{1,30}\b(?![.@]\w)"),  # Gmail mail merge @firstname
    ("single-curly", r"(?<![{$])\{[A-Za-zÄÖÜäöü][A-Za-z0-9ÄÖÜäöüß_. -]{1,40}\}(?!\})"),  # {FirstName}, {Company Name}
)

#: One pattern per syntax family; together they find every placeholder the domain notes list. Every branch
#: starts with a literal character, so the regular-expression engine jumps from candidate to candidate
#: (``MERGE_FIELD.finditer`` is fast on prose); ``_TYPED`` names the syntax of a match.
MERGE_FIELD = re.compile("|".join(pattern for _, pattern in _SYNTAXES))
_TYPED = re.compile("|".join(f"(?P<{name.replace('-', '_')}>{pattern})" for name, pattern in _SYNTAXES))
#: A cheap test whether a text can hold a placeholder at all.
MERGE_HINT = re.compile(r"[{*\[«%$<@]")


def _matches(text: str) -> list[re.Match[str]]:
    """Placeholders with their syntax (``match.lastgroup``)."""
    return [_TYPED.match(text, match.start()) for match in MERGE_FIELD.finditer(text)]  # type: ignore[misc]


def merge_field_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the placeholders in ``text``."""
    return [match.span() for match in MERGE_FIELD.finditer(text)]


@dataclass(frozen=True, slots=True)
class MergeField:
    """One placeholder: where it is, which tool syntax, the field it names and its fallback (if any)."""

    start: int
    end: int
    text: str
    syntax: str
    name: str
    fallback: str | None = None
    control: bool = False  # {{#if x}}, {{/if}}, {{else}}, {% if %}: logic, not a value

    @property
    def key(self) -> str:
        """The field name compared case- and separator-insensitively: first_name = firstName = First Name."""
        return normalise(self.name)


def normalise(name: str) -> str:
    return re.sub(r"[^0-9a-zäöüß.]", "", name.lower())


_FALLBACK = re.compile(
    r"\|\s*default\s*(?::\s*|\(\s*)(?P<q>['\"])(?P<value>[^'\"]*)(?P=q)"  # | default: 'x', |default('x')
    r"|\s+or\s+(?P<q2>['\"])(?P<value2>[^'\"]*)(?P=q2)"  # {{ first_name or 'there' }}
    r"|\s*\?\?\s*(?P<q3>['\"])(?P<value3>[^'\"]*)(?P=q3)"  # {{ first_name ?? 'there' }}
    r"|:default=(?P<value4>[^}]*)",  # Marketo {{lead.First Name:default=there}}
    re.IGNORECASE,
)
_CONTROL_WORDS = frozenset({"else", "end", "endif", "endfor", "endunless", "endeach", "raw", "endraw"})


def _parse_curly(inner: str) -> tuple[str, str | None, bool]:
    inner = inner.strip()
    if inner[:1] in "#/^" or inner.split(" ", 1)[0].lower() in _CONTROL_WORDS:
        words = inner.lstrip("#/^").split()
        name = words[1] if len(words) > 1 and words[0].lower() in ("if", "unless", "each", "with") else ""
        return name, None, True
    fallback_match = _FALLBACK.search(inner)
    fallback = None
    if fallback_match:
        fallback = next(v for v in fallback_match.group("value", "value2", "value3", "value4") if v is not None)
    name = re.split(r"\||:default=|\s+or\s+|\?\?", inner, maxsplit=1)[0].strip()
    if "|" in inner and fallback is None:
        # A filter with a literal argument also gives a value when the field is empty: {{first_name|there}}
        rest = inner.split("|", 1)[1].strip()
        if rest and not re.match(r"[a-z_]+\s*(?:[:(]|$)", rest):
            fallback = rest.strip("'\"")
    return name, fallback, False


def _classify(syntax: str, text: str) -> MergeField | None:
    name, fallback, control = "", None, False
    if syntax == "lightning":
        name = text[3:-3].strip()
    elif syntax == "curly":
        name, fallback, control = _parse_curly(text[2:-2])
    elif syntax == "jinja":
        inner = text[2:-2].strip()
        words = inner.split()
        name = words[1] if len(words) > 1 and words[0] in ("if", "for", "elif") else ""
        control = True
    elif syntax == "salesforce":
        inner = text[2:-1].strip()
        formula = re.match(r"(?i)(?:BLANKVALUE|NULLVALUE|IF)\s*\((?P<args>.*)\)$", inner)
        if formula:
            args = [a.strip() for a in formula.group("args").split(",")]
            name = re.sub(r"(?i)^ISBLANK\(|\)$", "", args[0]).strip()
            literals = [a.strip("'\"") for a in args[1:] if a[:1] in "'\""]
            fallback = literals[0] if literals else ""
        else:
            name = inner
    elif syntax == "mautic":
        inner = text[len("{contactfield=") : -1]
        name, _, rest = inner.partition("|")
        fallback = rest if rest else None
    elif syntax == "mailchimp":
        parts = text[2:-2].split("|")
        name = parts[0]
        fallback = parts[1] if len(parts) > 1 else None
    elif syntax == "missing-token":
        name = text[2:-2].split("-", 1)[-1].strip() if "-" in text else ""
    elif syntax == "double-bracket":
        name = text[2:-2].strip()
    elif syntax == "word":
        name = text[1:-1].strip()
        if " " in name or not (_camel_or_underscore(name) or normalise(name) in KNOWN_FIELD_WORDS):
            return None  # «Digitalisierung» is a quotation, not a Word merge field
    elif syntax in ("percent", "dollar"):
        name = text[1:-1]
    elif syntax == "dollar-var":
        name = text[1:]
        if not ("_" in name or normalise(name) in KNOWN_FIELD_WORDS):
            return None  # $ref in a code snippet, not a mail-merge variable
    elif syntax in ("double-angle", "single-curly"):
        width = 2 if syntax == "double-angle" else 1
        name = text[width:-width].strip()
        plausible = _camel_or_underscore(name) or normalise(name) in KNOWN_FIELD_WORDS or name[:1].isupper()
        if not plausible or len(name.split()) > 4:
            return None  # {x} or {value} in a code snippet
    elif syntax == "angle":
        name = text[1:-1]
        if name in _ANGLE_STOP or not ("_" in name or normalise(name) in KNOWN_FIELD_WORDS):
            return None
    elif syntax == "bracket":
        name = text[1:-1].strip()
        if name.upper() == name and name.upper() in _TAG_WORDS:
            return None
    elif syntax == "spintax":
        name = ""
        control = False
    elif syntax == "gmail":
        name = text[1:]
        if normalise(name) not in _GMAIL_FIELDS and normalise(name).replace("_", "") not in _GMAIL_FIELDS:
            return None  # a social handle such as @northwind, not a Gmail merge tag
    return MergeField(0, 0, text, syntax, name, fallback, control)


def _camel_or_underscore(name: str) -> bool:
    return "_" in name or bool(re.search(r"[a-zäöü][A-ZÄÖÜ]", name))


def find_merge_fields(text: str, known: Collection[str] = frozenset()) -> list[MergeField]:
    """Every placeholder in ``text`` with its syntax, field name and fallback.

    ``known`` (normalised names, e.g. from the ``merge-fields`` option) also makes ``@name`` and ``«Name»``
    count as placeholders."""
    fields = []
    for match in _matches(text):
        syntax = match.lastgroup.replace("_", "-") if match.lastgroup else "curly"
        value = match.group(0)
        field = _classify(syntax, value)
        if field is None and syntax in ("gmail", "word", "angle") and normalise(value.strip("@«»<>")) in known:
            field = MergeField(0, 0, value, syntax, value.strip("@«»<>"))
        if field is None or in_code(text, match.start(), match.end()):
            continue
        fields.append(
            MergeField(match.start(), match.end(), value, field.syntax, field.name, field.fallback, field.control)
        )
    return fields


#: A line of code quoted in a technical email: an HTTP request, JSON, YAML, markup, an indented block.
_CODE_LINE = re.compile(
    r"^(?:[ \t]{4,}|\t|[ \t]*(?:GET|POST|PUT|PATCH|DELETE|HEAD)[ \t]+/|[ \t]*[{\[]?\"[\w.-]+\"[ \t]*:|"
    r"[ \t]*-[ \t]+[\w.-]+:[ \t]|[ \t]*<[a-zA-Z/!])"
)


def in_code(text: str, start: int, end: int) -> bool:
    """Whether a placeholder-like token stands in code rather than in prose: a URL path template
    (``/v2/customers/{customer_id}/``), a shell or CI expression (``${{ secrets.TOKEN }}``), a token inside
    backticks, or a line of code (``_CODE_LINE``)."""
    before = text[start - 1 : start]
    after = text[end : end + 1]
    if before in ("/", "$") or after == "/":
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    if text[line_start:start].count("`") % 2 == 1:
        return True
    return bool(_CODE_LINE.match(line))


@dataclass(frozen=True, slots=True)
class BrokenField:
    """A placeholder with broken syntax, and the repaired text when it can be inferred."""

    start: int
    end: int
    text: str
    problem: str
    repaired: str | None


_BROKEN = (
    # {{{Recipient.FirstName}} / {{Recipient.FirstName}}}: one brace short for Lightning
    (re.compile(r"\{\{\{\s*[\w. ]{1,60}?\s*\}\}(?!\})"), "one closing brace missing", lambda t: t + "}"),
    (re.compile(r"(?<!\{)\{\{\s*[\w. ]{1,60}?\s*\}\}\}"), "one opening brace missing", lambda t: "{" + t),
    # {{first_name} / {first_name}}
    (re.compile(r"(?<!\{)\{\{(?!\{)[^{}\n]{1,80}?\}(?!\})"), "closing brace missing", lambda t: t + "}"),
    (
        re.compile(r"(?<![{\w])\{(?![{!%#])\s*[A-Za-z_][\w.]{0,60}\s*\}\}(?!\})"),
        "opening brace missing",
        lambda t: "{" + t,
    ),
    # {{first_name without any closing braces on the line
    (
        re.compile(r"(?<!\{)\{\{(?!\{)\s*[#/]?[A-Za-z_][\w.]{0,60}(?![\w.]*\s*\}|[\w.])"),
        "closing braces missing",
        lambda t: t + "}}",
    ),
    # first_name}} without opening braces
    (
        re.compile(r"(?<![{\w.])(?<!\{ )[A-Za-z_][\w.]{0,60}\s*\}\}(?!\})"),
        "opening braces missing",
        lambda t: "{{" + t,
    ),
    # Salesforce {!Contact.FirstName without }
    (re.compile(r"\{![A-Za-z_][\w.]{0,60}(?![\w.]|\s*\})"), "closing brace missing", lambda t: t + "}"),
    # Mautic {contactfield=firstname without }
    (re.compile(r"\{contactfield=[\w]{1,60}(?![\w|]|\s*\})"), "closing brace missing", lambda t: t + "}"),
    # Mailchimp *|FNAME| / |FNAME|* / *|FNAME / FNAME|*
    (re.compile(r"\*\|[A-Z0-9_:]{1,40}\|(?!\*)(?![^|*\n]{0,40}\|\*)"), "closing asterisk missing", lambda t: t + "*"),
    (re.compile(r"(?<![*\w|])\|[A-Z0-9_:]{1,40}\|\*"), "opening asterisk missing", lambda t: "*" + t),
    (re.compile(r"\*\|[A-Z0-9_:]{1,40}(?![A-Z0-9_:|])"), "closing '|*' missing", lambda t: t + "|*"),
    (re.compile(r"(?<![*|\w])[A-Z0-9_]{2,40}\|\*"), "opening '*|' missing", lambda t: "*|" + t),
    # [[MISSING TOKEN … / «FirstName / spintax {Hi|Hello without }
    (re.compile(r"\{[\w ]{1,30}(?:\|[\w ]{1,30})+(?![\w |]*\})"), "closing brace missing", lambda t: t + "}"),
)


def find_broken(text: str, valid: list[MergeField]) -> list[BrokenField]:
    """Broken placeholders outside the valid ones, and unbalanced {{#if}}…{{/if}} / {% if %}…{% endif %}."""
    if "{" not in text and "}" not in text and "*|" not in text and "|*" not in text:
        return []
    masked = _mask(text, valid)
    # Characters already reported: a mark per character keeps the overlap tests linear in the text's length.
    taken = bytearray(len(text))
    found: list[BrokenField] = []

    def take(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)

    for pattern, problem, repair in _BROKEN:
        for match in pattern.finditer(masked):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            take(start, end)
            found.append(BrokenField(start, end, text[start:end], problem, repair(text[start:end])))
    # A stray brace right next to a valid placeholder: {{{Recipient.FirstName}} read as "{" + {{…}}.
    for field in valid:
        before = field.start - 1
        if before >= 0 and masked[before] == "{" and not taken[before]:
            take(before, field.end)
            found.append(
                BrokenField(
                    before, field.end, text[before : field.end], "unbalanced braces", text[before : field.end] + "}"
                )
            )
        after = field.end
        if after < len(masked) and masked[after] == "}" and not taken[after]:
            take(field.start, after + 1)
            found.append(
                BrokenField(
                    field.start,
                    after + 1,
                    text[field.start : after + 1],
                    "unbalanced braces",
                    "{" + text[field.start : after + 1],
                )
            )
    found.extend(_unbalanced_blocks(valid))
    return sorted(found, key=lambda b: b.start)


def _mask(text: str, fields: list[MergeField]) -> str:
    """``text`` with the characters of ``fields`` replaced by NUL (same length, so offsets stay)."""
    pieces: list[str] = []
    position = 0
    for field in sorted(fields, key=lambda f: f.start):
        start = max(field.start, position)
        if field.end <= start:
            continue
        pieces.append(text[position:start])
        pieces.append("\x00" * (field.end - start))
        position = field.end
    pieces.append(text[position:])
    return "".join(pieces)


_OPENERS = {"if": "if", "unless": "unless", "each": "each", "with": "with", "for": "for"}


def _unbalanced_blocks(fields: list[MergeField]) -> list[BrokenField]:
    """{{#if x}} without {{/if}} (Handlebars) and {% if %} without {% endif %} (Jinja)."""
    stack: list[tuple[str, MergeField]] = []
    problems: list[BrokenField] = []
    for field in (f for f in fields if f.control):
        inner = field.text[2:-2].strip()
        word = inner.lstrip("#/^").split(" ", 1)[0].lower() if inner else ""
        if field.syntax == "curly" and inner.startswith("#") and word in _OPENERS:
            stack.append((word, field))
        elif field.syntax == "curly" and inner.startswith("/"):
            if stack and stack[-1][0] == word:
                stack.pop()
            else:
                problems.append(
                    BrokenField(field.start, field.end, field.text, f"'{{{{/{word}}}}}' closes no block", "")
                )
        elif field.syntax == "jinja" and field.text.startswith("{%"):
            if word in ("if", "for"):
                stack.append((word, field))
            elif word in ("endif", "endfor"):
                if stack and stack[-1][0] == word[3:]:
                    stack.pop()
                else:
                    problems.append(BrokenField(field.start, field.end, field.text, f"'{word}' closes no block", ""))
    for word, field in stack:
        closer = "{{/" + word + "}}" if field.syntax == "curly" else "{% end" + word + " %}"
        problems.append(BrokenField(field.start, field.end, field.text, f"block is never closed with {closer}", None))
    return problems


__all__ = [
    "KNOWN_FIELD_WORDS",
    "MERGE_FIELD",
    "MERGE_HINT",
    "BrokenField",
    "MergeField",
    "find_broken",
    "find_merge_fields",
    "merge_field_spans",
    "normalise",
]
