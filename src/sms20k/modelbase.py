"""The two kinds of pydantic model: what users write (input) and what sms20k prints (views)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

VIEW_FORMAT_VERSION = 1


class InputModel(BaseModel):
    """Anything read from a file a user wrote: checklists, manifests, evidence, rules.

    Unknown keys are errors (a typo must not pass silently), values are never coerced (``"1"``
    is not a number), and ``.inf``/``.nan`` are refused so every sum stays finite.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class View(BaseModel):
    # Output models are built on first use, so commands that never print them do not pay.
    model_config = ConfigDict(frozen=True, defer_build=True, allow_inf_nan=False)
    format_version: int = VIEW_FORMAT_VERSION


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 file``, ``3 files``, ``2 entries``: the count and the word that goes with it."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


class MessageView(View):
    """What a command that writes files (lock, init, import, ...) reports: the data, for
    ``-f json``, and the lines the text format prints."""

    # The field docstrings become the descriptions in `sms20k schema` and docs/cli.md.
    model_config = ConfigDict(frozen=True, defer_build=True, allow_inf_nan=False,
                              use_attribute_docstrings=True)

    def lines(self) -> list[str]:
        raise NotImplementedError(type(self).__name__)
