"""Write a synthetic but valid evidence repository for benchmarks.

    python benchmarks/generate.py --items N --out DIR [--services S] [--docs-per-item K]
                                  [--doc-bytes B] [--seed X] [--lock]

N evidence entries over the built-in checklists: items are assessed per service, with as many
services as it takes to reach N distinct (item, service) pairs. Entries are split into files
of at most 1,000 entries, found through ``include:``. Each entry references K real files of
B bytes. The same seed gives the same repository, byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import random
import sys
from pathlib import Path

import yaml

from sms20k.checklists.loader import load_catalog

ENTRIES_PER_FILE = 1000
STATUSES = ("implemented",) * 6 + ("partial", "partial", "planned", "not-implemented")
AS_OF = dt.date(2026, 11, 15)


def _doc(rng: random.Random, size: int, title: str) -> bytes:
    words = ("service", "tenant", "capacity", "review", "change", "incident", "supplier",
             "availability", "policy", "record", "cloud", "evidence", "approved", "region")
    text = [f"# {title}\n\n"]
    length = len(text[0])
    while length < size:
        line = " ".join(rng.choice(words) for _ in range(12)) + ".\n"
        text.append(line)
        length += len(line)
    return "".join(text).encode()[:size]


def generate(items: int, out: Path, *, services: int = 1, docs_per_item: int = 1,
             doc_bytes: int = 2048, seed: int = 0, lock: bool = False) -> dict[str, int]:
    rng = random.Random(seed)
    catalog = load_catalog()
    item_ids = list(catalog.items)
    services = max(services, math.ceil(items / len(item_ids)))
    out.mkdir(parents=True, exist_ok=True)
    (out / "evidence").mkdir(exist_ok=True)
    (out / "docs").mkdir(exist_ok=True)
    pairs = [(item, f"svc-{s:04d}") for s in range(services) for item in item_ids][:items]
    hashes: dict[str, str] = {}
    entries = []
    for n, (item, service) in enumerate(pairs):
        status = rng.choice(STATUSES)
        refs = []
        for k in range(docs_per_item if status != "not-implemented" else 0):
            rel = f"docs/{n // 1000:03d}/{item}-{service}-{k}.md"
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = _doc(rng, doc_bytes, f"{item} evidence for {service}")
            path.write_bytes(data)
            if lock:
                hashes[rel] = hashlib.sha256(data).hexdigest()
            refs.append({"path": rel, "description": f"Evidence {k + 1} for {item}.",
                         "reviewed": AS_OF - dt.timedelta(days=rng.randrange(1, 25))})
        entry = {"item": item, "service": service, "status": status, "owner": "Owner",
                 "reviewed": AS_OF - dt.timedelta(days=rng.randrange(1, 25)), "evidence": refs}
        if status == "implemented" and not refs:
            entry["status"] = "partial"
        entries.append(entry)
    for start in range(0, len(entries), ENTRIES_PER_FILE):
        chunk = entries[start:start + ENTRIES_PER_FILE]
        name = out / "evidence" / f"part-{start // ENTRIES_PER_FILE:04d}.yaml"
        name.write_text(yaml.dump({"entries": chunk}, sort_keys=False,
                                       Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper)))
    used = sorted({s for _, s in pairs})
    manifest = {
        "version": 1,
        "organization": {"name": "Benchmark Cloud"},
        "assessment": {"title": "Benchmark", "date": AS_OF, "assessor": "generate.py"},
        "scope": {"role": "cloud-service-provider",
                  "services": [{"id": s, "name": s, "categories": ["SaaS"],
                                "deployment_models": ["public"]} for s in used],
                  "per_service": [s.scenario.id for s in catalog.scenarios]},
        "include": ["evidence/*.yaml"],
    }
    (out / "sms20k.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    if lock:
        (out / "sms20k.lock.json").write_text(
            json.dumps({"version": 1, "files": dict(sorted(hashes.items()))}, indent=2) + "\n")
    return {"entries": len(entries), "services": len(used), "files": len(hashes) or
            sum(len(e["evidence"]) for e in entries)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, required=True, help="evidence entries to write")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--services", type=int, default=1)
    parser.add_argument("--docs-per-item", type=int, default=1)
    parser.add_argument("--doc-bytes", type=int, default=2048)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lock", action="store_true", help="also write sms20k.lock.json")
    args = parser.parse_args(argv)
    if args.items < 1:
        parser.error("--items must be at least 1")
    stats = generate(args.items, args.out, services=args.services,
                     docs_per_item=args.docs_per_item, doc_bytes=args.doc_bytes,
                     seed=args.seed, lock=args.lock)
    print(f"{args.out}: {stats['entries']} entries, {stats['services']} services, "
          f"{stats['files']} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
