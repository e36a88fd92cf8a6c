"""The recipient as the rewrites name them: the company, the form of address for the team, and an opening
sentence built from the prospect's known facts (posts, news, report figures)."""

from __future__ import annotations

import datetime as _dt
import re

from ..prospect import Prospect
from ..signals import DATED, iter_signals, period_end
from .units import Sentence

_FACT_HEAD = re.compile(r"^(?P<head>[^:]{2,80}?):\s+(?P<content>.+)$", re.DOTALL)
_EN_VERB = re.compile(r"^(?:[a-z]+ed|opened|won|bought|grew|began|built|sold|made|took|ran|cut|hit|hired|hiring)\b")


def split_fact(fact: str) -> tuple[str | None, str | None, str]:
    """ "LinkedIn, 12 Feb 2026: hiring 40 drivers" → ("LinkedIn", "12 Feb 2026", "hiring 40 drivers")."""
    fact = fact.strip().rstrip(".")
    match = _FACT_HEAD.match(fact)
    if match is None:
        return None, None, fact
    head, content = match.group("head").strip(), match.group("content").strip()
    source, date = head, None
    if "," in head:
        first, _, rest = head.partition(",")
        if any(s.kind in DATED for s in iter_signals(rest, "en")):
            source, date = first.strip(), rest.strip()
    elif any(s.kind in ("date",) for s in iter_signals(head, "en")) and head.split()[0][:1].isdigit():
        source, date = None, head
    return source, date, content


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def display_company(prospect: Prospect) -> str | None:
    """The company as a rewrite names it: without legal form ("Northwind Freight"), else the first alias."""
    return prospect.short_company or prospect.company or (prospect.aliases[0] if prospect.aliases else None)


def best_fact(prospect: Prospect) -> tuple[str, str] | None:
    """(kind, fact): the most recent dated fact, else the first one with a figure, else the first."""
    candidates = [("post", f) for f in prospect.posts] + [("news", f) for f in prospect.news]
    candidates += [("fact", f) for f in prospect.facts]
    if not candidates:
        return None

    def recency(item: tuple[str, str]) -> tuple[_dt.date, bool]:
        dates = [period_end(s) for s in iter_signals(item[1], "en") if s.kind in DATED]
        newest = max((d for d in dates if d), default=_dt.date.min)
        return newest, any(c.isdigit() for c in item[1])

    return max(candidates, key=recency)


def fact_opener(prospect: Prospect, language: str, with_company: bool = False) -> str | None:
    """One opening sentence that quotes the best fact, in the email's language."""
    chosen = best_fact(prospect)
    if chosen is None:
        return None
    kind, fact = chosen
    source, date, content = split_fact(fact)
    company = display_company(prospect)
    if language == "de":
        if kind == "post":
            where = f"In Ihrem {source}-Beitrag" if source else "In einem Beitrag"
            text = f"{where}{f' vom {date}' if date else ''} schreiben Sie über {content}."
        elif date and source:
            text = f"{source} berichtete am {date}: {content}."
        elif source:
            text = (
                f"Laut {source} von {company}: {content}."
                if with_company and company
                else f"Ihr {source} nennt {content}."
            )
        else:
            text = (
                f"{company}: {content}." if (with_company or kind == "news") and company else f"{upper_first(content)}."
            )
        if with_company and company and company.lower() not in text.lower():
            text = f"{company}: {text}"
        return text
    if kind == "post":
        where = f"In your {source} post" if source else "In a post"
        text = f"{where}{f' of {date}' if date else ''}, you wrote about {lower_first(content)}."
    elif date and source:
        text = f"{source} reported on {date}: {content}."
    elif source:
        owner = f"{company}'s" if with_company and company else "Your"
        text = f"{owner} {source} notes {lower_first(content)}."
    elif _EN_VERB.match(lower_first(content)):
        subject = company if (with_company or kind == "news") and company else "You"
        text = f"{subject} {lower_first(content)}."
    else:
        text = f"{company}: {content}." if with_company and company else f"{upper_first(content)}."
    if with_company and company and company.lower() not in text.lower():
        text = f"At {company}: {lower_first(text)}"
    return text


def opener_rewrite(
    prospect: Prospect, language: str, opening: str, with_company: bool, lead: str
) -> tuple[str, str] | None:
    """(replacement, description): an opener built from the prospect's facts (or naming the company) put before
    the ``opening`` text; None when the prospect gives nothing to build one from."""
    opener = fact_opener(prospect, language, with_company)
    company = display_company(prospect)
    if opener is None and with_company and company:
        replacement = f"{company} – {opening.strip()}"
        describe = (
            f"Name {company} in your first line: “{replacement}”"
            if language == "en"
            else f"Nennen Sie {company} in der ersten Zeile: „{replacement}“"
        )
        return replacement, describe
    if opener is None:
        return None
    replacement = f"{opener} {upper_first(opening.strip())}"
    describe = (
        f"{lead} Open with it, then connect it to your point: “{opener}”"
        if language == "en"
        else f"{lead} Steigen Sie damit ein und verbinden Sie es mit Ihrem Anliegen: „{opener}“"
    )
    return replacement, describe


def opening_span(body: str, content: list[Sentence]) -> tuple[int, int, str]:
    """The opening (the first content sentence, and the second one in the same paragraph), where buyers look
    for proof of research; the final punctuation mark stays outside the span, so that a finding about exactly
    that sentence (with another rewrite) is still reported as well. ``content`` must not be empty."""
    first = content[0]
    last = first
    if len(content) > 1 and "\n\n" not in body[first.end_char : content[1].start_char]:
        last = content[1]
    start, end = first.start_char, last.start_char + len(last.text.rstrip())
    while end > start + 1 and body[end - 1] in ".!?…":
        end -= 1
    return start, end, body[start:end]


def team_of(language: str) -> str:
    """The recipient's team, when nothing more is known ("your team", "Ihr Team")."""
    return "Ihr Team" if language == "de" else "your team"


def reader_name(prospect: Prospect, language: str) -> str:
    """Who the reader is, for a rewrite that asks them: the prospect's company when it is known, else their team."""
    return display_company(prospect) or team_of(language)
