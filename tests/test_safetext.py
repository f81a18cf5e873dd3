"""sms20k.safetext: controls made visible, workflow commands guarded, links kept inside."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from sms20k.safetext import (
    WELL_FORMED,
    WorkflowCommands,
    command_data,
    command_property,
    defang,
    guard,
    safe_href,
    visible,
)

HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}
KEPT = {"\t", "\u200c", "\u200d"}
# What an attacker puts in a name, a note or a key: terminal title, clear screen, OSC 8
# hyperlink, 8-bit CSI, bidi override and isolate, line and paragraph separators, NEL.
TERMINAL = ["\x1b]0;title\x07", "\x1b[2J", "\x1b]8;;http://x\x1b\\", "\x9b31m", "\u202e",
            "\u2066", "\u2028", "\u2029", "\x85", "\r", "\x00", "\x7f", "\ufeff", "\u200b",
            "\U000e0041", "\udcff"]
COMMANDS = ["\n::error::x", "\r::add-mask::s", "\u2028::stop-commands::t", "\x85::warning::w",
            "\n  ::error::y", "\n\t::notice::z", "\n\u3000::error::w", "\r\n::error::v",
            "\v::error::u", "\f::error::t", "\x1c::error::s", "\u2029::group::g",
            "##[error]x", "###[add-mask]x", "##[##[error]x"]


def test_visible_follows_the_unicode_categories_for_every_code_point() -> None:
    wrong = [hex(cp) for cp in range(sys.maxunicode + 1)
             if (visible(chr(cp)) != chr(cp))
             != (unicodedata.category(chr(cp)) in HIDDEN_CATEGORIES and chr(cp) not in KEPT)]
    assert wrong == []


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
    ("\x1b[2J", "\\x1b[2J"),
    ("\x1b]8;;http://x\x1b\\", "\\x1b]8;;http://x\\x1b\\"),
    ("\x9b31m", "\\x9b31m"),
    ("a\u202eb\u2066c", "a\\u202eb\\u2066c"),
    ("a\u2028b\u2029c\x85d", "a\\u2028b\\u2029c\\x85d"),
    ("a\r\nb", "a\\r\\nb"),
    ("tag\U000e0041", "tag\\U000e0041"),
    ("file\udcff", "file\\udcff"),
    ("tab\tkept", "tab\tkept"),
    ("ÄÖÜ 日本 emoji 👩\u200d💻 \u200c", "ÄÖÜ 日本 emoji 👩\u200d💻 \u200c"),
    ("", ""),
])
def test_visible(raw: str, shown: str) -> None:
    assert visible(raw) == shown


@pytest.mark.parametrize("payload", TERMINAL + COMMANDS)
def test_visible_text_is_one_printable_line(payload: str) -> None:
    shown = visible(f"before{payload}after")
    assert len(shown.splitlines()) == 1
    assert all(c.isprintable() or c == "\t" or unicodedata.category(c) == "Zs"
               for c in shown), ascii(shown)


def test_newlines_can_be_kept_and_nothing_else() -> None:
    assert visible("a\nb\r\nc\u2028d\x1b", lines=True) == "a\nb\\r\nc\\u2028d\\x1b"


@pytest.mark.parametrize("payload", COMMANDS)
def test_command_escaping_keeps_one_line_and_no_legacy_form(payload: str) -> None:
    for escaped in (command_data(payload), command_property(payload)):
        assert len(escaped.splitlines()) == 1 and "##[" not in escaped
    assert ":" not in command_property(payload) and "," not in command_property("a,b")


@pytest.mark.parametrize(("raw", "safe"), [
    ("##[error]x", "#\\u0023[error]x"),
    ("###[x", "##\\u0023[x"),
    ("##[##[", "#\\u0023[#\\u0023["),
    ("# [ ## ]", "# [ ## ]"),
])
def test_defang(raw: str, safe: str) -> None:
    assert defang(raw) == safe
    assert "##[" not in defang(raw)


@pytest.mark.parametrize("payload", COMMANDS)
def test_guard_leaves_no_command_line(payload: str) -> None:
    text = f"Acme{payload}\n  {payload}\n::error::x{payload}"
    for line in guard(text).splitlines():
        assert not re.match(r"\s*::", line), ascii(line)
        assert "##[" not in line


def test_guard_passes_only_well_formed_commands_of_the_github_format() -> None:
    own = "::error file=a%3Ab.yaml,line=3,col=7,title=X01.01 Title::msg :: with colons"
    forged = ["::add-mask::secret", "::stop-commands::t", "::error::x",
              "::error file=a,title=b:c::x", "  ::error file=a::x", "::error file=a::##[x]"]
    text = WorkflowCommands("\n".join([own, *forged, "summary"]) + "\n")
    lines = guard(text).splitlines()
    assert lines[0] == own and WELL_FORMED.fullmatch(own)
    assert not any(re.match(r"\s*::", line) for line in lines[1:]), lines
    # Plain text loses the mark: even a well-formed line is guarded.
    assert guard(own) != own and not guard(own).startswith("::")


def test_guard_keeps_line_endings_and_other_text() -> None:
    text = "a\r\nb\n\n  c :: d\n"
    assert guard(text) == text
    assert guard("x\n::e") == "x\n\\u003a:e"


@pytest.mark.parametrize(("link", "prefix", "href"), [
    ("docs/a b.md", "", "docs/a%20b.md"),
    ("docs/a.md", "..", "../docs/a.md"),
    ("./docs//a.md", "../repo", "../repo/docs/a.md"),
    ("javascript:alert(1)", "", "./javascript%3Aalert%281%29"),
    ("javascript:alert(1)", "..", "../javascript%3Aalert%281%29"),
    ("%2F%2Fhost", "", "%252F%252Fhost"),
    ("//host/x", "", None),
    ("//host/x", "..", None),
    ("/x", "", None),
    ("/etc/passwd", "..", None),
    ("\\\\host\\x", "", None),
    ("a\\..\\..\\x", "", None),
    ("C:/x", "", None),
    ("a/../../x", "", None),
    ("a/../../x", "..", None),
    ("..", "", None),
    ("docs/\x1b[2J.md", "", None),
    ("docs/\u202egpj.exe", "", None),
    (".", "", None),
])
def test_path_links_stay_relative_inside_the_tree(link: str, prefix: str,
                                                   href: str | None) -> None:
    assert safe_href("path", link, prefix) == href


@pytest.mark.parametrize(("link", "href"), [
    ("https://example.com/a", "https://example.com/a"),
    ("HTTP://example.com", "HTTP://example.com"),
    ("mailto:a@example.com", "mailto:a@example.com"),
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    ("data:text/html,x", None),
    ("file:///etc/passwd", None),
    ("//host/x", None),
    ("vbscript:x", None),
    ("https://example.com/\x1b]8;;x", None),
    (None, None),
])
def test_only_web_and_mail_urls_leave_the_report(link: str | None, href: str | None) -> None:
    assert safe_href("url", link) == href
