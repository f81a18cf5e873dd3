"""The cache of the built-in checklists gives exactly what parsing them gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sms20k import usercache
from sms20k.checklists import cache, loader
from sms20k.checklists.models import Scenario


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory, and the registry and companion read again."""
    monkeypatch.setenv(usercache.CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    monkeypatch.delenv(usercache.NO_CACHE_VARIABLE, raising=False)
    loader.load_registry.cache_clear()
    loader.load_companion.cache_clear()
    yield tmp_path / "cache" / cache.FILE_NAME
    loader.load_registry.cache_clear()
    loader.load_companion.cache_clear()


def _dump(catalog: loader.Catalog) -> list[object]:
    return [(s.source, s.builtin, s.scenario.model_dump()) for s in catalog.scenarios]


def test_a_cached_catalog_is_the_parsed_one(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = loader.load_catalog()  # a miss: parsed and written
    entries = json.loads(fresh.read_text(encoding="utf-8"))["entries"]
    assert len(entries) == len(parsed.scenarios) + 4  # 15 scenarios, 2 editions, crosswalk,
    loader.load_registry.cache_clear()               # companion
    loader.load_companion.cache_clear()
    cached = loader.load_catalog()
    assert _dump(cached) == _dump(parsed)
    assert cached.registry.trees["2018"].clauses == parsed.registry.trees["2018"].clauses
    assert cached.items.keys() == parsed.items.keys()
    monkeypatch.setenv(usercache.NO_CACHE_VARIABLE, "1")
    assert _dump(loader.load_catalog()) == _dump(parsed)


def test_an_entry_that_does_not_validate_is_parsed_again(fresh: Path) -> None:
    first = loader.load_catalog()
    data = json.loads(fresh.read_text(encoding="utf-8"))
    name = first.scenarios[0].source
    data["entries"][name]["data"]["items"] = "not a list"  # same key, damaged content
    fresh.write_text(json.dumps(data), encoding="utf-8")
    assert _dump(loader.load_catalog()) == _dump(first)


def test_the_key_changes_with_the_bytes_and_the_model() -> None:
    assert cache.digest("a: 1\n", Scenario) != cache.digest("a: 2\n", Scenario)
    assert cache.digest("a: 1\n", Scenario) != cache.digest("a: 1\n", loader.ClauseFile)


def test_a_stale_entry_is_a_miss(fresh: Path, tmp_path: Path) -> None:
    loader.load_catalog()
    store = cache.Store(tmp_path / "cache")
    name = "checklists/scenarios/S01.yaml"
    assert store.get(name, "0" * 64, Scenario) is None
    other = cache.Store(tmp_path / "cache")
    text = json.loads(fresh.read_text(encoding="utf-8"))["entries"][name]
    assert other.get(name, text["key"], Scenario) is not None


@pytest.mark.parametrize("damage", ["not json", "[]", '{"sms20k": "0.0.0", "entries": {}}'])
def test_a_damaged_or_foreign_cache_file_is_no_cache(fresh: Path, damage: str) -> None:
    fresh.parent.mkdir(parents=True)
    fresh.write_text(damage, encoding="utf-8")
    assert len(loader.load_catalog().scenarios) == 15
    assert json.loads(fresh.read_text(encoding="utf-8"))["entries"]  # rewritten whole


def test_an_unwritable_cache_is_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(usercache.CACHE_DIR_VARIABLE, str(blocker / "cache"))
    loader.load_registry.cache_clear()
    assert len(loader.load_catalog().scenarios) == 15


def test_the_default_place_is_the_user_cache_directory(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    monkeypatch.delenv(usercache.CACHE_DIR_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert usercache.cache_dir() == tmp_path / "sms20k"
    monkeypatch.setenv(usercache.NO_CACHE_VARIABLE, "1")
    assert usercache.cache_dir() is None
