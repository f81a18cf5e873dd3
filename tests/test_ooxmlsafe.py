"""sms20k.ooxmlsafe: every refusal of check_package, and require_office."""

from __future__ import annotations

import io
import zipfile

import pytest

from sms20k import ooxmlsafe
from sms20k.errors import ExitCode, InputError

REQUIRED = ("[Content_Types].xml", "xl/workbook.xml")
CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="urn:x"/>'
WORKBOOK = b'<?xml version="1.0"?><workbook xmlns="urn:x"/>'


def package(*extra: tuple[str, bytes], base: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if base:
            archive.writestr("[Content_Types].xml", CONTENT_TYPES)
            archive.writestr("xl/workbook.xml", WORKBOOK)
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


def refusal(data: bytes) -> InputError:
    with pytest.raises(InputError) as caught:
        ooxmlsafe.check_package(data, "in.xlsx", REQUIRED, "the hint")
    assert caught.value.path == "in.xlsx"
    assert caught.value.exit_code == ExitCode.INVALID_INPUT
    return caught.value


def test_a_safe_package_passes() -> None:
    ooxmlsafe.check_package(package(("xl/_rels/workbook.xml.rels", b"<Relationships/>")),
                            "in.xlsx", REQUIRED, "hint")


def test_a_real_openpyxl_workbook_passes() -> None:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    ooxmlsafe.check_package(buffer.getvalue(), "in.xlsx", REQUIRED, "hint")


def test_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    data = package()
    monkeypatch.setattr(ooxmlsafe, "MAX_PACKAGE_BYTES", len(data) - 1)
    error = refusal(data)
    assert f"at most {len(data) - 1:,} are read" in error.message
    assert error.hint == "the hint"


def test_not_a_zip() -> None:
    assert "not a zip archive" in refusal(b"name,status\nS01.01,implemented\n").message


def test_too_many_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ooxmlsafe, "MAX_ENTRIES", 3)
    data = package(*((f"xl/p{n}.xml", b"<a/>") for n in range(2)))
    assert "has 4 parts; at most 3" in refusal(data).message


def test_inflates_beyond_the_total_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ooxmlsafe, "MAX_UNCOMPRESSED", 1_000)
    data = package(("xl/big.xml", b"<a>" + b"x" * 2_000 + b"</a>"))
    assert "inflates to more than 1,000 bytes" in refusal(data).message


def test_a_required_part_is_missing() -> None:
    data = package(("[Content_Types].xml", CONTENT_TYPES), base=False)
    assert "has no xl/workbook.xml" in refusal(data).message


@pytest.mark.parametrize("name", ["xl/vbaProject.bin", "word/vbaData.xml"])
def test_macros(name: str) -> None:
    error = refusal(package((name, b"<a/>")))
    assert "contains macros" in error.message
    assert error.hint is not None and "macro-free" in error.hint


def test_a_zip_bomb_part() -> None:
    data = package(("xl/bomb.xml", b"<a>" + b"0" * (3 << 20) + b"</a>"))
    assert "refused as a zip bomb" in refusal(data).message


@pytest.mark.parametrize("xml", [
    b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
    b'<?xml version="1.0"?><!DOCTYPE a SYSTEM "http://example.com/a.dtd"><a/>',
    b"<a><b></a>",
])
def test_unsafe_or_broken_xml(xml: bytes) -> None:
    assert "is not safe, well-formed XML" in refusal(package(("xl/styles.xml", xml))).message


def test_external_relationships() -> None:
    rels = (b'<Relationships><Relationship Id="r1" Target="http://example.com/x.png" '
            b'TargetMode="External"/></Relationships>')
    error = refusal(package(("xl/_rels/workbook.xml.rels", rels)))
    assert "links to external resources" in error.message


def test_non_xml_parts_are_not_parsed() -> None:
    ooxmlsafe.check_package(package(("xl/media/image1.png", b"\x89PNG not xml")),
                            "in.xlsx", REQUIRED, "hint")


def test_require_office_returns_the_module() -> None:
    assert ooxmlsafe.require_office("openpyxl", "the questionnaire").__name__ == "openpyxl"


def test_require_office_says_how_to_install() -> None:
    with pytest.raises(InputError) as caught:
        ooxmlsafe.require_office("sms20k_no_such_module.sub", "the Word report")
    assert caught.value.message.startswith("the Word report needs sms20k_no_such_module,")
    assert caught.value.hint == ooxmlsafe.OFFICE_HINT
