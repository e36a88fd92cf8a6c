"""Checks written in Python; importing this package registers them."""

from . import compliance, merge_fields, research, selffocus, spelling, structure, vocabulary  # noqa: F401
