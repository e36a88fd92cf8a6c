"""Per-email facts the checks share: no findings, each computed on first use and once per email.

- ``context``: ``CheckContext``, what a check sees (units, phrase findings, options, prospect) and the facts
  below as its attributes; ``RawFinding``.
- ``units``: the subject and body as tokens and sentences; ``textstats``: words, syllables, pronouns.
- ``options``: the typed settings the checks read.
- ``greeting``: the salutation line and the salutation an email should have; ``names``: titles and degrees.
- ``research``, ``recipient``, ``slips``: what the email shows of research about its recipient, how rewrites
  name the recipient, and names that are someone else's.
- ``signoff`` (where a signature starts, shared with the parser), ``signature``, ``signature_details``.
- ``legalforms``: the one table of legal forms.
- ``thread`` (is this a reply) and ``jurisdiction`` (which law applies).

Nothing is imported here, so that the parser can use ``signoff`` without loading spaCy.
"""
