"""Checks on the ``actions:`` list: each action names a known item or service, ids are unique,
dates are not after the as-of date, and open work has an owner and a due date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator

from sms20k import codes
from sms20k.evidence.actions import OPEN_STATUSES, Action
from sms20k.evidence.repo import Located, Repository
from sms20k.evidence.scope import ScopeIndex
from sms20k.findings import Finding, where
from sms20k.suggest import did_you_mean

Unknown = Callable[[Located[None], str], Finding]


def action_findings(repo: Repository, scope: ScopeIndex, known_items: Collection[str],
                    as_of: dt.date, unknown: Unknown) -> Iterator[Finding]:
    seen: dict[str, Located[Action]] = {}
    for located in repo.actions:
        action = located.value
        yield from _subject(located, scope, known_items, unknown)
        if action.id is not None:
            first = seen.setdefault(action.id, located)
            if first is not located:
                pos = first.doc.locate(first.loc)
                yield located.finding(
                    codes.ACTION_DUPLICATE, f"action id {action.id!r} is already used at "
                    f"{where(first.doc.display, pos.line if pos else None, None)}",
                    at=("id",), hint="give each action its own id", item=action.item,
                    service=action.service)
        for field, day in (("completed", action.completed),
                           ("effectiveness", action.effectiveness.reviewed
                            if action.effectiveness else None)):
            if day is not None and day > as_of:
                at = ("effectiveness", "reviewed") if field == "effectiveness" else (field,)
                yield located.finding(codes.DATE_IN_FUTURE,
                                      f"{'.'.join(at)} date {day} is after the as-of date "
                                      f"{as_of}", at=at, hint="fix the date",
                                      item=action.item, service=action.service)
        if action.status in OPEN_STATUSES and (action.owner is None or action.due is None):
            lacking = " and ".join(name for name, value in (
                ("owner", action.owner), ("due date", action.due)) if value is None)
            yield located.finding(codes.ACTION_INCOMPLETE,
                                  f"corrective action for {action.named} has no {lacking}",
                                  hint="add `owner:` and `due:`", item=action.item,
                                  service=action.service)


def _subject(located: Located[Action], scope: ScopeIndex,
             known_items: Collection[str], unknown: Unknown) -> Iterator[Finding]:
    action = located.value
    if action.item is None:
        return
    if action.item not in known_items:
        yield unknown(Located(None, located.doc, (*located.loc, "item")), action.item)
        return
    if action.service is None:
        return
    if not scope.per_service(action.item):
        yield located.finding(codes.SERVICE_NOT_EXPECTED,
                              f"{action.item} is assessed once for the whole scope",
                              at=("service",), item=action.item,
                              hint="remove `service:` or add the item to scope.per_service")
    elif action.service not in scope.services:
        yield located.finding(codes.UNKNOWN_SERVICE,
                              f"{action.service!r} is not a service in scope", at=("service",),
                              hint=did_you_mean(action.service, scope.services)
                              or "add it to scope.services", item=action.item)
