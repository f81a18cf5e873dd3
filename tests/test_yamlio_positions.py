"""Positions from the event-based reader match libyaml's node marks, key by key.

This pins the optimisation of sms20k.yamlio: findings keep the file:line:col that composing
the node graph (the reader sms20k used before) gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sms20k.yamlio import Position, parse

from .conftest import generate_repo

ROOT = Path(__file__).resolve().parents[1]


def _walk(node: Node, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Position, Position]]:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            assert isinstance(key, ScalarNode)
            step: Any = key.value
            key_pos = Position(key.start_mark.line + 1, key.start_mark.column + 1)
            val_pos = Position(value.start_mark.line + 1, value.start_mark.column + 1)
            yield (*loc, step), key_pos, val_pos
            yield from _walk(value, (*loc, step))
    elif isinstance(node, SequenceNode):
        for index, value in enumerate(node.value):
            pos = Position(value.start_mark.line + 1, value.start_mark.column + 1)
            yield (*loc, index), pos, pos
            yield from _walk(value, (*loc, index))


def _files() -> list[Path]:
    files = sorted((ROOT / "examples" / "nimbus-cloud").rglob("*.yaml"))
    files += sorted((ROOT / "checklists").rglob("*.yaml"))
    files += sorted((ROOT / "tests" / "data" / "assess").rglob("*.yaml"))
    return files


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_key_and_value_position_matches_composed_nodes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = parse(text, str(path))
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    assert root is not None
    checked = 0
    for loc, key_pos, value_pos in _walk(root, ()):
        # Keys are constructed values (dates, ints) in our data; compare by walking our data.
        steps = _our_steps(doc.data, loc)
        if steps is None:
            continue
        assert doc.locate(steps) == value_pos, steps
        if isinstance(steps[-1], str):
            assert doc.locate(steps, key=True) == key_pos, steps
        checked += 1
    assert checked > 0


def _our_steps(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...] | None:
    steps: list[Any] = []
    node = data
    for step in loc:
        if isinstance(node, dict):
            match = next((k for k in node if str(k) == step or k == step), None)
            if match is None:
                return None
            steps.append(match)
            node = node[match]
        else:
            steps.append(step)
            node = node[step]
    return tuple(steps)


def test_findings_on_a_generated_repository_point_where_the_nodes_are(tmp_path: Path) -> None:
    from sms20k.evidence.validate import validate

    repo = tmp_path / "gen"
    generate_repo(300, repo, seed=7)
    part = repo / "evidence" / "part-0000.yaml"
    text = part.read_text()
    # Break three references in different ways, far apart in the file.
    data = yaml.safe_load(text)
    targets = [e for e in data["entries"] if e["evidence"]][5::90][:3]
    for entry, replacement in zip(targets, ("docs/missing.md", "/etc/passwd", "../x.md"),
                                  strict=True):
        text = text.replace(f"path: {entry['evidence'][0]['path']}\n",
                            f"path: {replacement}\n", 1)
    part.write_text(text)
    import datetime as dt

    result = validate(repo, dt.date(2026, 11, 15))
    found = [f for f in result.findings if f.code.startswith("REF_")]
    assert len(found) == 3
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    expected = set()
    for loc, _, value_pos in _walk(root, ()):
        if loc[-1] == "path" and str(loc[-1]) and _value(root, loc) in (
                "docs/missing.md", "/etc/passwd", "../x.md"):
            expected.add((value_pos.line, value_pos.col))
    assert {(f.line, f.col) for f in found} == expected


def _value(node: Node, loc: tuple[Any, ...]) -> Any:
    for step in loc:
        if isinstance(node, MappingNode):
            node = next(v for k, v in node.value if k.value == step)
        else:
            assert isinstance(node, SequenceNode)
            node = node.value[step]
    return node.value
