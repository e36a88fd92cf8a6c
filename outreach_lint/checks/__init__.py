"""Checks written in Python; importing this package registers them."""

from . import selffocus, spelling, structure, vocabulary  # noqa: F401
