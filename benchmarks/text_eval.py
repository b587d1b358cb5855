"""Plain-text parse evaluation: the seed article's fields, and noise left in the Giveme5W1H texts.

Imported by ``parse_eval.py`` (sections (a) and (d)); runnable on its own:

    python benchmarks/text_eval.py [--shared ../shared] [--show-removed]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from dateline.config import load_config
from dateline.ingest import iter_articles, read_article
from dateline.parse import parse_article
from dateline.records import Article

ROOT = Path(__file__).resolve().parent.parent
HKT = timezone(timedelta(hours=8))

SEED_EXPECTED: dict[str, Any] = {
    "section": "North Korea",
    "headline": "‘Trump sends his regards’: Pompeo hails progress with Kim after North Korea trip",
    "standfirst": (
        "Ahead of his visit to China, the US Secretary of State says he had ‘good talks’ with the "
        "North Korean leader, but there’s no indication yet of a second summit between Kim and "
        "Trump – and sources warn of a ‘long haul’ ahead"
    ),
    "published": datetime(2018, 10, 7, 19, 38, tzinfo=HKT),
    "updated": datetime(2018, 10, 7, 23, 21, tzinfo=HKT),
    "published_tz": "assumed",
    "related-link": [
        "Pompeo seeks to reassure a wary Japan over North Korea negotiations",
        "Mike Pompeo must navigate a minefield in South Asia",
    ],
}

# An independent check, not the parser's own rules: lines a reader would call not-story.
NOISE_CHECK = re.compile(
    r"^(?:read more|read also|also read|see also|related\s*:|more from\b|advertisement\b|"
    r"sign up\b|subscribe\b|image copyright|image caption|photos?\s*:|photo$|video$|"
    r"scroll down for\b|click here\b|savesave|share this\b|follow [^.]{1,40} on twitter)"
    r"|(?:/|\b)(?:getty images|reuters|ap|afp|epa)\)?$",
    re.IGNORECASE,
)
GIVEME_FILES = ("news_cluster.jsonl", "gold_standard_5w1h.jsonl", "google_news.jsonl")


def eval_seed(shared: Path) -> dict[str, Any]:
    """Each Document field of the seed against its expected value."""
    cfg = load_config(environ={}, overrides={"default_timezone": "Asia/Hong_Kong"})
    path = shared / "seeds" / "000_4f61d9991371ad21.txt"
    raw = path.read_text("utf-8")
    document = parse_article(read_article(str(path), cfg=cfg), cfg=cfg)
    related = [r.text for r in document.removed if r.reason == "related-link"]
    raw_paragraphs = [p.strip() for p in raw.split("\n\n") if p.strip()]
    expected_body = [p for p in raw_paragraphs[4:] if p not in SEED_EXPECTED["related-link"]]
    body = [document.text[p.start : p.end] for p in document.paragraphs if p.role == "body"]
    checks = {
        "section": document.section == SEED_EXPECTED["section"],
        "headline": document.headline == SEED_EXPECTED["headline"],
        "standfirst": document.standfirst == SEED_EXPECTED["standfirst"],
        "published": document.published == SEED_EXPECTED["published"],
        "updated": document.updated == SEED_EXPECTED["updated"],
        "published_tz": document.published_tz == SEED_EXPECTED["published_tz"],
        "related-links removed": related == SEED_EXPECTED["related-link"],
        "body paragraphs kept whole": body == expected_body,
        "no stamp or headline in body": not any(
            s in document.body for s in ("PUBLISHED", "UPDATED", *SEED_EXPECTED["related-link"])
        ),
    }
    return {
        "checks": checks,
        "passed": sum(checks.values()),
        "total": len(checks),
        "values": {
            "section": document.section,
            "headline": document.headline,
            "standfirst": document.standfirst,
            "published": document.published.isoformat() if document.published else None,
            "updated": document.updated.isoformat() if document.updated else None,
            "published_tz": document.published_tz,
            "body paragraphs": len(body),
        },
    }


def eval_giveme(shared: Path) -> dict[str, Any]:
    """Noise lines left in the Giveme5W1H texts, and every line removed (for a reader to check)."""
    cfg = load_config(environ={})
    folder = shared / "data" / "corpora" / "giveme5w1h-news"
    articles = 0
    left: list[tuple[str, str]] = []
    removed: list[tuple[str, str, str]] = []
    reasons: Counter[str] = Counter()
    for name in GIVEME_FILES:
        for item in iter_articles([str(folder / name)], cfg=cfg, input_format="jsonl"):
            if not isinstance(item, Article):
                continue
            articles += 1
            document = parse_article(item, cfg=cfg)
            for p in document.paragraphs:
                line = document.text[p.start : p.end]
                if p.role == "body" and NOISE_CHECK.search(line.strip()):
                    left.append((item.id, line))
            for r in document.removed:
                reasons[r.reason] += 1
                removed.append((item.id, r.reason, r.text))
    return {
        "articles": articles,
        "noise_left": len(left),
        "noise_left_lines": left,
        "removed_by_reason": dict(reasons),
        "removed": removed,
    }


def print_seed(result: dict[str, Any]) -> None:
    print(f"(a) seed document fields: {result['passed']}/{result['total']} as expected")
    for name, ok in result["checks"].items():
        print(f"    {'ok  ' if ok else 'MISS'} {name}")
    for name, value in result["values"].items():
        print(f"         {name}: {value}")


def print_giveme(result: dict[str, Any], *, show_removed: bool) -> None:
    print(
        f"(d) Giveme5W1H texts: {result['articles']} articles, "
        f"{result['noise_left']} read-more/caption lines left in the body"
    )
    for ident, line in result["noise_left_lines"]:
        print(f"    LEFT {ident}: {line[:100]}")
    print(f"    removed by reason: {json.dumps(result['removed_by_reason'], sort_keys=True)}")
    if show_removed:
        for ident, reason, text in result["removed"]:
            if reason in ("stamp", "byline", "section", "dateline"):
                continue
            print(f"    removed [{reason}] {ident}: {text[:110]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--show-removed", action="store_true", help="list every removed line")
    args = parser.parse_args(argv)
    print_seed(eval_seed(args.shared))
    print_giveme(eval_giveme(args.shared), show_removed=args.show_removed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
