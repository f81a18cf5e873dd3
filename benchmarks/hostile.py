"""Write the hostile-size inputs of issue 11 at a chosen size N, for the growth case.

    python benchmarks/hostile.py KIND N --out DIR

KIND is one of:

- ``unknown-keys``: N unknown keys in the manifest's ``organization`` (refused, exit 2);
- ``include-patterns``: N distinct ``**/eK/*.yaml`` patterns over a tree of 3,000 empty
  directories, as in issue 11 (one walk; its cost grows with directories x patterns, so the
  tree stays fixed and only the patterns double). Each matches nothing: exit 2, one
  INCLUDE_EMPTY per pattern;
- ``services``: N services, every scenario judged per service (about 190 results each),
  and no evidence for them;
- ``unknown-ids``: N evidence entries, each for a distinct item id the catalog lacks, shaped
  like a real one (``X012.34``), so each gets a "did you mean" search.

Each starts from the same small valid repository of generate.py (20 entries), so the
difference between two sizes is the hostile part alone.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml
from generate import generate

KINDS = ("unknown-keys", "include-patterns", "services", "unknown-ids")
BASE_ITEMS = 20
TREE_DIRECTORIES = 3_000


def _manifest(out: Path) -> dict[str, object]:
    loaded: dict[str, object] = yaml.safe_load((out / "sms20k.yaml").read_text())
    return loaded


def _save(out: Path, manifest: dict[str, object]) -> None:
    (out / "sms20k.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))


def unknown_keys(out: Path, n: int) -> None:
    manifest = _manifest(out)
    organization = manifest["organization"]
    assert isinstance(organization, dict)
    organization.update({f"unknown_key_{i}": i for i in range(n)})
    _save(out, manifest)


def include_patterns(out: Path, n: int) -> None:
    for d in range(TREE_DIRECTORIES):
        (out / "tree" / f"d{d // 100}" / f"e{d}").mkdir(parents=True)
    manifest = _manifest(out)
    manifest["include"] = ["evidence/*.yaml", *(f"**/e{k}/*.yaml" for k in range(n))]
    _save(out, manifest)


def services(out: Path, n: int) -> None:
    manifest = _manifest(out)
    scope = manifest["scope"]
    assert isinstance(scope, dict)
    scope["services"] = [{"id": f"svc-{s:04d}", "name": f"Service {s}", "categories": ["SaaS"],
                          "deployment_models": ["public"]} for s in range(n)]
    _save(out, manifest)


def unknown_ids(out: Path, n: int) -> None:
    lines = ["entries:\n"]
    lines += [f"  - {{item: X{i // 100:03d}.{i % 100:02d}, status: planned}}\n"
              for i in range(n)]
    (out / "evidence" / "unknown.yaml").write_text("".join(lines))


WRITERS = {"unknown-keys": unknown_keys, "include-patterns": include_patterns,
           "services": services, "unknown-ids": unknown_ids}


def write(kind: str, n: int, out: Path) -> None:
    generate(BASE_ITEMS, out)
    WRITERS[kind](out, n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("n", type=int)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    write(args.kind, args.n, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
