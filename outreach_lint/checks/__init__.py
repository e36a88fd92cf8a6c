"""Checks written in Python; importing this package registers them."""

from . import selffocus, structure, vocabulary  # noqa: F401
