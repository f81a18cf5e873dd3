"""The Jinja environment of users' templates. Reading and calling follow an explicit
allow-list; everything else, whatever object it is asked of, raises SecurityError."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import Undefined
from jinja2.environment import Template, TemplateModule
from jinja2.runtime import (
    BlockReference,
    Context,
    LoopContext,
    Macro,
    TemplateReference,
    markup_join,
    str_join,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

from sms20k.formats.template_errors import Refused
from sms20k.formats.template_limits import (
    COUNTED_FILTER,
    MAX_RANGE,
    Budget,
    LimitedCodeGenerator,
    TemplateLimitError,
    check_binop,
    check_len,
    check_value,
    guard_filter,
    joined_len,
    replaced_len,
    size_of,
)

STR_METHODS = frozenset({"upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip",
                         "startswith", "endswith", "split", "replace", "join", "count"})
DICT_METHODS = frozenset({"items", "keys", "values", "get"})
DATE_ATTRIBUTES = frozenset({"isoformat", "year", "month", "day"})
LOOP_ATTRIBUTES = frozenset({"index", "index0", "revindex", "revindex0", "first", "last",
                             "length", "depth", "depth0", "previtem", "nextitem", "cycle",
                             "changed"})
REMOVED_GLOBALS = ("cycler", "joiner", "lipsum")
_CONTAINERS = (Namespace, TemplateReference, TemplateModule)


def permitted(obj: object, name: str) -> bool:
    """Whether a template may read ``obj.name`` (dict keys are always readable)."""
    if isinstance(obj, dict):
        return name in DICT_METHODS
    if isinstance(obj, str):
        return name in STR_METHODS
    if isinstance(obj, dt.date):
        return name in DATE_ATTRIBUTES
    if isinstance(obj, LoopContext):
        return name in LOOP_ATTRIBUTES
    return isinstance(obj, _CONTAINERS) and not name.startswith("_")


def limited_range(*args: int) -> range:
    numbers = range(*args)
    try:
        size = len(numbers)
    except OverflowError:
        size = MAX_RANGE + 1
    if size > MAX_RANGE:
        raise TemplateLimitError(f"range() of more than {MAX_RANGE:,} numbers")
    return numbers


def _refused(obj: object, name: str) -> Refused:
    return Refused(obj, name, _offered(obj))


def _offered(obj: object) -> frozenset[str]:
    """What a template may read of ``obj`` besides a mapping's keys."""
    for kind, names in ((dict, DICT_METHODS), (str, STR_METHODS), (dt.date, DATE_ATTRIBUTES),
                        (LoopContext, LOOP_ATTRIBUTES)):
        if isinstance(obj, kind):
            return names
    return frozenset()


class LimitedTemplate(Template):
    environment: UserSandbox

    def make_module(self, vars: dict[str, Any] | None = None, shared: bool = False,
                    locals: Any = None) -> TemplateModule:
        """An imported template's output is kept whole; it is held to the limits here."""
        context = self.new_context(vars, shared, locals)
        body = [self.environment.concat(self.root_render_func(context))]
        return TemplateModule(self, context, body)


class UserSandbox(ImmutableSandboxedEnvironment):
    code_generator_class = LimitedCodeGenerator
    template_class = LimitedTemplate
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, helpers: dict[str, Callable[..., Any]], **options: Any) -> None:
        super().__init__(**options)
        self.budget = Budget()
        for name in REMOVED_GLOBALS:
            del self.globals[name]
        self.globals["range"] = limited_range
        self.globals.update(helpers)
        self._functions = tuple(self.globals.values())
        self.filters.update(helpers)
        self.filters["attr"] = lambda value, name: self.getattr(value, str(name))
        self.filters = {name: guard_filter(name, func, self.budget)
                        for name, func in self.filters.items()}
        self.filters[COUNTED_FILTER] = self.budget.counted

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return permitted(obj, attr)

    def is_safe_callable(self, obj: Any) -> bool:
        if any(obj is func for func in self._functions):
            return True
        if isinstance(obj, (Macro, LoopContext, BlockReference)):
            return True
        return isinstance(obj, (types.BuiltinMethodType, types.MethodType)) \
            and isinstance(obj.__self__, (str, dict, dt.date, LoopContext)) \
            and permitted(obj.__self__, obj.__name__)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Undefined):
            obj._fail_with_undefined_error()
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]  # keys before methods: a clause's `items` is its count
        if permitted(obj, attribute):
            try:
                return obj[attribute] if isinstance(obj, TemplateReference) \
                    else getattr(obj, attribute)
            except (AttributeError, KeyError):
                return self.undefined(obj=obj, name=attribute)
        if attribute.startswith("_") or hasattr(type(obj), attribute):
            raise _refused(obj, attribute)
        return self.undefined(obj=obj, name=attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Undefined):
            obj._fail_with_undefined_error()
        if isinstance(obj, dict):
            try:
                if argument in obj:
                    return obj[argument]
            except TypeError:
                return self._missing(obj, argument)
        elif isinstance(obj, (list, tuple, str, range)) and isinstance(argument, (int, slice)):
            try:
                return obj[argument]
            except IndexError:
                return self._missing(obj, argument)
        if isinstance(argument, str):
            return self.getattr(obj, argument)
        return self._missing(obj, argument)

    def _missing(self, obj: Any, key: Any) -> Any:
        """Jinja's undefined value, which also names keys that are not strings."""
        return self.undefined(obj=obj, name=key)

    def call(__self, __context: Context, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        if isinstance(__obj, Undefined):
            __obj._fail_with_undefined_error()
        if not __self.is_safe_callable(__obj):
            raise Refused(__obj, None)
        budget = __self.budget
        budget.spend(1)
        if isinstance(__obj, (Macro, LoopContext)):
            if isinstance(__obj, LoopContext) and args:
                args = (budget.counted(args[0]), *args[1:])
            budget.enter()
            try:
                return check_value(__context.call(__obj, *args, **kwargs))
            finally:
                budget.leave()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            budget.spend(size_of(owner))
            _check_method(owner, __obj.__name__, args)
        result = __context.call(__obj, *args, **kwargs)
        if isinstance(result, str):
            budget.spend(size_of(result))
        return check_value(result)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        check_binop(operator, left, right)
        self.budget.spend(1)
        result = super().call_binop(context, operator, left, right)
        self.budget.spend(size_of(result) if isinstance(result, str) else 0)
        return check_value(result)

    def concat(self, parts: Iterable[str]) -> str:
        """Joins every buffer Jinja builds (macros, blocks, ``set`` blocks), within limits."""
        kept: list[str] = []
        total = 0
        for part in parts:
            total += len(part)
            check_len(total, "text")
            kept.append(part)
        self.budget.spend(1 + total // 16)
        return "".join(kept)

    def join_values(self, context: Context, values: tuple[Any, ...]) -> str:
        """The ``~`` operator."""
        check_len(sum(len(v) for v in values if isinstance(v, str)), "text")
        result = markup_join(values) if context.eval_ctx.autoescape else str_join(values)
        self.budget.spend(size_of(result))
        return check_value(result)  # type: ignore[return-value]


def _check_method(text: str, name: str, args: tuple[Any, ...]) -> None:
    if name == "replace" and len(args) >= 2 and isinstance(args[0], str) \
            and isinstance(args[1], str):
        count = args[2] if len(args) > 2 and isinstance(args[2], int) else -1
        check_len(replaced_len(text, args[0], args[1], count))
    elif name == "join" and args and isinstance(args[0], (list, tuple)):
        check_len(joined_len(args[0], text))
