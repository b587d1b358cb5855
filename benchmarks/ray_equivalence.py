"""Local engine vs Ray engine on the same articles: identical stores, and the time each takes.

Takes the first N articles of the Giveme5W1H news_cluster corpus (read from ../shared/data
at run time into a temporary JSONL file), ingests them once with the local engine (worker
processes) and once with the Ray engine (a local Ray with ``--workers`` CPUs) into two
fresh stores, and compares what they stored: article ids, extraction JSON, event rows,
quote rows, quarantine rows and table counts (row ids, run numbers and timestamps aside).

    .venv/bin/python benchmarks/ray_equivalence.py [--n 100] [--workers 2] [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dateline.batch import Engine, ingest_sources
from dateline.config import load_config
from dateline.records import to_json
from dateline.store import Store

CORPUS = Path("corpora", "giveme5w1h-news", "news_cluster.jsonl")
LOCAL_KEYS = {"run", "pk", "rowid", "article_pk", "time", "id"}


def _rows(rows: Iterable[dict[str, Any]], drop: set[str]) -> list[str]:
    return sorted(
        json.dumps({k: v for k, v in r.items() if k not in drop}, sort_keys=True, default=str) for r in rows
    )


def dump(store: Store) -> dict[str, Any]:
    """The store's content without store-local keys, comparable across stores."""
    return {
        "articles": sorted(store.article_ids()),
        "extractions": sorted(json.dumps(to_json(e), sort_keys=True) for e in store.extractions()),
        "events": _rows(store.events(), LOCAL_KEYS - {"id"}),
        "quotes": _rows(store.quotes(), LOCAL_KEYS - {"id"}),
        "quarantine": _rows(store.quarantined(), LOCAL_KEYS),
        "counts": {k: v for k, v in store.counts().items() if k != "runs"},
    }


def _subset(shared: Path, n: int, out: Path) -> int:
    lines = []
    with (shared / CORPUS).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                lines.append(line.rstrip("\n"))
            if len(lines) >= n:
                break
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def evaluate(shared: Path, *, n: int = 100, workers: int = 2) -> dict[str, Any]:
    """Run both engines on the first ``n`` articles; figures and whether each table matches."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    cfg = load_config()
    figures: dict[str, Any] = {"workers": workers}
    dumps: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "subset.jsonl")
        figures["articles_in"] = _subset(shared, n, src)
        engines: tuple[Engine, ...] = ("local", "ray")
        for engine in engines:
            with Store(Path(tmp, f"{engine}.db")) as store:
                t0 = time.perf_counter()
                report = ingest_sources([str(src)], store=store, cfg=cfg, workers=workers, engine=engine)
                figures[f"{engine}_seconds"] = round(time.perf_counter() - t0, 2)
                figures[f"{engine}_stored"] = report.counts.added
                figures[f"{engine}_quarantined"] = report.counts.quarantined
                dumps[engine] = dump(store)
    local, ray_ = dumps["local"], dumps["ray"]
    figures["events"] = len(local["events"])
    figures["quotes"] = len(local["quotes"])
    for key in local:
        figures[f"same_{key}"] = local[key] == ray_[key]
    figures["identical"] = all(figures[f"same_{key}"] for key in local)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--shared", type=Path, default=root.parent / "shared" / "data")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    figures = evaluate(args.shared, n=args.n, workers=args.workers)
    for key, value in figures.items():
        print(f"{key:22} {value}")
    return 0 if figures["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
