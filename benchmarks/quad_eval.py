"""Quad-class benchmark: ConfliBERT's CAMEO sentences (train: development; test: held out).

The train split (1,349 sentences) was used to develop the event lexicon: its misses were read
and general verb/noun/adjective rows and constructions added for them. The test split (451) was
never looked at sentence by sentence; it is the held-out figure and the one the gate guards.

Run from the checkout (reads ../shared/data, or $DATELINE_SHARED/data)::

    .venv/bin/python benchmarks/quad_eval.py               # the 451 test sentences (held out)
    .venv/bin/python benchmarks/quad_eval.py --split train # the 1,349 development sentences
    .venv/bin/python benchmarks/quad_eval.py --split both  # each split, one after the other
    .venv/bin/python benchmarks/quad_eval.py --split all   # test and train pooled (1,800)

Each sentence of ../shared/data/events/conflibert_cameo_quad.jsonl carries one 5-way label
(0 neutral: CAMEO 01-02; 1 verbal cooperation: 03-05; 2 material cooperation: 06-08;
3 verbal conflict: 09-13 and 16; 4 material conflict: 14, 15, 17-20). dateline's label for a
sentence is the class of the CAMEO root of its first non-negated event in document order,
passing over plain comments (010) when the sentence has another event.

Figures:
* accuracy: a sentence without any event counts as wrong;
* accuracy with "no event" read as neutral (0), the reading a sentence classifier gets;
* coverage: the share of sentences with at least one event;
* any-event accuracy: the gold class among any of the sentence's events (an upper bound);
* macro-F1 over the five classes, and the confusion matrix;
* the same accuracy on the sentences that are not also PLOVER gold records
  (plover_examples.jsonl, which the events stage was tuned against), the cleaner held-out view;
* the majority-class baseline.

``evaluate(shared_data)`` returns the figures as a dict.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dateline.records import Event
from events_eval import Stages, default_stages

CLASSES = (0, 1, 2, 3, 4)
#: A CAMEO root and the 5-way class it belongs to (ConfliBERT's / Phoenix's convention).
ROOT_CLASS = {
    **dict.fromkeys(("01", "02"), 0),
    **dict.fromkeys(("03", "04", "05"), 1),
    **dict.fromkeys(("06", "07", "08"), 2),
    **dict.fromkeys(("09", "10", "11", "12", "13", "16"), 3),
    **dict.fromkeys(("14", "15", "17", "18", "19", "20"), 4),
}
#: Sentences carry no date; the CAMEO-manual examples are old news.
_PUBLISHED = datetime(2000, 1, 1, 12, tzinfo=UTC)


def quad_of(event: Event) -> int | None:
    return ROOT_CLASS.get(event.cameo[:2])


def sentence_label(events: Sequence[Event]) -> int | None:
    """The class dateline gives a sentence, ``None`` when it found no event."""
    happened = [e for e in events if not e.negated and quad_of(e) is not None]
    if not happened:
        return None
    substantive = [e for e in happened if e.cameo != "010"]
    return quad_of((substantive or happened)[0])


def _shared() -> Path:
    root = os.environ.get("DATELINE_SHARED")
    return Path(root) if root else Path(__file__).resolve().parents[1].parent / "shared"


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def _macro_f1(pairs: Sequence[tuple[int, int | None]]) -> float:
    scores = []
    for c in CLASSES:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        n_pred = sum(1 for _g, p in pairs if p == c)
        n_gold = sum(1 for g, _p in pairs if g == c)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(scores) / len(scores)


def evaluate(shared_data: Path, *, split: str = "test", stages: Stages | None = None) -> dict[str, Any]:
    stages = stages or default_stages()
    records = _read(shared_data / "events" / "conflibert_cameo_quad.jsonl")
    if split != "all":
        records = [r for r in records if r["split"] == split]
    plover = {_squash(r["text"]) for r in _read(shared_data / "events" / "plover_examples.jsonl")}
    pairs: list[tuple[int, int | None]] = []
    any_hit = 0
    held_out: list[bool] = []
    for rec in records:
        _doc, events = stages.run(rec["text"], published=_PUBLISHED, doc_id=rec["id"])
        gold = int(rec["quad_phoenix"])
        pairs.append((gold, sentence_label(events)))
        any_hit += gold in {quad_of(e) for e in events if not e.negated}
        held_out.append(_squash(rec["text"]) not in plover)
    n = len(pairs)
    right = sum(1 for g, p in pairs if g == p)
    right_neutral = sum(1 for g, p in pairs if g == (0 if p is None else p))
    fresh = [pair for pair, keep in zip(pairs, held_out, strict=True) if keep]
    majority, majority_n = Counter(g for g, _p in pairs).most_common(1)[0]
    confusion = {g: {str(p): 0 for p in (*CLASSES, None)} for g in CLASSES}
    for g, p in pairs:
        confusion[g][str(p)] += 1
    return {
        "sentences": n,
        "accuracy": round(right / n, 4),
        "accuracy_none_as_neutral": round(right_neutral / n, 4),
        "coverage": round(sum(1 for _g, p in pairs if p is not None) / n, 4),
        "any_event_accuracy": round(any_hit / n, 4),
        "macro_f1": round(_macro_f1(pairs), 4),
        "not_plover_sentences": len(fresh),
        "not_plover_accuracy": round(sum(1 for g, p in fresh if g == p) / max(1, len(fresh)), 4),
        "majority_class": majority,
        "majority_baseline": round(majority_n / n, 4),
        "confusion": confusion,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "train", "both", "all"), default="test")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    shared = _shared() / "data"
    if not shared.is_dir():
        print(f"no shared data at {shared}: set DATELINE_SHARED", file=sys.stderr)
        return 2
    splits = ("test", "train") if args.split == "both" else (args.split,)
    stages = default_stages()
    for split in splits:
        figures = evaluate(shared, split=split, stages=stages)
        if args.json:
            print(json.dumps({"split": split, **figures}, indent=2))
        else:
            _print(split, figures)
    return 0


def _print(split: str, figures: dict[str, Any]) -> None:
    role = {"test": "held out", "train": "lexicon development", "all": "pooled"}[split]
    print(f"== ConfliBERT CAMEO quad classes ({split}, {role}: {figures['sentences']} sentences)")
    for key in (
        "accuracy",
        "accuracy_none_as_neutral",
        "coverage",
        "any_event_accuracy",
        "macro_f1",
        "majority_baseline",
    ):
        print(f"  {key:26} {figures[key]:.3f}")
    print(
        f"  not_plover_accuracy        {figures['not_plover_accuracy']:.3f}"
        f" (the {figures['not_plover_sentences']} sentences that are not PLOVER gold records)"
    )
    print("  confusion (gold row → ours: 0 1 2 3 4 none)")
    for g, row in figures["confusion"].items():
        print(f"    {g}: " + " ".join(f"{row[k]:4d}" for k in row))


if __name__ == "__main__":
    raise SystemExit(main())
