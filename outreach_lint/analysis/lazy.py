"""Facts computed on first use, once per email."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class lazy(Generic[T]):
    """``functools.cached_property`` without its lock: on Python 3.11 that takes a lock on every first access,
    which costs more than most of these values; an analysis belongs to one email checked by one thread.

    The value is kept in the object's ``memo`` dict when it has one (an object with ``__slots__``: clearing the
    memo frees every value at once, and they may refer back to the object), else in its ``__dict__``, where it
    hides this descriptor from then on."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]
        memo = getattr(instance, "memo", None)
        if memo is None:
            value = instance.__dict__[self.name] = self.compute(instance)
            return value
        try:
            return memo[self.name]
        except KeyError:
            value = memo[self.name] = self.compute(instance)
            return value
