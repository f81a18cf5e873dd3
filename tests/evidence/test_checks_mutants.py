"""The finding for an id the checklists do not know: its item and its hint (issue 12)."""

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
