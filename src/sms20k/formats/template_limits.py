"""What a user's template may cost: steps, call depth, value and output sizes. Every check
runs before the work it guards, so a template is refused instead of exhausting memory."""

from __future__ import annotations

import functools
import inspect
import math
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import TemplateRuntimeError

MAX_TEMPLATE_BYTES = 1024 * 1024
MAX_OUTPUT_CHARS = 64 * 1024 * 1024
MAX_VALUE_LEN = 16 * 1024 * 1024
MAX_STEPS = 10_000_000
MAX_DEPTH = 100
MAX_RANGE = 100_000
MAX_INT_BITS = 3322  # 1000 decimal digits, as the YAML reader allows
MAX_WIDTH = 10_000
CHARS_PER_STEP = 16
# Filters whose work does not grow with their input; the others cost its size.
CONSTANT_FILTERS = frozenset({
    "abs", "anchor", "attr", "count", "d", "default", "first", "float", "int", "label",
    "last", "length", "link", "result_clauses", "round", "score",
})
# A filter name no template can write (it has a space): the loop counter.
COUNTED_FILTER = "sms20k counted"
_PERCENT = re.compile(r"%(%|(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?)")


class TemplateLimitError(TemplateRuntimeError):
    """A template asked for more than a documented limit."""


class FilterError(TemplateRuntimeError):
    """A filter refused what it was given (``'x'|round('y')``): Python's error, with the
    filter's name for the message."""

    def __init__(self, name: str, cause: Exception) -> None:
        super().__init__(f"filter {name!r}: {cause}")
        self.filter, self.cause = name, cause


def size_of(value: object) -> int:
    """The steps that handling ``value`` costs."""
    if isinstance(value, str):
        return 1 + len(value) // CHARS_PER_STEP
    if isinstance(value, (list, tuple, dict)):
        return 1 + len(value)
    return 1


def check_len(length: int, what: str = "a value") -> None:
    if length > MAX_VALUE_LEN:
        raise TemplateLimitError(f"{what} of {length:,} items or characters is over the "
                                 f"limit of {MAX_VALUE_LEN:,}")


def check_value(value: object) -> object:
    if isinstance(value, (str, list, tuple, dict)):
        check_len(len(value))
    return value


class Budget:
    """Steps and call depth of one rendering."""

    def __init__(self) -> None:
        self.steps = 0
        self.depth = 0

    def spend(self, steps: int) -> None:
        self.steps += steps
        if self.steps > MAX_STEPS:
            raise TemplateLimitError(f"the template takes more than {MAX_STEPS:,} steps")

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self.spend(1)
            yield item

    def enter(self) -> None:
        if self.depth >= MAX_DEPTH:
            raise TemplateLimitError(f"calls nest more than {MAX_DEPTH} levels deep")
        self.depth += 1

    def leave(self) -> None:
        self.depth -= 1


def check_binop(operator: str, left: object, right: object) -> None:
    """Refuse ``'x' * 10**10``, ``10**10**10`` and ``'%999999999s' % x`` before computing."""
    sized = (str, list, tuple)
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, sized) and isinstance(times, int):
                check_len(len(seq) * max(times, 0))
        if isinstance(left, int) and isinstance(right, int):
            _check_bits(abs(left).bit_length() + abs(right).bit_length())
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        if abs(left) > 1 and right > 0:
            _check_bits(right * math.log2(abs(left)))
    elif operator == "+" and isinstance(left, sized) and isinstance(right, sized):
        check_len(len(left) + len(right))
    elif operator == "%" and isinstance(left, str):
        check_format(left)


def _check_bits(bits: float) -> None:
    if bits > MAX_INT_BITS:
        raise TemplateLimitError(f"a number of about {int(bits):,} bits is over the limit of "
                                 f"{MAX_INT_BITS:,} bits")


def check_format(spec: str) -> None:
    for match in _PERCENT.finditer(spec):
        for number in match.group(2, 3):
            if number == "*":
                raise TemplateLimitError("'*' widths in format strings are not supported")
            if number is not None and int(number) > MAX_WIDTH:
                raise TemplateLimitError(f"a format width of {int(number):,} is over the "
                                         f"limit of {MAX_WIDTH:,}")


def replaced_len(text: str, old: str, new: str, count: int = -1) -> int:
    hits = len(text) + 1 if old == "" else text.count(old)
    if count >= 0:
        hits = min(hits, count)
    return len(text) + hits * (len(new) - len(old))


def joined_len(items: Iterable[object], separator: str) -> int:
    total, count = 0, 0
    for item in items:
        total += len(item) if isinstance(item, str) else 1
        count += 1
    return total + max(count - 1, 0) * len(separator)


def _check_filter(name: str, args: dict[str, Any]) -> None:
    """The filters whose output can be much larger than their input."""
    value = args.get("value", args.get("s", ""))
    text = value if isinstance(value, str) else ""
    if name in ("center", "wordwrap", "truncate"):
        for key in ("width", "length"):
            if isinstance(args.get(key), int) and args[key] > MAX_WIDTH:
                raise TemplateLimitError(f"{name} width {args[key]:,} is over the limit "
                                         f"of {MAX_WIDTH:,}")
    elif name == "indent":
        width = args.get("width", 4)
        pad = width if isinstance(width, int) else len(str(width))
        check_len(len(text) + (text.count("\n") + 1) * pad)
    elif name in ("batch", "slice"):
        count = args.get("linecount", args.get("slices"))
        if isinstance(count, int) and count > MAX_WIDTH:
            raise TemplateLimitError(f"{name} of {count:,} is over the limit of {MAX_WIDTH:,}")
    elif name == "replace":
        count = args.get("count")
        check_len(replaced_len(str(value), str(args.get("old", "")), str(args.get("new", "")),
                               -1 if count is None else count))
    elif name == "join" and isinstance(value, (list, tuple)):
        check_len(joined_len(value, str(args.get("d", ""))))
    elif name == "format":
        check_format(text)


_GUARDED = frozenset({"center", "wordwrap", "truncate", "indent", "batch", "slice",
                      "replace", "join", "format"})


def guard_filter(name: str, func: Callable[..., Any], budget: Budget) -> Callable[..., Any]:
    """``func`` with its cost charged and its arguments and result checked."""
    passes_first = hasattr(func, "jinja_pass_arg")
    signature = _user_signature(func) if name in _GUARDED else None

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        given = args[1:] if passes_first else args
        budget.spend(1 if name in CONSTANT_FILTERS or not given else size_of(given[0]))
        try:
            if signature is not None:
                _check_filter(name, signature.bind_partial(*given, **kwargs).arguments)
            result = func(*args, **kwargs)
        except (TypeError, ValueError, ArithmeticError, AttributeError, LookupError) as exc:
            raise FilterError(name, exc) from exc
        budget.spend(size_of(result) if isinstance(result, str) else 0)
        return check_value(result)

    return guarded


def _user_signature(func: Callable[..., Any]) -> inspect.Signature:
    """The parameters a template passes: without Jinja's environment or context."""
    signature = inspect.signature(func)
    params = list(signature.parameters.values())
    if params and params[0].name in ("environment", "env", "eval_ctx", "context"):
        params = params[1:]
    return signature.replace(parameters=params)


class LimitedCodeGenerator(CodeGenerator):
    """Routes loops and ``~`` through the environment, where they are counted."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, COUNTED_FILTER, [], [], None, None,
                                     lineno=loop.iter.lineno)
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.join_values(context, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")
