"""Tables of legal facts the checks cite, shipped as TOML files next to this module (each names its sources).

They are data, not rule packs: the packs live in ``rules/`` and every TOML file there is loaded as one.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The table in ``<name>.toml`` (read once per process)."""
    with (Path(__file__).parent / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)
