"""Case 8: hostile sizes (issue 11) grow linearly: the time at 2N over the time at N.

Each input is written by benchmarks/hostile.py on the same small valid repository, which is
also timed alone (``base``): the note gives the ratio of the times above it, which is what
the hostile part costs without start-up.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from bench import Bench, size_label
from measure import Arm, Samples
from results import Row, Target, compare

GROWTH = "2N/N"


@dataclass(frozen=True)
class Kind:
    name: str
    shown: str
    n: int
    quick_n: int
    command: str
    """``validate``, or ``assess`` (``-f json``, one result after another)."""
    exits: Collection[int]


KINDS = (
    Kind("unknown-keys", "unknown keys", 10_000, 10_000, "validate", (2,)),
    Kind("include-patterns", "include patterns", 300, 300, "validate", (2,)),
    Kind("services", "services", 100, 50, "assess", (0,)),
    Kind("unknown-ids", "unknown ids", 10_000, 10_000, "validate", (1,)),
)


def growth(bench: Bench, case: str) -> list[Row]:
    out = bench.scratch / "growth"

    def arm(label: str, kind: str, n: int, command: str, exits: Collection[int]) -> Arm:
        repo = bench.cache.hostile(kind, n)
        name = f"$H_{kind.upper().replace('-', '_')}_{size_label(n).upper()}"
        bench.repos[name[1:]] = repo
        if command == "assess":
            return bench.arm(label, [bench.sms20k, "assess", str(repo), "-f", "json", "-o",
                                     str(out), "-q"],
                             f"sms20k assess {name} -f json -o TMP -q", exits=exits)
        return bench.validate(label, repo, name, exits=exits)

    arms = [arm("base validate", "unknown-keys", 0, "validate", (0,)),
            arm("base assess", "services", 1, "assess", (0,))]
    sizes: dict[str, tuple[int, int]] = {}
    for kind in KINDS:
        n = kind.quick_n if bench.settings.quick else kind.n
        sizes[kind.name] = (n, 2 * n)
        for size in (n, 2 * n):
            arms.append(arm(f"{kind.shown} {size_label(size)}", kind.name, size, kind.command,
                            kind.exits))
    s = bench.measure(case, arms, bench.settings.runs)
    rows = []
    for kind in KINDS:
        n, n2 = sizes[kind.name]
        small, large = s[f"{kind.shown} {size_label(n)}"], s[f"{kind.shown} {size_label(n2)}"]
        base = s[f"base {kind.command}"]
        rows.append(compare(case, f"{kind.shown} {size_label(n2)}", large,
                            f"{kind.shown} {size_label(n)}", small, Target("<=", 2.3),
                            measure=GROWTH, note=net(small, large, base)))
    return rows


def net(small: Samples, large: Samples, base: Samples) -> str:
    above_small, above_large = small.median - base.median, large.median - base.median
    if above_small <= 0:
        return f"no slower than the base repository ({base.median:.3f} s)"
    return (f"{above_large / above_small:.2f}x above the base repository's "
            f"{base.median:.3f} s")
