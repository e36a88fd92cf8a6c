"""RS005 (research): fake personalisation, a compliment with no specific reference."""

from __future__ import annotations

import bisect
import re

from ...analysis.context import CheckContext, RawFinding
from ...analysis.recipient import fact_opener
from ...analysis.research import RESEARCH_FIELD, Research, is_deadline
from ...analysis.units import sentence_span
from ...factmatch import mentions_fact, text_keys
from ...rulepack import RuleMeta
from ...signals import company_names, iter_signals, word_set
from ..base import suggestion
from ..registry import register

_COMPLIMENT = {
    "en": re.compile(
        r"(?:\bI (?:really |truly |just |absolutely )?|^|(?<=[.!?] ))(?:love|loved|loving|admire|like|liked|enjoy|"
        r"enjoyed) (?:what|how) (?:you|your team|y'all)(?:'re| are| is| have been|'ve been| has been| guys are)? ?"
        r"(?:doing|building|built|do|achieved|accomplished|creating|working on)\b"
        r"|\bI(?:'m| am| was) (?:really |very |so |truly |deeply )?(?:impressed|amazed|inspired) (?:by|with) "
        r"(?:your|what you|you|the work|all)\b"
        r"|\byour (?:company|team|work|growth|success|journey|profile|website|product|mission|story|content|posts?|"
        r"achievements?|career|background|business|brand)(?: \w+)? (?:is|are|has been|have been|looks?|seems?) "
        r"(?:really |very |so |truly |quite )?(?:impressive|amazing|great|inspiring|fantastic|awesome|incredible|"
        r"remarkable|exciting)\b"
        r"|\b(?:congrats|congratulations|kudos) on (?:all )?(?:your|the) (?:(?:recent|continued|amazing|great|"
        r"incredible) )?(?:success|growth|achievements?|great work|progress|journey|momentum)\b"
        r"|\bI noticed (?:that )?you(?:'re| are) (?:the |a |an )?(?:[\w-]+ ){0,3}(?:CEO|CFO|COO|CTO|CIO|"
        r"founder|co-founder|head|VP|director|manager|owner|leader|lead|partner)\b"
        r"|\b(?:big|huge) fan of (?:your|what you)\b"
        r"|\bI(?:'ve| have) been following (?:you|your)\b"
        r"|\bimpressive (?:work|growth|company|results|profile|journey|track record)\b"
        r"|\byour profile (?:caught|stood out|grabbed)\b"
        r"|\b(?:came|come|stumbled|stumble) across your (?:LinkedIn )?(?:profile|company|website|site|page|"
        r"business|firm)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"\bich finde (?:es )?(?:echt |wirklich |sehr |total |richtig |einfach |super |extrem )?(?:stark|toll|"
        r"beeindruckend|klasse|super|großartig|spannend|genial|cool|inspirierend|bemerkenswert|klasse),? (?:was|wie) "
        r"(?:ihr|du|Sie)\b"
        r"|\b(?:Ihr|Ihre|Dein|Deine|Euer|Eure) (?:Unternehmen|Firma|Team|Arbeit|Profil|Werdegang|Erfolg|Wachstum|"
        r"Website|Webseite|Produkt|"
        r"Geschichte|Entwicklung|LinkedIn-Profil)(?: \w+)? (?:hat|haben) mich (?:sehr |wirklich |echt |total |tief )?"
        r"(?:beeindruckt|begeistert|überzeugt|inspiriert|angesprochen)"
        r"|\bich bin (?:sehr |wirklich |echt |total )?(?:beeindruckt|begeistert) (?:von|vom|über)\b"
        r"|\b(?:Ihr|Ihre|Dein|Deine|Euer|Eure) (?:Unternehmen|Firma|Team|Arbeit|Profil|Werdegang|Erfolg|Wachstum|"
        r"Entwicklung)(?: \w+)? "
        r"(?:ist|sind|wirkt|klingt) (?:sehr |wirklich |echt |äußerst )?(?:beeindruckend|spannend|inspirierend|toll|"
        r"großartig|faszinierend|interessant)\b"
        r"|\bich verfolge (?:Ihr Unternehmen|Ihre Arbeit|Sie|Ihre Entwicklung|Ihren Werdegang|euch|dich|eure Arbeit|"
        r"deine Arbeit|euer Unternehmen|dein Unternehmen) (?:schon |bereits )?"
        r"(?:länger|eine Weile|seit einiger Zeit|seit längerem|mit Interesse|mit großem Interesse)\b"
        r"|\b(?:herzlichen )?Glückwunsch zu (?:Ihrem|Ihren|dem|deinem|deinen|eurem|euren) (?:Erfolg|Wachstum|"
        r"Erfolgen)\b"
        r"|\bmir ist aufgefallen, dass (?:Sie|du) (?:der |die )?(?:Geschäftsführer|Geschäftsführerin|CEO|Gründer|"
        r"Gründerin|Leiter|Leiterin|Inhaber|Inhaberin|Vorstand)\b"
        r"|\b(?:spannendes|beeindruckendes|tolles|interessantes) Unternehmen\b"
        r"|\bich bin (?:\w+ ){0,4}auf (?:Ihr|Ihre|Ihren|dein|deine|deinen|euer|eure|euren) (?:Unternehmen|Firma|"
        r"Profil|LinkedIn-Profil|Website|"
        r"Webseite|Homepage) (?:aufmerksam|gestoßen)"
        r"|\b(?:großartige|tolle|beeindruckende) Arbeit\b",
        re.IGNORECASE,
    ),
}
#: Words without which none of the compliment patterns can match (checked on the token set first).
_COMPLIMENT_WORDS = word_set(
    """love loved admire impressed impressive amazed inspired congrats congratulations kudos noticed fan
    following caught stood across beeindruckt beeindruckend begeistert glückwunsch verfolge aufgefallen spannend
    spannendes großartig großartige aufmerksam gestoßen tolle tolles toll inspirierend inspiriert faszinierend
    überzeugt angesprochen interessantes beeindruckendes loving finde"""
)


def _detail_after(ctx: CheckContext, found: Research, start: int, stop: int) -> bool:
    """Whether a specific detail about the recipient stands between ``start`` and ``stop``."""
    text = ctx.body.text
    fields = found.fields
    first = bisect.bisect_left(found.field_starts, start)
    for item in fields[first : bisect.bisect_left(found.field_starts, stop)]:
        if item.name and RESEARCH_FIELD.search(item.name):
            return True
    if ctx.prospect.all_facts:
        keys = text_keys(text[start:stop])
        if any(mentions_fact(f, keys) for f in ctx.prospect.all_facts):
            return True
    own = {n.lower() for n in company_names(ctx.prospect)}
    own |= {n.lower() for n in (ctx.prospect.person, ctx.prospect.first_name, ctx.prospect.surname) if n}
    content = found.content
    for sentence in content[bisect.bisect_right(found.content_ends, start) :]:
        if sentence.start_char >= stop:
            break
        window = text[max(start, sentence.start_char) : min(stop, sentence.end_char)]
        for signal in iter_signals(window, ctx.language):
            # "… the HR lead at Calder Group": the company slot of the compliment is no reference
            slot = re.search(r"(?:\bat|\bof|\bbei|\bvon|\bfor)\s+$", window[max(0, signal.start - 6) : signal.start])
            if slot and signal.kind == "name" and max(start, sentence.start_char) + signal.start - start < 30:
                continue
            if signal.text.lower() not in own and found.counts(signal, sentence) and not is_deadline(window, signal):
                return True
    return False


#: A slot for what the rep actually saw, in place of the compliment.
_DETAIL_SLOT = {
    "en": "[what you saw at their company, with a date or a number]",
    "de": "[was Sie beim Empfänger konkret gesehen haben, mit Datum oder Zahl]",
}
#: A compliment that only states the reader's job ("I noticed you're the Head of Operations at …").
_JOB_TITLE = re.compile(
    r"\b(?:you're|you are|Sie sind|Sie als|du bist)\b(?:\s+\w+){0,2}\s+(?:head|chief|ceo|cfo|coo|cto|vp|"
    r"director|manager|lead|founder|owner|leiter|leiterin|geschäftsführer|geschäftsführerin|gründer|gründerin|"
    r"inhaber|inhaberin|vorstand)",
    re.IGNORECASE,
)
_TITLE_MESSAGE = "Fake personalisation: their job title is no specific reference"


@register(
    code="RS005",
    details=(
        "A compliment ('Love what your team is doing', 'Ich finde es stark, was ihr macht') or 'I noticed"
        " you're the CEO'/'Ihr Unternehmen hat mich beeindruckt' counts as fake when the rest of its "
        "sentence and the next sentence hold no specific detail (see RS001); the company slot of the "
        "compliment ('… at Calder Group') and merge fields other than a research field do not count. "
        "Sentences a phrase rule already reports ('came across your profile') are left to that rule."
    ),
    slug="fake-personalisation",
    category="research",
    message="Fake personalisation: a compliment with no specific reference",
    why="'I love what you're building' with nothing specific after it is what every automated sequence says; "
    "buyers rate it worse than no personalisation at all.",
    rewrite="Replace the compliment with the detail behind it.",
    example="Your post of 3 March on the Leipzig hub …",
)
def fake_personalisation(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    found = ctx.research
    candidates = found.sentences_with(_COMPLIMENT_WORDS)
    if not candidates:
        return []
    findings = []
    content = found.content
    pattern = _COMPLIMENT[ctx.language]
    for sentence in candidates:
        match = pattern.search(sentence.text)
        if match is None:
            continue
        match_start, match_end = sentence.start_char + match.start(), sentence.start_char + match.end()
        if any(f.start < match_end and match_start < f.end for f in ctx.flagged(sentence)):
            continue  # a phrase rule ("I came across your profile") already reports it
        index = found.content_index[sentence.start]
        stop = content[index + 1].end_char if index + 1 < len(content) else sentence.end_char
        if _detail_after(ctx, found, match_end, stop):
            continue
        start, end = sentence_span(sentence)
        opener = fact_opener(ctx.prospect, ctx.language) if not ctx.prospect.is_empty else None
        if opener:
            describe = (
                f"Replace the compliment with the detail behind it: “{opener}”"
                if ctx.language == "en"
                else f"Ersetzen Sie das Lob durch das Detail dahinter: „{opener}“"
            )
            sugg = suggestion(opener, describe)
        else:
            sugg = suggestion(None, f"Rewrite: “{_DETAIL_SLOT[ctx.language]}”")
        message = _TITLE_MESSAGE if _JOB_TITLE.search(match.group(0)) else None
        findings.append(RawFinding(meta, ctx.body, start, end, (sugg,), message))
    return findings
