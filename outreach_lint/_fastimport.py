"""Faster start-up for the command line: import spaCy without its own CLI (about a quarter second).

``import spacy`` also imports ``spacy.cli`` (and with it requests, httpx, weasel and typer) only to expose
``spacy.info``. The command line never uses it, so while spaCy is imported a stand-in module is put in its
place and removed again afterwards: a later ``import spacy.cli`` in the same process gets the real one.
Library users are not affected: only the command line calls this.
"""

from __future__ import annotations

import sys
import types


def import_spacy_without_cli() -> None:
    if "spacy" in sys.modules:
        return
    stand_in = types.ModuleType("spacy.cli")
    stand_in.__path__ = []  # a package, so that spacy.cli.info can be imported from it
    info = types.ModuleType("spacy.cli.info")
    info.info = lambda *args, **kwargs: None  # type: ignore[attr-defined]
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = stand_in, info
    try:
        import spacy  # noqa: F401
    finally:
        for name in ("spacy.cli.info", "spacy.cli"):
            if sys.modules.get(name) in (stand_in, info):
                del sys.modules[name]
        spacy_module = sys.modules.get("spacy")
        if spacy_module is not None and getattr(spacy_module, "cli", None) is stand_in:
            delattr(spacy_module, "cli")
