"""Research: does the email show that the sender read about the recipient, and is it the right recipient?

RS001–RS003 and RS008 judge the research itself (RS008 in template mode, the others in draft mode, never for
replies); RS004 catches mail-merge slips, RS005 fake personalisation, RS006 generic salutations, RS007 stale
references. What they share for one email is ``analysis.research`` (the first specific detail about the
recipient, which sentences are about the sender), ``analysis.recipient`` and ``analysis.slips``; what counts
as a specific detail is documented in ``outreach_lint.signals``.
"""

# The checks register, and run, in the order of their codes.
# isort: off
from . import opener, company, facts, slips, compliments, salutation, stale, template  # noqa: F401
