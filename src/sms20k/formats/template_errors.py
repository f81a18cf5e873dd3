"""What went wrong in a user's template, said in the terms of docs/templates.md: the name a
template wrote (``report.meta has no field `nope```), never a Python class or module."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, cast

import jinja2
from jinja2.exceptions import SecurityError, TemplateNotFound, UndefinedError
from jinja2.runtime import LoopContext, TemplateReference
from jinja2.utils import missing

from sms20k import suggest
from sms20k.formats.template_limits import COUNTED_FILTER, FilterError, TemplateLimitError
from sms20k.formats.template_words import Places, bare, kind_of, listing, plain

CONTEXT_HINT = "docs/templates.md, Context, lists what a template can read"
_NO_SUCH = re.compile(r"No (filter|test) named '([^']*)'")


class Missing(UndefinedError):
    """A value the template asked for that is not there, with what it was asked of."""

    def __init__(self, message: str, owner: object, name: object, hint: str | None) -> None:
        super().__init__(message)
        self.owner, self.name, self.hint = owner, name, hint


class MissingValue(jinja2.StrictUndefined):
    """Jinja's strict undefined, raising a Missing that keeps what was asked of what."""

    __slots__ = ()

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None,
                 exc: type[jinja2.TemplateRuntimeError] = UndefinedError) -> None:
        super().__init__(hint, obj, name, exc)
        self._undefined_exception = cast("type[UndefinedError]", self._missing)

    def _missing(self, message: str) -> Missing:
        return Missing(message, self._undefined_obj, self._undefined_name, self._undefined_hint)


class Refused(SecurityError):
    """Reading or calling something the sandbox does not allow; ``allowed`` is what the same
    value does offer."""

    def __init__(self, owner: object, name: str | None, allowed: Iterable[str] = ()) -> None:
        super().__init__(f"{name!r} is not allowed")
        self.owner, self.name, self.allowed = owner, name, sorted(allowed)


def explain(exc: BaseException, env: jinja2.Environment, places: Places) -> tuple[str, str]:
    """The message and hint of one template error."""
    if isinstance(exc, Missing):
        return _missing(exc, env, places)
    if isinstance(exc, Refused):
        return _refused(exc, places)
    message = exc.message or "" if isinstance(exc, jinja2.TemplateError) else str(exc)
    no_such = _NO_SUCH.search(message)
    if no_such:
        kind, name = no_such.groups()
        known = [n for n in (env.filters if kind == "filter" else env.tests)
                 if n != COUNTED_FILTER]
        found = suggest.did_you_mean(name, known)
        return f"there is no {kind} `{name}`", _join(found, f"the {kind}s are {listing(known)}")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"syntax error: {message}", "check the {{ … }} and {% … %} on this line"
    if isinstance(exc, TemplateNotFound):
        return (f"template {_names(exc)} not found",
                "include, import and extends read files of the template's own directory")
    if isinstance(exc, TemplateLimitError):
        return message, ("the template asks for more than sms20k will compute; "
                         "see docs/templates.md, Limits")
    if isinstance(exc, SecurityError):
        return message, "a template reads files of its own directory only"
    if isinstance(exc, FilterError):
        return _cause(exc.cause, f"the filter `{exc.filter}`"), _hint(exc.cause)
    if isinstance(exc, jinja2.TemplateError):
        return plain(message), "docs/templates.md says what a template can use"
    return _cause(exc), _hint(exc)


def _missing(exc: Missing, env: jinja2.Environment, places: Places) -> tuple[str, str]:
    owner, name = exc.owner, exc.name
    if owner is missing:
        if exc.hint or name is None:
            return plain(exc.hint or "a value is missing"), "test it first with {% if … %}"
        known = ["report", "ctx", "options", *sorted(env.globals)]
        return (f"`{name}` is not defined",
                _join(suggest.did_you_mean(str(name), known),
                      f"a template can use {listing(known)}; {CONTEXT_HINT}"))
    place = places.name(owner)
    if isinstance(owner, dict):
        fields = [str(k) for k in owner]
        listed = f"its fields are {listing(fields)}" if fields else "it is empty"
        return (f"{place} has no field `{name}`; {listed}",
                _join(suggest.did_you_mean(str(name), fields), CONTEXT_HINT))
    if isinstance(owner, (list, tuple, str, range)) and isinstance(name, int):
        size = len(owner)
        has = f"it has {size} (0 to {size - 1})" if size else "it is empty"
        return (f"{place} has no element {name}; {has}",
                "test the length first: {% if x|length > n %}")
    if isinstance(owner, (list, tuple)):
        return (f"{place} is a list and has no field `{name}`",
                f"loop over it ({{% for x in … %}}) or pick one entry ([0]); {CONTEXT_HINT}")
    if isinstance(owner, LoopContext):
        return f"loop has no attribute `{name}`", "see docs/templates.md, What a template may do"
    if isinstance(owner, TemplateReference):
        return (f"the template has no block `{name}`",
                "self.name() renders a {% block name %} of this template")
    if owner is None:
        return (f"none (an empty value) has no field `{name}`",
                "the value before it is empty here: test it first with {% if … %}")
    return f"{place} has no field `{name}`", CONTEXT_HINT


def _refused(exc: Refused, places: Places) -> tuple[str, str]:
    owner = exc.owner
    kind = kind_of(owner)
    if exc.name is None:
        return (f"calling {places.name(owner)} is not allowed",
                "a template may call the helpers, range, dict, namespace, macros and the "
                "methods docs/templates.md lists")
    if exc.allowed:
        fields = "its fields and " if isinstance(owner, dict) else ""
        offers = f"{bare(kind)} offers {fields}{listing(exc.allowed)}"
    else:
        offers = f"{kind} has nothing else a template may read or call"
    return (f"reading `{exc.name}` of {places.name(owner)} is not allowed",
            f"{offers}; see docs/templates.md, What a template may do")


_FIXED: tuple[tuple[type[BaseException], str], ...] = (
    (RecursionError, "nests too deeply (recursion)"),
    (MemoryError, "needs more memory than there is"),
    (ZeroDivisionError, "divides by zero"),
    (OverflowError, "makes a number too large"),
)


def _cause(exc: BaseException, subject: str | None = None) -> str:
    """A Python exception raised by the template's code, or by a filter it called."""
    for kind, text in _FIXED:
        if isinstance(exc, kind):
            return f"{subject or 'the template'} {text}"
    text = plain(str(exc)) or "failed"
    if subject is None:
        return text
    return f"{subject}: {text.removeprefix(subject).lstrip()}"


def _hint(exc: BaseException) -> str:
    if isinstance(exc, ZeroDivisionError):
        return "test the divisor first: {% if n %}"
    if str(exc).startswith("macro "):
        return "call the macro with the parameters it declares"
    if isinstance(exc, (TypeError, ValueError)):
        return "convert the value first (|string, |int, |float) or test it with {% if … %}"
    if isinstance(exc, RecursionError):
        return "a recursive macro or loop must stop: test a condition before calling it again"
    return "see docs/templates.md, Limits, for what a template may compute"


def _names(exc: TemplateNotFound) -> str:
    names = getattr(exc, "templates", None) or [exc.name]
    return " or ".join(f"`{n}`" for n in names)


def _join(*parts: str | None) -> str:
    """Parts of a hint; a question ("did you mean `x`?") ends its own part."""
    text = ""
    for part in filter(None, parts):
        text += (" " if text.endswith("?") else "; ") * bool(text) + part
    return text
