"""Ingest on real, third-party news (../shared/data): yield, decoding and metadata figures.

Run:  .venv/bin/python benchmarks/ingest_eval.py [--shared ../shared/data] [--step N]

Figures (``evaluate`` returns them as a dict; ``tests/test_gate_ingest.py`` pins floors):

- ``records``: news-please / plain JSONL corpora (Giveme5W1H, BBC politics) read through
  ``iter_articles``: records, articles, errors by code, publication times parsed (of those
  with a ``date_publish``) and equal to the source's, ids kept, texts that start with their title.
- ``encodings``: every article text of those corpora written to a file in utf-8, utf-8-sig,
  utf-16, cp1252 and latin-1 (where the text fits the encoding), read back, and counted exact.
- ``html``: HTML pages of five extraction corpora (directories read recursively; Zyte's
  pages are gzipped): pages, articles, errors by code, mojibake left in the text (UTF-8
  read as Windows-1252, e.g. ``Ã©``/``â€™``), replacement characters, pages per second.
- ``warc``: the Zyte pages written into one gzipped WARC (with their URLs) and read back:
  articles whose text equals ``article_from_html`` of the same page and URL.

``--step N`` reads every Nth HTML page and text only (the gate uses a subset to stay fast).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from dateline.config import load_config
from dateline.errors import InputError
from dateline.ingest import article_from_html, decode_bytes, iter_articles
from dateline.records import Article

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared" / "data"

RECORD_SETS = {
    "giveme_news_cluster": "corpora/giveme5w1h-news/news_cluster.jsonl",
    "giveme_google_news": "corpora/giveme5w1h-news/google_news.jsonl",
    "giveme_gold_5w1h": "corpora/giveme5w1h-news/gold_standard_5w1h.jsonl",
    "bbc_politics": "corpora/bbc-news-2004-2005-politics/politics.jsonl",
}
HTML_SETS = {
    "zyte": ("corpora/zyte-article-extraction-benchmark/html", "*.html.gz"),
    "readability": ("corpora/mozilla-readability-test-pages/pages", "*/source.html"),
    "trafilatura": ("corpora/trafilatura-eval-en/html", "*.html"),
    "htmldate": ("corpora/htmldate-mediacloud-en/html", "*.html"),
    "newspaper4k": ("corpora/newspaper4k-fixtures-en/html", "*.html"),
}
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1")
MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|â€[\u0080-\u00bf\u2010-\u203a™œ]|Â[\u00a0-\u00bf]")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def eval_records(shared: Path) -> dict[str, Any]:
    """News-please and plain JSONL corpora through ``iter_articles``."""
    cfg = load_config(environ={})
    out: dict[str, Any] = {}
    for name, rel in RECORD_SETS.items():
        path = shared / rel
        raw = _read_jsonl(path)
        started = time.perf_counter()
        items = list(iter_articles([str(path)], cfg=cfg))
        seconds = time.perf_counter() - started
        articles = [x for x in items if isinstance(x, Article)]
        errors = Counter(x.code for x in items if isinstance(x, InputError))
        by_source = {a.source: a for a in articles}
        dated = parsed = ids_kept = with_title = title_first = 0
        with path.open(encoding="utf-8") as stream:
            numbered = [(i + 1, json.loads(t)) for i, t in enumerate(stream) if t.strip()]
        for line, record in numbered:
            article = by_source.get(f"{path}:{line}")
            if article is None:
                continue
            stamp = record.get("date_publish")
            if stamp and stamp != "None":  # one Giveme5W1H record has the string "None"
                dated += 1
                parsed += article.published == datetime.fromisoformat(stamp)
            if "id" in record:
                ids_kept += article.id == str(record["id"])
            if article.title:
                with_title += 1
                title_first += article.text.startswith(article.title)
        out[name] = {
            "records": len(raw),
            "articles": len(articles),
            "errors": dict(errors),
            "dated": dated,
            "published_parsed": parsed,
            "with_id": sum("id" in r for r in raw),
            "ids_kept": ids_kept,
            "with_title": with_title,
            "title_first": title_first,
            "articles_per_second": round(len(articles) / seconds, 1) if seconds else None,
        }
    return out


def eval_encodings(shared: Path, *, step: int = 1) -> dict[str, Any]:
    """Real article texts (every ``step``-th) written in each common encoding, read back
    exactly?"""
    cfg = load_config(environ={})
    texts: list[str] = []
    for rel in RECORD_SETS.values():
        for record in _read_jsonl(shared / rel):
            text = record.get("text") or record.get("maintext")
            if text and text.strip():
                texts.append(text.replace("\r\n", "\n").replace("\r", "\n"))
    texts = texts[::step]
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        for encoding in ENCODINGS:
            tried = exact = 0
            wrong: list[str] = []
            paths: list[tuple[Path, str]] = []
            for i, text in enumerate(texts):
                try:
                    data = text.encode(encoding)
                except UnicodeEncodeError:
                    continue
                path = Path(folder, f"{encoding}-{i:05d}.txt")
                path.write_bytes(data)
                paths.append((path, text))
            for path, text in paths:
                tried += 1
                (item,) = list(iter_articles([str(path)], cfg=cfg))
                if isinstance(item, Article) and item.text == text:
                    exact += 1
                elif len(wrong) < 5:
                    wrong.append(path.name)
                path.unlink()
            out[encoding] = {"tried": tried, "exact": exact, "wrong_examples": wrong}
    return out


def _html_pages(shared: Path, step: int) -> dict[str, list[Path]]:
    pages: dict[str, list[Path]] = {}
    for name, (rel, pattern) in HTML_SETS.items():
        pages[name] = sorted((shared / rel).glob(pattern))[::step]
    return pages


def eval_html(shared: Path, *, step: int = 1) -> dict[str, Any]:
    """HTML pages through ``iter_articles``: yield, decoding damage, speed."""
    cfg = load_config(environ={})
    out: dict[str, Any] = {}
    for name, paths in _html_pages(shared, step).items():
        started = time.perf_counter()
        items = list(iter_articles([str(p) for p in paths], cfg=cfg))
        seconds = time.perf_counter() - started
        articles = [x for x in items if isinstance(x, Article)]
        mojibake = {a.source: len(MOJIBAKE.findall(a.text)) for a in articles}
        out[name] = {
            "pages": len(paths),
            "articles": len(articles),
            "errors": dict(Counter(x.code for x in items if isinstance(x, InputError))),
            "articles_with_mojibake": sum(1 for n in mojibake.values() if n),
            "mojibake_examples": sorted(s for s, n in mojibake.items() if n)[:5],
            "replacement_chars": sum(a.text.count("\ufffd") for a in articles),
            "with_title": sum(1 for a in articles if a.title),
            "title_first": sum(1 for a in articles if a.title and a.text.startswith(a.title)),
            "with_published": sum(1 for a in articles if a.published is not None),
            "pages_per_second": round(len(paths) / seconds, 1) if seconds else None,
        }
    return out


def eval_warc(shared: Path, *, step: int = 1) -> dict[str, Any]:
    """The Zyte pages in one gzipped WARC, read back: same articles as from the files?"""
    import gzip

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    cfg = load_config(environ={})
    rel, pattern = HTML_SETS["zyte"]
    paths = sorted((shared / rel).glob(pattern))[::step]
    truth = json.loads((shared / rel).parent.joinpath("ground-truth.json").read_text("utf-8"))
    by_url: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        warc = Path(folder, "zyte.warc.gz")
        with warc.open("wb") as stream:
            writer = WARCWriter(stream, gzip=True)
            for path in paths:
                key = path.name.removesuffix(".html.gz")
                url = truth.get(key, {}).get("url") or f"https://example.invalid/{key}"
                body = gzip.decompress(path.read_bytes())
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
                )
                writer.write_record(record)
                by_url[url] = str(path)
        items = list(iter_articles([str(warc)], cfg=cfg))
    expected: dict[str, str] = {}
    for url, page in by_url.items():
        html = decode_bytes(gzip.decompress(Path(page).read_bytes()), source=page, html=True)
        try:
            expected[url] = article_from_html(html, source=page, url=url).text
        except InputError:
            continue
    articles = [x for x in items if isinstance(x, Article)]
    same = sum(1 for a in articles if a.url is not None and expected.get(a.url) == a.text)
    return {
        "records": len(paths),
        "articles": len(articles),
        "expected": len(expected),
        "same_text": same,
        "errors": dict(Counter(x.code for x in items if isinstance(x, InputError))),
    }


def evaluate(shared: Path = DEFAULT_SHARED, *, step: int = 1) -> dict[str, Any]:
    """Every figure of this benchmark, with the seconds each part took."""
    out: dict[str, Any] = {"seconds": {}}
    started = time.perf_counter()
    out["records"] = eval_records(shared)
    out["encodings"] = eval_encodings(shared, step=step)
    out["seconds"]["records+encodings"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    out["html"] = eval_html(shared, step=step)
    out["seconds"]["html"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    out["warc"] = eval_warc(shared, step=step)
    out["seconds"]["warc"] = round(time.perf_counter() - started, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--step", type=int, default=1, help="read every Nth HTML page and text")
    args = parser.parse_args(argv)
    figures = evaluate(args.shared, step=args.step)
    json.dump(figures, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
