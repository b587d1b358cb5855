#!/usr/bin/env python3
"""Article parsing quality: body text, headline and publication date, against public gold.

Sections:

(a) the seed article (added by the lead);
(b) body text on the Zyte article-extraction benchmark (181 pages): precision, recall and F1
    over 4-token shingles as that benchmark defines them, dateline beside plain trafilatura;
(c) headline and publication date on every HTML set with gold for them (Mozilla Readability
    test pages, trafilatura's English eval pages, htmldate's MediaCloud 2020 English pages,
    newspaper4k's fixtures), dateline beside trafilatura's metadata title and htmldate;
(d) Giveme5W1H (added by the lead).

dateline is measured through the product path: ``ingest.article_from_html`` →
``parse.parse_article`` → ``Document.body`` / ``.headline`` / ``.published``.

Run: ``python benchmarks/parse_eval.py [--shared ../shared] [--json]``.
"""

from __future__ import annotations

import argparse
import gzip
import html as htmllib
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import htmldate
import trafilatura
from charset_normalizer import from_bytes

from dateline.config import load_config
from dateline.errors import InputError
from dateline.html import DATE_SETTINGS, extract_html
from dateline.ingest import article_from_html
from dateline.parse import parse_article
from dateline.records import Document

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
CORPORA = ("data", "corpora")

# htmldate as the baseline: its defaults (the page's URL is passed, as to every system).
HTMLDATE_BASELINE: dict[str, Any] = {}
EXAMPLES = 4  # misses printed per set and measure


def decode(raw: bytes) -> str:
    """The page as text: UTF-8 when it is valid, else charset-normalizer's best guess."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(raw).best()
        return str(best) if best is not None else raw.decode("latin-1")


def run_dateline(html: str, *, source: str, url: str | None) -> Document | None:
    """The product path; ``None`` when dateline rejects the page (an empty answer)."""
    try:
        article = article_from_html(html, source=source, url=url)
    except InputError:
        return None
    return parse_article(article, cfg=_config())


_CFG: list[Any] = []


def _config() -> Any:
    if not _CFG:
        _CFG.append(load_config(environ={}))
    return _CFG[0]


# ---------------------------------------------------------------------------------------
# (a) seed and (d) Giveme5W1H: plain-text parsing, in text_eval.py beside this file

sys.path.insert(0, str(Path(__file__).resolve().parent))
import text_eval  # noqa: E402

# ---------------------------------------------------------------------------------------
# (b) body text: the Zyte article-extraction benchmark's shingle metric

TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """4-token shingles (tokens are ``\\w+`` runs, case kept); a shorter text is one shingle."""
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1)) if tokens)


def page_counts(gold: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingle multisets, normalised to sum to 1 for the page."""
    true, found = shingles(gold), shingles(pred)
    tp = sum((true & found).values())
    fp = sum((found - true).values())
    fn = sum((true - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def macro_prf(rows: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean per-page precision (pages with output) and recall (pages with gold); F1 of the two."""

    def precision(tp: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return 0.0 if tp == fn == 0 else tp / (tp + fn)

    ps = [precision(*r) for r in rows if r[0] + r[1] > 0]
    rs = [recall(*r) for r in rows if r[0] + r[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}


def eval_zyte(shared: Path, *, limit: int | None = None, stage: bool = True) -> dict[str, Any]:
    """Body precision/recall/F1 of dateline and of ``trafilatura.extract`` (defaults).

    ``html_stage`` is a diagnostic (skipped with ``stage=False``): ``html.extract_html``
    alone, before the parse stage takes its headline, standfirst and noise out of the body.
    """
    folder = shared.joinpath(*CORPORA, "zyte-article-extraction-benchmark")
    gold = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    pages = {k: decode(gzip.decompress((folder / "html" / f"{k}.html.gz").read_bytes())) for k in ids}
    rows: dict[str, list[tuple[float, float, float]]] = {"dateline": [], "html_stage": [], "trafilatura": []}
    seconds = {"dateline": 0.0, "html_stage": 0.0, "trafilatura": 0.0}
    misses: list[dict[str, Any]] = []
    for key in ids:
        url, truth = gold[key]["url"], gold[key]["articleBody"]
        start = time.perf_counter()
        doc = run_dateline(pages[key], source=key, url=url)
        seconds["dateline"] += time.perf_counter() - start
        start = time.perf_counter()
        baseline = trafilatura.extract(pages[key]) or ""
        seconds["trafilatura"] += time.perf_counter() - start
        ours = page_counts(truth, doc.body if doc else "")
        rows["dateline"].append(ours)
        rows["trafilatura"].append(page_counts(truth, baseline))
        misses.append({"id": key[:12], "url": url, "tp": ours[0], "fp": ours[1], "fn": ours[2]})
        if stage:
            start = time.perf_counter()
            try:
                alone = extract_html(pages[key], source=key, url=url).text
            except InputError:
                alone = ""
            seconds["html_stage"] += time.perf_counter() - start
            rows["html_stage"].append(page_counts(truth, alone))
    result: dict[str, Any] = {"pages": len(ids)}
    for name, found in rows.items():
        if found:
            result[name] = macro_prf(found)
    result["seconds"] = seconds
    result["time_ratio"] = seconds["dateline"] / seconds["trafilatura"]
    result["worst"] = sorted(misses, key=lambda m: m["tp"])[: EXAMPLES * 2]
    return result


# ---------------------------------------------------------------------------------------
# (c) headline and publication date


@dataclass(frozen=True)
class Page:
    name: str
    html: str
    url: str | None
    title: str | None
    day: str | None  # YYYY-MM-DD


def _day(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value) else None


def load_metadata_sets(shared: Path) -> dict[str, list[Page]]:
    """Every HTML set with gold titles or dates, as ``Page``s."""
    base = shared.joinpath(*CORPORA)
    sets: dict[str, list[Page]] = {}

    pages = []
    for folder in sorted((base / "mozilla-readability-test-pages" / "pages").iterdir()):
        meta = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
        html = decode((folder / "source.html").read_bytes())
        pages.append(Page(folder.name, html, None, meta.get("title"), _day(meta.get("publishedTime"))))
    sets["readability"] = pages

    root = base / "trafilatura-eval-en"
    gold = json.loads((root / "evaldata_en.json").read_text("utf-8"))
    sets["trafilatura-eval"] = [
        Page(
            v["file"],
            decode((root / "html" / v["file"]).read_bytes()),
            url,
            v.get("title"),
            _day(v.get("date")),
        )
        for url, v in gold.items()
    ]

    root = base / "htmldate-mediacloud-en"
    gold = json.loads((root / "eval_mediacloud_2020_en.json").read_text("utf-8"))
    sets["htmldate-mediacloud"] = [
        Page(v["file"], decode((root / "html" / v["file"]).read_bytes()), url, None, _day(v.get("date")))
        for url, v in gold.items()
    ]

    root = base / "newspaper4k-fixtures-en"
    pages = []
    for path in sorted((root / "metadata").glob("*.json")):
        meta = json.loads(path.read_text("utf-8"))
        html = decode((root / "html" / f"{path.stem}.html").read_bytes())
        day = _day(meta.get("publish_date"))
        pages.append(Page(path.stem, html, meta.get("url"), meta.get("title"), day))
    sets["newspaper4k"] = pages
    return sets


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\xa0": " "})


def norm_title(text: str | None) -> str:
    """Title compare form: entities unescaped, NFKC, quotes/dashes unified, case and spaces folded."""
    text = unicodedata.normalize("NFKC", htmllib.unescape(text or "")).translate(_QUOTES)
    return " ".join(text.lower().split())


def title_match(gold: str, found: str | None) -> tuple[bool, bool]:
    """(exact, lenient): equal after normalising; or one contains the other."""
    g, f = norm_title(gold), norm_title(found)
    return g == f, bool(f) and (g in f or f in g)


def _trafilatura_title(page: Page) -> str | None:
    meta = trafilatura.extract_metadata(page.html, default_url=page.url)
    return meta.title if meta is not None else None


def _htmldate_day(page: Page) -> str | None:
    found = htmldate.find_date(page.html, url=page.url, **HTMLDATE_BASELINE)
    return found[:10] if found else None


def eval_metadata(shared: Path) -> dict[str, Any]:
    """Title and publication-day accuracy per set: dateline, trafilatura's title, htmldate."""
    out: dict[str, Any] = {}
    for name, pages in load_metadata_sets(shared).items():
        figures: dict[str, Any] = {"pages": len(pages)}
        titled = [p for p in pages if p.title]
        dated = [p for p in pages if p.day]
        counts: Counter[str] = Counter()
        misses: dict[str, list[str]] = {"title": [], "date": []}
        for page in pages:
            doc = run_dateline(page.html, source=page.name, url=page.url)
            if page.title:
                ours = doc.headline if doc else None
                exact, lenient = title_match(page.title, ours)
                counts["title_exact"] += exact
                counts["title_lenient"] += lenient
                base_exact, base_lenient = title_match(page.title, _trafilatura_title(page))
                counts["traf_title_exact"] += base_exact
                counts["traf_title_lenient"] += base_lenient
                if not exact:
                    misses["title"].append(f"{page.name}: gold {page.title!r} / ours {ours!r}")
            if page.day:
                ours_day = doc.published.date().isoformat() if doc and doc.published else None
                counts["date"] += ours_day == page.day
                counts["htmldate_date"] += _htmldate_day(page) == page.day
                if ours_day != page.day:
                    misses["date"].append(f"{page.name}: gold {page.day} / ours {ours_day}")
        figures["titles"] = len(titled)
        figures["dates"] = len(dated)
        for key, value in sorted(counts.items()):
            total = len(titled) if "title" in key else len(dated)
            figures[key] = value / total if total else None
        figures["misses"] = {k: v[:EXAMPLES] for k, v in misses.items()}
        out[name] = figures
    return out


# ---------------------------------------------------------------------------------------
# report


def _rows(figures: dict[str, Any]) -> Iterator[str]:
    zyte = figures["zyte"]
    yield f"(b) Body text, Zyte article-extraction benchmark ({zyte['pages']} pages)"
    yield "    4-token shingles of \\w+ tokens, tp/fp/fn normalised per page, macro P and R, F1 of both"
    yield f"    {'system':<34}{'precision':>10}{'recall':>10}{'F1':>10}{'seconds':>10}"
    labels = {
        "dateline": "dateline (ingest → parse → body)",
        "html_stage": "  (html.extract_html alone)",
        "trafilatura": "trafilatura.extract (defaults)",
    }
    for name, label in labels.items():
        if name not in zyte:
            continue
        m = zyte[name]
        yield (
            f"    {label:<34}{m['precision']:>10.4f}{m['recall']:>10.4f}{m['f1']:>10.4f}"
            f"{zyte['seconds'][name]:>10.1f}"
        )
    yield f"    time ratio dateline / trafilatura: {zyte['time_ratio']:.2f}"
    yield "    lowest-recall pages (tp, fp, fn shares):"
    for m in zyte["worst"]:
        yield f"      {m['id']} tp={m['tp']:.2f} fp={m['fp']:.2f} fn={m['fn']:.2f}  {m['url'][:80]}"
    yield ""
    yield "(c) Headline and publication date"
    yield "    title exact: equal after unescaping entities, NFKC, unifying quotes/dashes,"
    yield "                 folding case and whitespace"
    yield "    title lenient: one of gold/found contains the other (same normalisation)"
    yield "    date: the day (YYYY-MM-DD) of the publication date equals the gold day"
    yield "    baselines: trafilatura.extract_metadata(html, default_url=url).title;"
    yield f"               htmldate.find_date(html, url=url) with default settings {HTMLDATE_BASELINE or ''}"
    yield f"    dateline: Document.headline / .published; its day comes from htmldate with {DATE_SETTINGS},"
    yield "              its time and zone from JSON-LD/meta stamps on that day"
    header = (
        f"    {'set':<21}{'n':>5}{'ours':>8}{'traf':>8}{'ours~':>8}{'traf~':>8}"
        f"{'n':>6}{'ours':>8}{'hdate':>8}"
    )
    yield f"    {'':<21}{'--- title: exact / lenient ----':>37}{'--- date ---':>22}"
    yield header
    for name, m in figures["metadata"].items():
        cells = [
            f"{m[k]:>8.3f}" if isinstance(m.get(k), float) else f"{'-':>8}"
            for k in ("title_exact", "traf_title_exact", "title_lenient", "traf_title_lenient")
        ]
        dates = [
            f"{m[k]:>8.3f}" if isinstance(m.get(k), float) else f"{'-':>8}" for k in ("date", "htmldate_date")
        ]
        yield f"    {name:<21}{m['titles']:>5}{''.join(cells)}{m['dates']:>6}{''.join(dates)}"
    for name, m in figures["metadata"].items():
        for kind, lines in m["misses"].items():
            if lines:
                yield f"    {name} {kind} misses:"
                yield from (f"      {line[:150]}" for line in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the ../shared folder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show-removed", action="store_true", help="(d): list every removed line")
    args = parser.parse_args(argv)
    figures: dict[str, Any] = {}
    seed = text_eval.eval_seed(args.shared)
    figures["zyte"] = eval_zyte(args.shared)
    figures["metadata"] = eval_metadata(args.shared)
    giveme = text_eval.eval_giveme(args.shared)
    if args.json:
        figures["seed"] = seed
        figures["giveme"] = {k: v for k, v in giveme.items() if k != "removed"}
        print(json.dumps(figures, indent=2, ensure_ascii=False, default=str))
    else:
        text_eval.print_seed(seed)
        print()
        for line in _rows(figures):
            print(line)
        print()
        text_eval.print_giveme(giveme, show_removed=args.show_removed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
