"""The compiled packaged templates: a hit gives what compiling gives, anything else is a miss."""

from __future__ import annotations

import marshal
from pathlib import Path

import jinja2
import pytest

from sms20k import usercache
from sms20k.formats import get_renderer
from sms20k.template_cache import SUBDIRECTORY, TemplateCodeCache, code_cache

from .formats.conftest import load_small


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(usercache.CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    monkeypatch.delenv(usercache.NO_CACHE_VARIABLE, raising=False)
    return tmp_path / "cache" / SUBDIRECTORY


def _forbid_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a template was compiled although it is in the cache")

    monkeypatch.setattr(jinja2.Environment, "compile", refuse)


def test_a_second_run_renders_the_same_report_without_compiling(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report, _ = load_small()
    first = get_renderer("html").render(report)
    entries = sorted(cache.glob("html-*.code"))
    assert len(entries) >= 10, entries  # the report and its included templates
    _forbid_compiling(monkeypatch)
    assert get_renderer("html").render(report) == first


@pytest.mark.parametrize("damage", [
    lambda data: b"",
    lambda data: data[:len(data) // 2],
    lambda data: data.split(b"\n", 1)[0] + b"\n" + b"\x00garbage",
    lambda data: data.replace(b"sms20k ", b"sms20k 0", 1),
    lambda data: data.split(b"\n", 1)[0] + b"\n" + marshal.dumps(1),  # not a code object
])
def test_a_damaged_entry_is_a_miss_and_is_rewritten(cache: Path,
                                                    damage: object) -> None:
    report, _ = load_small()
    first = get_renderer("html").render(report)
    entry = max(cache.glob("html-*.code"), key=lambda p: p.stat().st_size)
    good = entry.read_bytes()
    assert callable(damage)
    entry.write_bytes(damage(good))
    assert get_renderer("html").render(report) == first
    assert entry.read_bytes() == good


def test_an_edited_template_is_a_miss(tmp_path: Path) -> None:
    sources = {"t.j2": "one {{ x }}"}
    bcc = TemplateCodeCache(tmp_path, "test")
    env = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=bcc)
    assert env.get_template("t.j2").render(x=1) == "one 1"
    sources["t.j2"] = "two {{ x }}"
    fresh = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=bcc)
    assert fresh.get_template("t.j2").render(x=1) == "two 1"


def test_environments_of_other_settings_do_not_share_entries(tmp_path: Path) -> None:
    source = {"t.j2": "{{ x }}\n{% if x %}\nyes\n{% endif %}\n"}
    plain = jinja2.Environment(loader=jinja2.DictLoader(source),
                               bytecode_cache=TemplateCodeCache(tmp_path, "plain"))
    trimmed = jinja2.Environment(loader=jinja2.DictLoader(source), trim_blocks=True,
                                 autoescape=True,
                                 bytecode_cache=TemplateCodeCache(tmp_path, "trimmed"))
    assert plain.get_template("t.j2").render(x="<b>") == "<b>\n\nyes\n"
    assert trimmed.get_template("t.j2").render(x="<b>") == "&lt;b&gt;\nyes\n"
    assert len(list(tmp_path.glob("plain-*.code"))) == len(list(tmp_path.glob("trimmed-*")))



def test_clear_removes_its_own_entries_only(tmp_path: Path) -> None:
    """Jinja's BytecodeCache.clear, for applications: other flavours and files stay."""
    source = {"t.j2": "{{ x }}"}
    caches = {f: TemplateCodeCache(tmp_path, f) for f in ("plain", "trimmed")}
    for bcc in caches.values():
        jinja2.Environment(loader=jinja2.DictLoader(source), bytecode_cache=bcc
                           ).get_template("t.j2")
    other = tmp_path / "plain-notes.txt"
    other.write_text("not an entry")
    caches["plain"].clear()
    assert sorted(p.name.split("-")[0] for p in tmp_path.iterdir()) == ["plain", "trimmed"]
    assert other.exists() and len(list(tmp_path.glob("trimmed-*.code"))) == 1
    caches["plain"].clear()  # nothing left to clear is no error

def test_no_cache_writes_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(usercache.NO_CACHE_VARIABLE, "1")
    assert code_cache("html") is None
    report, _ = load_small()
    get_renderer("html").render(report)
    assert not cache.exists()


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(usercache.CACHE_DIR_VARIABLE, str(blocker / "cache"))
    monkeypatch.delenv(usercache.NO_CACHE_VARIABLE, raising=False)
    report, _ = load_small()
    assert "<html" in get_renderer("html").render(report)
