"""Facts computed on first use, once per email."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class lazy(Generic[T]):
    """``functools.cached_property`` without its lock: on Python 3.11 that takes a lock on every first access,
    which costs more than most of these values; an analysis belongs to one email checked by one thread."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


class memoized(Generic[T]):
    """Like ``lazy``, for an object with a ``memo`` dict instead of a ``__dict__``: clearing the memo frees
    every value at once (they may refer back to the object)."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]
        memo = instance.memo
        try:
            return memo[self.name]
        except KeyError:
            value = memo[self.name] = self.compute(instance)
            return value
