"""Across-articles linking: precision and recall over article pairs against Giveme5W1H's
same-event clusters.

Ingests ../shared/data/corpora/giveme5w1h-news/news_cluster.jsonl (383 articles, 69 gold
events: each record's ``newsCluster.EventId``) into a fresh store, links story events
(``Store.link_stories``: same type, same actor and recipient codes, days at most one apart),
and scores article pairs: a pair is predicted linked when the two articles share a story
event, and gold-linked when they have the same EventId.

    .venv/bin/python benchmarks/dedup_eval.py [--limit N] [--workers 2] [--db PATH]

``--db`` reuses (or keeps) a store; without it a temporary one is used.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
CORPUS = Path("corpora/giveme5w1h-news/news_cluster.jsonl")


def _pairs(groups: dict[Any, set[int]]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for members in groups.values():
        out.update(itertools.combinations(sorted(members), 2))
    return out


def evaluate(
    shared: Path, *, limit: int | None = None, workers: int = 2, db: Path | None = None
) -> dict[str, Any]:
    """Ingest (first ``limit`` lines of) the corpus, link stories, score article pairs."""
    from dateline.batch import ingest_sources
    from dateline.config import load_config
    from dateline.store import Store

    path = shared / CORPUS
    lines = path.read_text(encoding="utf-8").splitlines()
    if limit is not None:
        lines = lines[:limit]
    gold_event = {
        number: json.loads(line)["newsCluster"]["EventId"]
        for number, line in enumerate(lines, start=1)
        if line.strip()
    }
    with tempfile.TemporaryDirectory() as tmp:
        source = path
        if limit is not None:
            source = Path(tmp) / path.name
            source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with Store(db or Path(tmp) / "dedup.db") as store:
            ingest_sources([str(source)], store=store, cfg=load_config(), workers=workers)
            store.link_stories()
            line_of = {
                pk: int(src.rsplit(":", 1)[1])
                for pk, src in store.conn.execute("SELECT pk, source FROM articles")
            }
            predicted_groups: dict[Any, set[int]] = {}
            for story, article in store.conn.execute(
                "SELECT se.story, e.article FROM story_events se JOIN events e ON e.pk = se.event "
                "JOIN stories s ON s.pk = se.story WHERE s.sources > 1"
            ):
                predicted_groups.setdefault(story, set()).add(line_of[article])
            counts = store.counts()
            n_events = counts["events"]
            n_stories = int(
                store.conn.execute("SELECT COUNT(*) FROM stories WHERE sources > 1").fetchone()[0]
            )
    stored = set(line_of.values())
    gold_groups: dict[Any, set[int]] = {}
    for number, event in gold_event.items():
        if number in stored:
            gold_groups.setdefault(event, set()).add(number)
    predicted, gold = _pairs(predicted_groups), _pairs(gold_groups)
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "articles": len(stored),
        "events": n_events,
        "linked_stories": n_stories,
        "gold_events": len(gold_groups),
        "gold_pairs": len(gold),
        "predicted_pairs": len(predicted),
        "correct_pairs": hits,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N lines")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--shared", type=Path, default=SHARED / "data")
    args = parser.parse_args()
    f = evaluate(args.shared, limit=args.limit, workers=args.workers, db=args.db)
    print(f"story-event linking on {CORPUS}: {f['articles']} articles, {f['events']} events, "
          f"{f['linked_stories']} stories linking 2+ articles")  # fmt: skip
    print(f"  article pairs: gold {f['gold_pairs']} ({f['gold_events']} gold events), "
          f"predicted {f['predicted_pairs']}, correct {f['correct_pairs']}")  # fmt: skip
    print(f"  precision {f['precision']:.3f}  recall {f['recall']:.3f}  F1 {f['f1']:.3f}")
    print(json.dumps(f))


if __name__ == "__main__":
    main()
