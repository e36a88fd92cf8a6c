"""Merge-field syntaxes of the mail tools reps use (placeholders that are filled in when the email is sent)."""

from __future__ import annotations

import re

#: One pattern per syntax family; together they find every placeholder the domain notes list.
MERGE_FIELD = re.compile(
    r"\{\{\{[^{}]{1,80}\}\}\}"  # Salesforce Lightning {{{Recipient.FirstName}}}
    r"|\{\{[^{}]{1,120}\}\}"  # {{first_name}}, {{ contact.firstname }}, {{#if …}}, Marketo {{lead.First Name}}
    r"|\{![^{}]{1,80}\}"  # Salesforce {!Contact.FirstName}
    r"|\{contactfield=[^{}]{1,60}\}"  # Mautic
    r"|\*\|[A-Z0-9_:]{1,40}(?:\|[^|*]{0,40})?\|\*"  # Mailchimp *|FNAME|*, *|FNAME|Friend|*
    r"|\[\[[^\[\]]{1,80}\]\]"  # HubSpot [[MISSING TOKEN - …]]
    r"|«[^«»]{1,40}»"  # Word «FirstName»
    r"|%[A-Za-z_][A-Za-z0-9_.]{0,40}%"  # %first_name%
    r"|\$[A-Za-z_][A-Za-z0-9_]{0,40}\$"  # $name$
    r"|<[A-Z][A-Z0-9_]{1,40}>"  # <FIRST_NAME>
    r"|\[(?:[A-Z][\w-]*)(?: [A-Z][\w-]*){0,3}\]"  # [First Name], [Company], [Vorname], [Firma]
    r"|(?<![\w@.])@[a-z][a-z_]{1,30}\b(?![.@]\w)",  # Gmail mail merge @firstname
)


def merge_field_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the placeholders in ``text``."""
    return [match.span() for match in MERGE_FIELD.finditer(text)]
