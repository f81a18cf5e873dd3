"""The finding for an id the checklists do not know: its item, place and hint (issue 12), and
the one for a second entry of an item and service (the mutation run of 2026-12-04)."""

from __future__ import annotations

from typing import Any


def _unknown(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in view["findings"] if f["code"] == "UNKNOWN_ITEM"]


def test_an_unknown_entry_item_names_the_item_and_points_to_the_scenarios(make: Any) -> None:
    view = make(entries=[{"item": "QQQQ", "status": "planned"}]).validate()
    [finding] = _unknown(view)
    assert finding["item"] == "QQQQ"
    assert finding["message"] == "QQQQ is not a scenario or item of the checklists"
    assert finding["hint"] == "see `sms20k scenarios`"


def test_an_unknown_exclusion_names_the_id(make: Any) -> None:
    view = make(exclusions=[{"id": "QQQQ", "justification": "Not ours."}]).validate()
    [finding] = _unknown(view)
    assert (finding["item"], finding["hint"]) == ("QQQQ", "see `sms20k scenarios`")


def test_an_unknown_per_service_id_is_shown_where_the_manifest_lists_it(make: Any) -> None:
    # Checker._manifest (mutation run of 2026-12-04).
    repo = make(per_service=["X02", "QQQQ"])
    view = repo.validate()
    [finding] = _unknown(view)
    lines = (repo.root / "sms20k.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip() == "- QQQQ")
    assert (finding["path"], finding["line"], finding["col"]) == (
        str(repo.root / "sms20k.yaml"), line, lines[line - 1].index("QQQQ") + 1)
    assert (finding["item"], finding["message"], finding["hint"]) == (
        "QQQQ", "QQQQ is not a scenario or item of the checklists", "see `sms20k scenarios`")


def test_a_second_entry_for_an_item_and_service_names_both(make: Any) -> None:
    # Checker._entries: the duplicate is named with its service.
    entry = {"item": "X02.01", "service": "app", "status": "planned"}
    view = make(entries=[entry, entry]).validate()
    [finding] = [f for f in view["findings"] if f["code"] == "DUPLICATE_ENTRY"]
    assert finding["message"].startswith("second entry for X02.01 (app) (the first is at "), (
        finding["message"])
