"""Speed of the whole extract against the bare spaCy parse of the same texts, in one run.

Both sides use the same loaded pipeline (same model, same components, same spaCy batch size) on
the same document texts, one process; each side runs several times, alternating, and the medians are compared.

    python benchmarks/extract_speed.py [--shared ../shared] [--limit 120] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from dateline.config import load_config
from dateline.ingest import iter_articles
from dateline.parse import parse_article
from dateline.pipeline import NLP_BATCH_SIZE, Pipeline
from dateline.records import Article

ROOT = Path(__file__).resolve().parent.parent


def load_articles(shared: Path, limit: int) -> list[Article]:
    path = shared / "data" / "corpora" / "giveme5w1h-news" / "news_cluster.jsonl"
    cfg = load_config(environ={})
    items = iter_articles([str(path)], cfg=cfg, input_format="jsonl")
    return [a for a in items if isinstance(a, Article)][:limit]


def measure(shared: Path, *, limit: int, runs: int) -> dict[str, Any]:
    """Seconds for the bare parse and for the whole extract; their ratio (median of runs)."""
    cfg = load_config(environ={})
    pipeline = Pipeline(cfg)
    articles = load_articles(shared, limit)
    texts = [parse_article(a, cfg=cfg).text for a in articles]
    nlp = pipeline.nlp
    list(nlp.pipe(texts[:5]))  # warm up: lazy tables, first allocations
    list(pipeline.extract_many(articles[:5]))
    bare: list[float] = []
    full: list[float] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=NLP_BATCH_SIZE):
            pass
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        results = list(pipeline.extract_many(articles))
        full.append(time.perf_counter() - t0)
    failed = sum(1 for r in results if not hasattr(r, "document"))
    words = sum(len(t.split()) for t in texts)
    return {
        "articles": len(articles),
        "words": words,
        "bare_parse_s": statistics.median(bare),
        "extract_s": statistics.median(full),
        "ratio": statistics.median(full) / statistics.median(bare),
        "runs": runs,
        "failed": failed,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "model": cfg.model,
        "components": list(nlp.pipe_names),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = measure(args.shared, limit=args.limit, runs=args.runs)
    if args.json:
        print(json.dumps(result))
        return 0
    print(
        f"extract vs bare spaCy parse, {result['articles']} Giveme5W1H articles "
        f"({result['words']} words), model {result['model']} {result['components']}"
    )
    print(f"  bare nlp.pipe : {result['bare_parse_s']:.2f} s (median of {result['runs']})")
    print(f"  whole extract : {result['extract_s']:.2f} s")
    print(f"  ratio         : {result['ratio']:.2f}x   (bar: <= 1.2x)")
    print(f"  peak RSS      : {result['peak_rss_mb']:.0f} MB (one process)   failed: {result['failed']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
