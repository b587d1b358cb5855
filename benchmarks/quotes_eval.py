"""Quote attribution on PolNeAR (dev, optionally train) and the seed's gold, beside textacy.

Usage::

    .venv/bin/python benchmarks/quotes_eval.py [--data ../shared/data] [--train | --train-only]
        [--limit N] [--cache DIR] [--misses N] [--seed-misses S]

Reads ``<data>/quotes/`` (see its README). The matching rule is the README's: a predicted quote
is assigned to the gold attribution whose content shares most of its letters and digits, when
at least half of the prediction's letters and digits fall inside it; its speaker is right when
the predicted speaker span shares a letter or digit with the gold source span. A gold quote is
found when its assigned predictions cover at least half of its letters and digits.

A prediction's letters are its quote-marked segments for a direct quote and its whole ``text``
span for mixed and indirect quotes. Precision is per predicted kind, recall per gold kind.
textacy 0.13's ``direct_quotations`` runs on the same parsed ``Doc`` in the same run (its
predictions are direct quotes; an article on which it raises counts as one without output).

``evaluate(data_dir, splits=("dev",))`` returns the figures as a dict; the gate test calls it.

``--misses N`` lists N sampled gold quotes we miss (kind, cue, text, gold speaker and our
nearest prediction), N false positives and N wrong speakers per split, for error analysis (do it
on train: dev is the reported figure). ``--cache DIR`` keeps the parsed documents (spaCy
``DocBin``, keyed by corpus file, limit and pipeline version) so a rerun skips the parse.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from dateline.config import Config, load_config
from dateline.nlp import load_nlp
from dateline.quotes import extract_quotes
from dateline.records import Actor, Article, Document, Mention, Paragraph, Quote

log = logging.getLogger("quotes_eval")

KINDS = ("direct", "mixed", "indirect")


@dataclass(frozen=True)
class Pred:
    """One predicted quote: its kind, the letter positions it claims, its speaker span."""

    kind: str
    letters: frozenset[int]
    speaker: tuple[int, int] | None
    text: str = ""
    cue: str | None = None


def letters_in(text: str, spans: Iterable[Sequence[int]]) -> frozenset[int]:
    """The offsets of letters and digits inside ``spans`` of ``text``."""
    return frozenset(i for s, e in spans for i in range(s, e) if text[i].isalnum())


def polnear_document(record: dict[str, Any]) -> Document:
    """A PolNeAR article as a Document: blank-line paragraphs, the first one the headline."""
    text = record["text"]
    paragraphs: list[Paragraph] = []
    pos = 0
    for chunk in text.split("\n\n"):
        start = pos
        pos += len(chunk) + 2
        stripped = chunk.strip()
        if not stripped:
            continue
        s = start + chunk.index(stripped[0])
        e = s + len(stripped)
        role = "headline" if not paragraphs and "\n" not in stripped else "body"
        paragraphs.append(Paragraph(s, e, role))
    return Document(id=str(record.get("id", "")), text=text, paragraphs=tuple(paragraphs))


def predictions_of(quotes: Sequence[Quote], text: str) -> list[Pred]:
    out = []
    for q in quotes:
        spans = [(s.start, s.end) for s in q.segments] if q.kind == "direct" else [(q.start, q.end)]
        speaker = (q.speaker.start, q.speaker.end) if q.speaker is not None else None
        out.append(Pred(q.kind, letters_in(text, spans), speaker, q.text, q.cue))
    return out


def textacy_predictions(doc: Doc) -> tuple[list[Pred], bool]:
    """textacy's direct quotations as predictions, and whether it raised on this doc."""
    from textacy.extract.triples import direct_quotations

    out: list[Pred] = []
    try:
        triples = list(direct_quotations(doc))
    except (ValueError, IndexError, AttributeError, TypeError):  # textacy's own failures
        return out, True
    for triple in triples:
        content = [(t.idx, t.idx + len(t)) for t in triple.content]
        speaker = [(t.idx, t.idx + len(t)) for t in triple.speaker]
        sp = (min(s for s, _ in speaker), max(e for _, e in speaker)) if speaker else None
        out.append(Pred("direct", letters_in(doc.text, content), sp))
    return out, False


class Tally:
    """Counts for one system on one corpus under the matching rule."""

    def __init__(self, *, details: bool = False) -> None:
        self.details = details
        self.misses: list[dict[str, Any]] = []
        self.false_positives: list[dict[str, Any]] = []
        self.wrong_speakers: list[dict[str, Any]] = []
        #: per predicted cue: [predictions, right ones]
        self.by_cue: dict[str, list[int]] = {}
        self.pred = dict.fromkeys(KINDS, 0)
        self.pred_ok = dict.fromkeys(KINDS, 0)
        self.gold = dict.fromkeys(KINDS, 0)
        self.found = dict.fromkeys(KINDS, 0)
        self.with_source = dict.fromkeys(KINDS, 0)
        self.speaker_ok = dict.fromkeys(KINDS, 0)
        self.all_speaker_ok = 0

    def add(
        self, text: str, gold: Sequence[dict[str, Any]], preds: Sequence[Pred], *, article: str = ""
    ) -> None:
        gold_letters = [letters_in(text, g["quote_spans"]) for g in gold]
        gold_speaker = [
            letters_in(text, g["speaker_spans"]) if g.get("speaker_spans") else frozenset() for g in gold
        ]
        covered: list[set[int]] = [set() for _ in gold]
        for p in preds:
            self.pred[p.kind] += 1
            cue_count = self.by_cue.setdefault(f"{p.kind}:{p.cue}", [0, 0])
            cue_count[0] += 1
            if not p.letters:
                continue
            best, best_n = -1, 0
            for gi, gl in enumerate(gold_letters):
                n = len(p.letters & gl)
                if n > best_n:
                    best, best_n = gi, n
            if best < 0 or best_n < 0.5 * len(p.letters):
                if self.details:
                    self.false_positives.append(
                        _pred_row(article, text, p, gold[best] if best >= 0 else None)
                    )
                continue
            self.pred_ok[p.kind] += 1
            cue_count[1] += 1
            covered[best] |= p.letters & gold_letters[best]
            ok = p.speaker is not None and bool(letters_in(text, [p.speaker]) & gold_speaker[best])
            if gold_speaker[best]:
                self.with_source[p.kind] += 1
                self.speaker_ok[p.kind] += ok
                if self.details and not ok:
                    self.wrong_speakers.append(_pred_row(article, text, p, gold[best]))
            self.all_speaker_ok += ok
        for gi, g in enumerate(gold):
            self.gold[g["type"]] += 1
            if gold_letters[gi] and len(covered[gi]) >= 0.5 * len(gold_letters[gi]):
                self.found[g["type"]] += 1
            elif self.details:
                near = max(preds, key=lambda p: len(p.letters & gold_letters[gi]), default=None)
                if near is not None and not near.letters & gold_letters[gi]:
                    near = None
                self.misses.append(
                    {
                        "article": article,
                        "kind": g["type"],
                        "start": g["quote_start"],
                        "cue": g.get("cue"),
                        "quote": g["quote_text"],
                        "speaker": g.get("speaker_text"),
                        "context": _context(text, g["quote_start"], g["quote_end"]),
                        "nearest": None if near is None else f"[{near.kind} {near.cue}] {near.text}",
                    }
                )

    def figures(self) -> dict[str, float]:
        def ratio(a: float, b: float) -> float:
            return round(a / b, 4) if b else 0.0

        dm = ("direct", "mixed")
        out: dict[str, float] = {}
        for kind in KINDS:
            out[f"P_{kind}"] = ratio(self.pred_ok[kind], self.pred[kind])
            out[f"R_{kind}"] = ratio(self.found[kind], self.gold[kind])
            out[f"n_pred_{kind}"] = self.pred[kind]
            out[f"n_gold_{kind}"] = self.gold[kind]
        out["P_direct+mixed"] = ratio(sum(self.pred_ok[k] for k in dm), sum(self.pred[k] for k in dm))
        out["R_direct+mixed"] = ratio(sum(self.found[k] for k in dm), sum(self.gold[k] for k in dm))
        out["P_all"] = ratio(sum(self.pred_ok.values()), sum(self.pred.values()))
        out["speaker_accuracy"] = ratio(sum(self.speaker_ok.values()), sum(self.with_source.values()))
        out["speaker_accuracy_direct+mixed"] = ratio(
            sum(self.speaker_ok[k] for k in dm), sum(self.with_source[k] for k in dm)
        )
        for kind in KINDS:
            out[f"speaker_accuracy_{kind}"] = ratio(self.speaker_ok[kind], self.with_source[kind])
        out["P_quote+speaker"] = ratio(self.all_speaker_ok, sum(self.pred.values()))
        return out


def _context(text: str, start: int, end: int, pad: int = 120) -> str:
    """The sentence-ish stretch around [start, end) on one line, the span in [[...]]."""
    lo = max(text.rfind("\n", 0, start) + 1, start - pad)
    nl = text.find("\n", end)
    hi = min(nl if nl >= 0 else len(text), end + pad)
    return f"{text[lo:start]}[[{text[start:end]}]]{text[end:hi]}".replace("\n", " ")


def _pred_row(article: str, text: str, p: Pred, gold: dict[str, Any] | None) -> dict[str, Any]:
    speaker = text[p.speaker[0] : p.speaker[1]] if p.speaker else None
    return {
        "article": article,
        "kind": p.kind,
        "cue": p.cue,
        "text": p.text,
        "speaker": speaker,
        "gold": None
        if gold is None
        else f"[{gold['type']} {gold.get('cue')} / {gold.get('speaker_text')}] {gold['quote_text']}",
    }


def _parse(
    path: Path, texts: list[str], *, nlp: Language, limit: int | None, cache: Path | None
) -> list[Doc]:
    """The parsed documents, from ``cache`` when an identical parse is stored there."""
    if cache is None:
        return list(nlp.pipe(texts, batch_size=16))
    key = hashlib.sha1(
        "\0".join(
            [
                path.name,
                str(path.stat().st_size),
                str(limit),
                nlp.meta.get("name", ""),
                nlp.meta.get("version", ""),
                ",".join(nlp.pipe_names),
            ]
        ).encode()
    ).hexdigest()[:12]
    stored = cache / f"{path.stem}_{key}.spacy"
    if stored.exists():
        docs = list(DocBin().from_disk(stored).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(nlp.pipe(texts, batch_size=16))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(stored)
    return docs


def _run_actors(doc: Doc, document: Document, cfg: Config) -> tuple[Sequence[Mention], Sequence[Actor]]:
    try:
        from dateline import actors as actors_module
    except ImportError:
        return (), ()
    fn = getattr(actors_module, "extract_actors", None)
    if fn is None:
        return (), ()
    mentions, actors = fn(doc, document=document, cfg=cfg)
    return tuple(mentions), tuple(actors)


def evaluate_polnear(
    path: Path,
    *,
    nlp: Language,
    cfg: Config,
    limit: int | None = None,
    with_actors: bool = True,
    cache: Path | None = None,
    misses: int = 0,
    sample_seed: int = 0,
) -> dict[str, Any]:
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    if limit:
        records = records[:limit]
    ours, base = Tally(details=misses > 0), Tally()
    t_parse = t_ours = t_actors = t_textacy = 0.0
    failures = 0
    documents = [polnear_document(r) for r in records]
    t0 = time.perf_counter()
    docs = _parse(path, [d.text for d in documents], nlp=nlp, limit=limit, cache=cache)
    t_parse = time.perf_counter() - t0
    for record, document, doc in zip(records, documents, docs, strict=True):
        t0 = time.perf_counter()
        mentions, actors = _run_actors(doc, document, cfg) if with_actors else ((), ())
        t1 = time.perf_counter()
        quotes = extract_quotes(doc, document=document, mentions=mentions, actors=actors, cfg=cfg)
        t2 = time.perf_counter()
        base_preds, failed = textacy_predictions(doc)
        t3 = time.perf_counter()
        t_actors += t1 - t0
        t_ours += t2 - t1
        t_textacy += t3 - t2
        failures += failed
        ours.add(document.text, record["quotes"], predictions_of(quotes, document.text), article=document.id)
        base.add(document.text, record["quotes"], base_preds)
    n = max(1, len(records))
    rng = random.Random(sample_seed)

    def sample(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return rng.sample(rows, min(misses, len(rows)))

    details = {
        "misses": sample(ours.misses),
        "false_positives": sample(ours.false_positives),
        "wrong_speakers": sample(ours.wrong_speakers),
        "by_cue": dict(sorted(ours.by_cue.items(), key=lambda kv: kv[1][1] - kv[1][0])),
    }
    return {
        "articles": len(records),
        "dateline": ours.figures(),
        "textacy": base.figures() | {"articles_raising": failures},
        "sec_per_article": {
            "parse": round(t_parse / n, 4),
            "actors": round(t_actors / n, 4),
            "quotes": round(t_ours / n, 5),
            "textacy": round(t_textacy / n, 5),
        },
    } | ({"details": details} if misses else {})


def _locate(text: str, needle: str, near: int) -> int:
    """The occurrence of ``needle`` in ``text`` nearest to offset ``near`` (or -1)."""
    best, pos = -1, text.find(needle)
    while pos >= 0:
        if best < 0 or abs(pos - near) < abs(best - near):
            best = pos
        pos = text.find(needle, pos + 1)
    return best


def seed_document(seed: Path, cfg: Config) -> Document:
    from dateline.parse import parse_article

    try:
        from dateline.ingest import read_article

        article = read_article(str(seed), cfg=cfg)
    except ImportError:
        raw = seed.read_text("utf-8")
        article = Article(id=seed.stem, text=raw, source=str(seed))
    return parse_article(article, cfg=cfg)


def evaluate_seed(gold_path: Path, seed: Path, *, nlp: Language, cfg: Config) -> dict[str, Any]:
    """Per gold segment: found, speaker span right, speaker actor, addressee right."""
    gold = json.loads(gold_path.read_text("utf-8").splitlines()[0])
    document = seed_document(seed, cfg)
    text = document.text
    doc = nlp(text)
    mentions, actors = _run_actors(doc, document, cfg)
    quotes = extract_quotes(doc, document=document, mentions=mentions, actors=actors, cfg=cfg)
    by_id = {a.id: a for a in actors}
    rows = []
    raw = gold["text"]
    for g in gold["quotes"]:
        inner = g["quote_text"].strip("“”‘’\"'")
        start = _locate(text, inner, g["quote_start"])
        shift = start - g["quote_start"]
        g_letters = letters_in(text, [(start, start + len(inner))]) if start >= 0 else frozenset()
        sp_start = _locate(text, g["speaker_text"], g["speaker_start"] + shift)
        sp_letters = letters_in(text, [(sp_start, sp_start + len(g["speaker_text"]))])
        hit: Quote | None = None
        for q in quotes:
            seg_letters = letters_in(text, [(s.start, s.end) for s in q.segments])
            if g_letters and len(seg_letters & g_letters) >= 0.5 * len(g_letters):
                hit = q
                break
        speaker_ok = bool(
            hit and hit.speaker and letters_in(text, [(hit.speaker.start, hit.speaker.end)]) & sp_letters
        )
        actor = by_id.get(hit.speaker.actor) if hit and hit.speaker and hit.speaker.actor else None
        addressee_ok = None
        if g.get("addressee"):
            got = hit.addressee if hit else None
            names = [got.text] if got else []
            if got is not None and got.actor in by_id:
                names.append(by_id[got.actor].name)
            addressee_ok = any(g["addressee"] in n for n in names)
        rows.append(
            {
                "quote": inner[:40],
                "found": hit is not None,
                "speaker_span_ok": speaker_ok,
                "speaker": hit.speaker.text if hit and hit.speaker else None,
                "actor": f"{actor.name} {actor.code} {actor.sector}" if actor else None,
                "addressee_expected": g.get("addressee"),
                "addressee_ok": addressee_ok,
            }
        )
    del raw
    named = [r for r in rows if r["addressee_expected"]]
    return {
        "segments": len(rows),
        "found": sum(r["found"] for r in rows),
        "speaker_span_ok": sum(r["speaker_span_ok"] for r in rows),
        "speaker_actor_resolved": sum(r["actor"] is not None for r in rows),
        "addressees": len(named),
        "addressee_ok": sum(bool(r["addressee_ok"]) for r in named),
        "rows": rows,
    }


def evaluate(
    data_dir: Path,
    *,
    splits: Sequence[str] = ("dev",),
    limit: int | None = None,
    seed: Path | None = None,
    nlp: Language | None = None,
    cache: Path | None = None,
    misses: int = 0,
    sample_seed: int = 0,
) -> dict[str, Any]:
    """Run the benchmark; returns ``{"polnear_<split>": {...}, "seed": {...}}``."""
    cfg = load_config(environ={})
    nlp = nlp if nlp is not None else load_nlp(cfg.model)
    out: dict[str, Any] = {}
    for split in splits:
        out[f"polnear_{split}"] = evaluate_polnear(
            data_dir / "quotes" / f"polnear_{split}.jsonl",
            nlp=nlp,
            cfg=cfg,
            limit=limit,
            cache=cache,
            misses=misses,
            sample_seed=sample_seed,
        )
    seed_path = seed if seed is not None else data_dir.parent / "seeds" / "000_4f61d9991371ad21.txt"
    gold = data_dir / "quotes" / "seed_000_gold.jsonl"
    if seed_path.exists() and gold.exists():
        out["seed"] = evaluate_seed(gold, seed_path, nlp=nlp, cfg=cfg)
    return out


def _print(figures: dict[str, Any], *, misses: int = 0) -> None:
    for name, block in figures.items():
        if name == "seed":
            print(f"\n== seed ({block['segments']} gold segments)")
            for key in ("found", "speaker_span_ok", "speaker_actor_resolved"):
                print(f"  {key:24s} {block[key]}/{block['segments']}")
            print(f"  {'addressee_ok':24s} {block['addressee_ok']}/{block['addressees']}")
            for row in block["rows"]:
                print(f"    {row}")
            continue
        print(f"\n== {name} ({block['articles']} articles)")
        keys = [k for k in block["dateline"] if not k.startswith("n_")]
        print(f"  {'figure':30s} {'dateline':>9s} {'textacy':>9s}")
        for key in keys:
            print(f"  {key:30s} {block['dateline'][key]:9.3f} {block['textacy'][key]:9.3f}")
        for kind in KINDS:
            d = block["dateline"]
            print(f"  n {kind:18s} pred {d[f'n_pred_{kind}']:5d}  gold {d[f'n_gold_{kind}']:5d}")
        print(f"  textacy articles raising: {block['textacy']['articles_raising']}")
        print(f"  seconds per article: {block['sec_per_article']}")
        for what, rows in block.get("details", {}).items():
            print(f"\n  -- {name}: {what} ({len(rows)} sampled)")
            if isinstance(rows, dict):  # by_cue: the cues with most wrong predictions first
                rows = [{"cue": k, "pred": v[0], "right": v[1]} for k, v in list(rows.items())[:misses]]
            for row in rows:
                print("   ", json.dumps(row, ensure_ascii=False))


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=here.parent / "shared" / "data")
    parser.add_argument("--train", action="store_true", help="also score PolNeAR train (slow)")
    parser.add_argument("--train-only", action="store_true", help="score PolNeAR train alone")
    parser.add_argument("--limit", type=int, default=None, help="first N articles per split")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--cache", type=Path, default=None, help="keep parsed documents in DIR")
    parser.add_argument(
        "--misses", type=int, default=0, help="list N misses, false positives, wrong speakers"
    )
    parser.add_argument("--sample-seed", type=int, default=0, help="random seed for --misses samples")
    args = parser.parse_args()
    splits = ["train"] if args.train_only else ["dev", "train"] if args.train else ["dev"]
    figures = evaluate(
        args.data,
        splits=splits,
        limit=args.limit,
        cache=args.cache,
        misses=args.misses,
        sample_seed=args.sample_seed,
    )
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        _print(figures, misses=args.misses)


if __name__ == "__main__":
    main()
