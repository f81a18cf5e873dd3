"""Shell completion: the candidates for ids, and the scripts for bash, zsh and fish.

typer's own ``--show-completion`` is a flag that always prints the script of the shell it
detects (the one sms20k runs under), so ``--show-completion zsh`` from bash printed bash.
The application turns typer's options off and declares ``--show-completion [SHELL]`` and
``--install-completion [SHELL]`` here; completion requests themselves still go through typer's
protocol (``_SMS20K_COMPLETE=complete_<shell>``), with a bash class of our own: bash splits
words at ``:``, so ``2018:8.3.`` reached sms20k as three words and nothing completed.
"""

from __future__ import annotations

import os
import re
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from typer._click.core import Command
from typer._click.shell_completion import (
    ShellComplete,
    add_completion_class,
    get_completion_class,
    split_arg_string,
)
from typer._completion_classes import BashComplete, ZshComplete, completion_init
from typer._completion_shared import _get_shell_name

PROG = "sms20k"
COMPLETE_VAR = "_SMS20K_COMPLETE"


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def ids(incomplete: str) -> list[tuple[str, str]]:
    """What ``show`` takes: scenarios, items, merged item ids and clauses of both editions
    (``6.1`` is 2011 numbering, as ``show`` reads it), each with its title."""
    from sms20k.checklists.loader import load_catalog

    catalog = load_catalog()
    found: list[tuple[str, str]] = []
    for loaded in catalog.scenarios:
        found.append((loaded.scenario.id, loaded.scenario.title))
        found.extend((item.id, item.title) for item in loaded.scenario.items)
    for alias, target in catalog.aliases.items():
        found.append((alias, f"merged into {target}"))
    found.extend(clauses(catalog.registry, incomplete))
    return [(value, help) for value, help in found if value.startswith(incomplete)]


def clauses(registry: Any, incomplete: str = "") -> list[tuple[str, str]]:
    """Clause ids: ``2011:6.1`` and ``2018:8.3.3``, and the bare 2018 id ``8.3.3``."""
    found: list[tuple[str, str]] = []
    for edition in ("2011", "2018"):
        for cid, clause in registry.tree(edition).clauses.items():
            if edition == "2018":
                found.append((cid, clause.title))
            found.append((f"{edition}:{cid}", clause.title))
    return [(value, help) for value, help in found if value.startswith(incomplete)]


BASH_SCRIPT = """\
%(complete_func)s() {
    local IFS=$'\\n'
    COMPREPLY=( $( env %(autocomplete_var)s=complete_bash \\
                   %(autocomplete_var)s_LINE="${COMP_LINE:0:COMP_POINT}" \\
                   %(autocomplete_var)s_BREAKS="$COMP_WORDBREAKS" "$1" ) )
    return 0
}

complete -o default -F %(complete_func)s %(prog_name)s"""

# Sourced, it registers the function; autoloaded from ~/.zfunc (what --install-completion
# writes), the file is the body of _sms20k and must answer the first TAB itself.
ZSH_SCRIPT = """\
#compdef %(prog_name)s

%(complete_func)s() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" \\
    %(autocomplete_var)s=complete_zsh %(prog_name)s)
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  %(complete_func)s "$@"
else
  compdef %(complete_func)s %(prog_name)s
fi"""


class Bash(BashComplete):
    """Reads the line up to the cursor instead of COMP_WORDS, in which bash has already split
    ``2018:8.3.`` at the colon, and answers with what follows the last such break in the
    current word, which is all bash replaces."""

    source_template = BASH_SCRIPT

    def get_completion_args(self) -> tuple[list[str], str]:
        line = os.environ.get(f"{self.complete_var}_LINE")
        if line is None:  # a script written by typer's own --install-completion
            return super().get_completion_args()
        words = split_arg_string(line)
        incomplete = "" if not line or line[-1].isspace() or not words[1:] else words.pop()
        return words[1:], incomplete

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        breaks = os.environ.get(f"{self.complete_var}_BREAKS", "")
        cut = max((incomplete.rfind(c) for c in breaks), default=-1) + 1
        head = incomplete[:cut]
        values = [item.value for item in self.get_completions(args, incomplete)]
        return "\n".join(v[cut:] if head and v.startswith(head) else v for v in values)

    def source(self) -> str:
        return ShellComplete.source(self)


class Zsh(ZshComplete):
    source_template = ZSH_SCRIPT


def register() -> None:
    """Register the shells' completion classes; the completion request is answered before
    any option is parsed, so this runs when the application is built."""
    completion_init()
    add_completion_class(Bash, "bash")
    add_completion_class(Zsh, "zsh")


register()


def script(shell: str, command: Command) -> str:
    """The completion script of ``shell`` for the application's root ``command``."""
    cls = get_completion_class(shell)
    if cls is None:
        raise typer.BadParameter(f"{shell!r} is not a supported shell")
    return cls(command, {}, PROG, COMPLETE_VAR).source().strip() + "\n"


def detected() -> str:
    """The shell sms20k runs under (typer's detection), else $SHELL."""
    return _get_shell_name() or Path(os.environ.get("SHELL", "")).name


def install(shell: str, command: Command, home: Path | None = None) -> Path:
    """Write the script where the shell finds it, and the rc lines that load it."""
    home = home or Path.home()
    text = script(shell, command)
    if shell == "bash":
        path = home / ".bash_completions" / f"{PROG}.sh"
        _append_line(home / ".bashrc", f"source '{path}'")
    elif shell == "zsh":
        path = home / ".zfunc" / f"_{PROG}"
        _append_line(home / ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit")
    elif shell == "fish":
        path = home / ".config" / "fish" / "completions" / f"{PROG}.fish"
    else:
        raise typer.BadParameter(f"{shell!r} is not a supported shell")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _append_line(rc: Path, line: str) -> None:
    content = rc.read_text(encoding="utf-8") if rc.is_file() else ""
    if line not in content.splitlines():
        rc.parent.mkdir(parents=True, exist_ok=True)
        rc.write_text(f"{content.rstrip()}\n{line}\n".lstrip("\n"), encoding="utf-8")


_OPTIONS = ("--show-completion", "--install-completion")
_SHELL_NAME = re.compile(r"^(bash|zsh|fish)$")


def with_shell(args: list[str]) -> list[str]:
    """``--show-completion`` with no shell after it means the shell sms20k runs under."""
    out: list[str] = []
    for index, arg in enumerate(args):
        out.append(arg)
        if arg in _OPTIONS:
            after = args[index + 1] if index + 1 < len(args) else ""
            if not _SHELL_NAME.match(after) and (not after or after.startswith("-")):
                out.append(detected())
    return out
