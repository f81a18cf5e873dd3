"""Step counting for the growth tests: a str that counts how often it is compared, so that a
test can tell linear work from quadratic without timing anything."""

from __future__ import annotations


class Compared(str):
    """Reset ``Compared.comparisons`` to 0, run the code under test, then read it."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        Compared.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__
