"""Throughput: `dateline ingest --workers 2` against bare spaCy `nlp.pipe(n_process=2)`.

Both run over the same real articles (the 383 of giveme5w1h-news/news_cluster.jsonl by
default), with the same spaCy pipeline and components (``dateline.nlp.load_nlp(cfg.model)``),
in one run, alternating, each measurement in a fresh process (so model caches and peak-memory
figures do not leak from one to the next). Reported per variant: the median articles/s over
the rounds, and the peak resident memory of the largest worker process and of the parent.

    ingest        `dateline ingest FILE --db TMP --workers 2` (cold: starts its workers,
                  each loads the pipeline, extracts and stores every article)
    spacy_cold    load_nlp + list(nlp.pipe(texts, n_process=2))
    spacy_pipe    list(nlp.pipe(texts, n_process=2)) with the model already loaded

The ratio the issue holds ingest to (≥ 0.75) is ingest / spacy_cold (both from a cold start);
ingest / spacy_pipe is printed too.

    .venv/bin/python benchmarks/throughput.py [--rounds 3] [--workers 2] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
CORPUS = Path("corpora/giveme5w1h-news/news_cluster.jsonl")


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


def _subset(path: Path, limit: int | None, workdir: Path) -> Path:
    if limit is None:
        return path
    out = workdir / f"subset{limit}.jsonl"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out.write_text("\n".join(lines[:limit]) + "\n", encoding="utf-8")
    return out


def _child(variant: str, source: Path, workers: int, workdir: Path) -> dict[str, Any]:
    """One measurement, in this (fresh) process."""
    from dateline.config import load_config
    from dateline.ingest import iter_articles
    from dateline.records import Article

    cfg = load_config()
    if variant == "ingest":
        from dateline.cli import main

        db = workdir / f"ingest-{os.getpid()}.db"
        args = ["ingest", str(source), "--db", str(db), "--workers", str(workers), "--no-progress"]
        start = time.perf_counter()
        code = 0
        try:
            main.main(args=args, standalone_mode=False)
        except SystemExit as exc:  # ctx.exit(1) when some input was rejected
            code = int(exc.code or 0)
        elapsed = time.perf_counter() - start
        from dateline.store import Store

        with Store(db) as store:
            n = store.counts()["articles"]
        db.unlink()
        return {"variant": variant, "articles": n, "seconds": elapsed, "exit": code,
                "worker_rss_mb": _rss_mb(resource.RUSAGE_CHILDREN),
                "parent_rss_mb": _rss_mb(resource.RUSAGE_SELF)}  # fmt: skip
    texts = [a.text for a in iter_articles([str(source)], cfg=cfg) if isinstance(a, Article)]
    from dateline.nlp import load_nlp

    start = time.perf_counter()
    nlp = load_nlp(cfg.model)
    loaded = time.perf_counter()
    docs = list(nlp.pipe(texts, n_process=workers, batch_size=32))
    end = time.perf_counter()
    seconds = end - start if variant == "spacy_cold" else end - loaded
    return {"variant": variant, "articles": len(docs), "seconds": seconds,
            "worker_rss_mb": _rss_mb(resource.RUSAGE_CHILDREN),
            "parent_rss_mb": _rss_mb(resource.RUSAGE_SELF)}  # fmt: skip


VARIANTS = ("ingest", "spacy_cold", "spacy_pipe")


def measure(
    shared: Path,
    *,
    rounds: int = 3,
    workers: int = 2,
    limit: int | None = None,
    variants: tuple[str, ...] = VARIANTS,
) -> dict[str, Any]:
    """Run every variant ``rounds`` times, alternating; return the figures."""
    runs: dict[str, list[dict[str, Any]]] = {v: [] for v in variants}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = _subset(shared / CORPUS, limit, work)
        for _ in range(rounds):
            for variant in variants:
                cmd = [sys.executable, __file__, "--child", variant, "--source", str(source),
                       "--workers", str(workers), "--workdir", str(work)]  # fmt: skip
                out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=1800)
                runs[variant].append(json.loads(out.stdout.strip().splitlines()[-1]))
    figures: dict[str, Any] = {"workers": workers, "rounds": rounds}
    for variant, items in runs.items():
        rates = [r["articles"] / r["seconds"] for r in items]
        figures[variant] = {
            "articles": items[0]["articles"],
            "articles_per_s": round(statistics.median(rates), 2),
            "seconds_median": round(statistics.median(r["seconds"] for r in items), 3),
            "worker_peak_rss_mb": round(max(r["worker_rss_mb"] for r in items), 1),
            "parent_peak_rss_mb": round(max(r["parent_rss_mb"] for r in items), 1),
        }
    ingest = figures["ingest"]["articles_per_s"]
    for other in ("spacy_cold", "spacy_pipe"):
        if other in figures:
            figures[f"ratio_vs_{other}"] = round(ingest / figures[other]["articles_per_s"], 3)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--shared", type=Path, default=SHARED / "data")
    parser.add_argument("--child", choices=["ingest", "spacy_cold", "spacy_pipe"])
    parser.add_argument("--source", type=Path)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.source, args.workers, args.workdir)))
        return
    figures = measure(args.shared, rounds=args.rounds, workers=args.workers, limit=args.limit)
    print(f"throughput over {figures['ingest']['articles']} articles of {CORPUS}, "
          f"{figures['workers']} workers, median of {figures['rounds']} rounds")  # fmt: skip
    for variant in VARIANTS:
        f = figures[variant]
        print(f"  {variant:<11} {f['articles_per_s']:8.2f} articles/s  "
              f"({f['seconds_median']:.2f} s)  peak RSS: worker {f['worker_peak_rss_mb']:.0f} MB, "
              f"parent {f['parent_peak_rss_mb']:.0f} MB")  # fmt: skip
    print(f"  ingest / spacy_cold = {figures['ratio_vs_spacy_cold']:.3f}   "
          f"ingest / spacy_pipe = {figures['ratio_vs_spacy_pipe']:.3f}")  # fmt: skip
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
