"""Shell completion through each real shell, driven by the script sms20k prints for it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.tools import command

BIN = Path(sys.executable).parent
SMS20K = str(BIN / "sms20k")


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("_SMS20K")}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", HOME=str(home),
               XDG_CONFIG_HOME=str(home / ".config"))
    return env


def _run(argv: list[str], home: Path) -> str:
    done = subprocess.run(argv, env=_env(home), capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _script(shell: str, home: Path) -> str:
    return _run([SMS20K, "--show-completion", shell], home)


# bash splits the words at COMP_WORDBREAKS (":" among them), so COMP_WORDS for
# `sms20k show 2018:8.3.` is (sms20k show 2018 : 8.3.) and bash replaces only "8.3.".
def _bash_words(line: str) -> list[str]:
    return [w for w in re.split(r"\s+|(:)", line) if w]


def _bash(line: str, home: Path, source: str) -> list[str]:
    words = _bash_words(line)
    cword = len(words) if line.endswith(" ") else len(words) - 1
    quoted = " ".join(f"'{w}'" for w in words)
    program = f"""{source}
func=$(complete -p sms20k | sed -E 's/.* -F ([^ ]+) .*/\\1/')
COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; COMP_WORDS=({quoted}); COMP_CWORD={cword}
"$func" sms20k "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    bash = command("bash", "bash")
    return _run([bash, "--norc", "--noprofile", "-c", program], home).split()


_ZSH_STUB = r"""
_arguments() {
  local body=${1#\*: :\(\(}; body=${body%\)\)}
  eval "local -a pairs=($body)"
  print -rl -- $pairs
}
"""


def _zsh(line: str, home: Path, setup: str) -> dict[str, str]:
    """What the generated function hands to zsh's _arguments, as value -> description: the
    stub stands in for _arguments, which only runs inside a completion widget."""
    zsh = command("zsh", "zsh")
    words = line.split(" ")
    quoted = " ".join(f"'{w}'" for w in words)
    program = f"""autoload -Uz compinit && compinit -u -D
{setup}
{_ZSH_STUB}
words=({quoted}); CURRENT={len(words)}
$_comps[sms20k]
"""
    out: dict[str, str] = {}
    for row in _run([zsh, "-fc", program], home).splitlines():
        value, help = [*re.split(r"(?<!\\):", row, maxsplit=1), ""][:2]
        out[value.replace("\\:", ":")] = help
    return out


def _fish(line: str, home: Path, setup: str) -> dict[str, str]:
    fish = command("fish", "fish")
    out = _run([fish, "-c", f'{setup}; complete -C "{line}"'], home)
    return dict([*row.split("\t", 1), ""][:2] for row in out.splitlines())


def test_each_shell_gets_its_own_script(tmp_path: Path) -> None:
    assert "complete -o default -F _sms20k_completion sms20k" in _script("bash", tmp_path)
    assert "compdef _sms20k_completion sms20k" in _script("zsh", tmp_path)
    assert _script("fish", tmp_path).startswith("complete --command sms20k")
    assert "complete -F" not in _script("zsh", tmp_path) + _script("fish", tmp_path)


def test_bash(tmp_path: Path) -> None:
    source = 'source <(sms20k --show-completion bash)'
    got = _bash("sms20k show S0", tmp_path, source)
    assert {"S01", "S07", "S07.03"} <= set(got)
    assert all(v.startswith("S0") for v in got)
    # bash puts each answer in place of "8.3." after the colon it split at
    assert {"8.3.3", "8.3.4.1"} <= set(_bash("sms20k show 2018:8.3.", tmp_path, source))
    assert "6.1" in _bash("sms20k show 6.", tmp_path, source)
    assert set(_bash("sms20k clauses --edition ", tmp_path, source)) == {"2011", "2018"}
    assert "json" in _bash("sms20k show -f ", tmp_path, source)


@pytest.mark.parametrize(("ask", "source"), [
    (_zsh, "source <(sms20k --show-completion zsh)"),
    (_fish, "sms20k --show-completion fish | source"),
], ids=["zsh", "fish"])
def test_zsh_and_fish_show_ids_with_their_titles(tmp_path: Path, ask: Any, source: str) -> None:
    got = ask("sms20k show S0", tmp_path, source)
    assert {"S01", "S07", "S07.03"} <= set(got)
    assert got["S01"] == "Identify the context for service management of cloud services"
    clauses = ask("sms20k show 2018:8.3.", tmp_path, source)
    assert clauses["2018:8.3.3"] == "Service level management"
    assert all(v.startswith("2018:8.3.") for v in clauses)


def test_fish_completes_enum_options(tmp_path: Path) -> None:
    source = "sms20k --show-completion fish | source"
    assert set(_fish("sms20k matrix --edition ", tmp_path, source)) == {"2011", "2018"}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_install_completion_writes_the_shells_own_script(tmp_path: Path, shell: str) -> None:
    out = _run([SMS20K, "--install-completion", shell], tmp_path)
    assert f"{shell} completion installed" in out
    installed = {
        "bash": tmp_path / ".bash_completions" / "sms20k.sh",
        "zsh": tmp_path / ".zfunc" / "_sms20k",
        "fish": tmp_path / ".config" / "fish" / "completions" / "sms20k.fish",
    }[shell]
    assert installed.read_text(encoding="utf-8") == _script(shell, tmp_path)
    if shell == "bash":
        rc = (tmp_path / ".bashrc").read_text(encoding="utf-8")
        assert f"source '{installed}'" in rc
        assert "S07.03" in _bash("sms20k show S07.0", tmp_path, "source ~/.bashrc")
    elif shell == "zsh":
        assert "fpath+=~/.zfunc" in (tmp_path / ".zshrc").read_text(encoding="utf-8")
        # autoloaded from fpath, the first TAB already completes
        got = _zsh("sms20k show S07.0", tmp_path, "fpath=(~/.zfunc $fpath); compinit -u -D")
        assert "S07.03" in got
    else:
        assert "S07.03" in _fish("sms20k show S07.0", tmp_path, "true")
    # a second install adds no second rc line
    _run([SMS20K, "--install-completion", shell], tmp_path)
    for rc_name in (".bashrc", ".zshrc"):
        rc_path = tmp_path / rc_name
        if rc_path.exists():
            lines = rc_path.read_text(encoding="utf-8").splitlines()
            assert len(lines) == len(set(lines))


def test_show_completion_without_a_shell_uses_the_current_one(tmp_path: Path) -> None:
    env = _env(tmp_path) | {"SHELL": "/usr/bin/fish"}
    done = subprocess.run([SMS20K, "--show-completion"], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() in {_script(s, tmp_path).strip() for s in ("bash", "zsh", "fish")}


def test_an_unknown_shell_is_refused(tmp_path: Path) -> None:
    done = subprocess.run([SMS20K, "--show-completion", "tcsh"], env=_env(tmp_path),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "tcsh" in done.stderr
