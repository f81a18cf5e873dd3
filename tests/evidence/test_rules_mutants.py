"""The default rules table, class by criticality (issue 12)."""

from __future__ import annotations

from sms20k.evidence.rules import ByCriticality, Rules


def test_default_classes_by_criticality() -> None:
    rules = Rules()
    assert rules.not_implemented == ByCriticality(high="major", medium="minor", low="minor")
    assert rules.planned == ByCriticality(high="major", medium="minor", low="observation")
    assert rules.partial == ByCriticality(high="minor", medium="minor", low="observation")
    assert rules.no_evidence == ByCriticality(high="major", medium="minor", low="minor")
