"""Crash and resume: SIGKILL `dateline ingest` half way, rerun it, compare with a clean run.

Ingests the three files of ../shared/data/corpora/giveme5w1h-news (news_cluster,
gold_standard_5w1h, google_news) with the real command in a subprocess:

1. an uninterrupted run into ``ref.db``;
2. the same command into ``killed.db``, sent SIGKILL once about half of the articles are
   stored, then rerun to completion;

and compares the two stores: articles (ids and content hashes), documents, extractions,
actors, mentions, events and quotes must be identical, with no duplicates; the killed run's
worker processes must not outlive it.

    .venv/bin/python benchmarks/crash_resume.py [--workers 2] [--fraction 0.5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
FILES = ("news_cluster.jsonl", "gold_standard_5w1h.jsonl", "google_news.jsonl")


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


def _children(pid: int) -> list[int]:
    """Live processes whose parent is ``pid`` (Linux /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _snapshot(db: Path) -> dict[str, Any]:
    """Everything the comparison looks at, as plain values."""
    conn = sqlite3.connect(db)
    try:
        q = conn.execute
        snap: dict[str, Any] = {}
        for table in ("articles", "documents", "extractions", "actors", "mentions", "quotes",
                      "events", "event_parties", "quarantine"):  # fmt: skip
            snap[table] = int(q(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        snap["article_keys"] = sorted(q("SELECT id, content_hash FROM articles").fetchall())
        snap["extractions_json"] = sorted(
            (a, d, x)
            for a, d, x in q(
                "SELECT a.id, d.json, x.json FROM articles a JOIN documents d ON d.article = a.pk "
                "JOIN extractions x ON x.article = a.pk"
            )
        )
        snap["events_rows"] = sorted(
            q("SELECT a.id, e.id, e.json FROM events e JOIN articles a ON a.pk = e.article")
        )
        snap["quotes_rows"] = sorted(
            q("SELECT a.id, t.id, t.json FROM quotes t JOIN articles a ON a.pk = t.article")
        )
        snap["quarantine_rows"] = sorted(q("SELECT source, stage, code FROM quarantine"))
        snap["duplicate_hashes"] = int(
            q("SELECT COUNT(*) - COUNT(DISTINCT content_hash) FROM articles").fetchone()[0]
        )
        snap["duplicate_ids"] = int(q("SELECT COUNT(*) - COUNT(DISTINCT id) FROM articles").fetchone()[0])
        snap["duplicate_events"] = int(
            q(
                "SELECT COUNT(*) FROM (SELECT article, id FROM events GROUP BY 1, 2 HAVING COUNT(*) > 1)"
            ).fetchone()[0]
        )
        snap["duplicate_quotes"] = int(
            q(
                "SELECT COUNT(*) FROM (SELECT article, id FROM quotes GROUP BY 1, 2 HAVING COUNT(*) > 1)"
            ).fetchone()[0]
        )
        snap["duplicate_quarantine"] = int(
            q("SELECT COUNT(*) - COUNT(DISTINCT source || stage || code) FROM quarantine").fetchone()[0]
        )
        snap["runs"] = [r[0] for r in q("SELECT status FROM runs ORDER BY pk")]
        return snap
    finally:
        conn.close()


def run(
    shared: Path,
    *,
    workers: int = 2,
    fraction: float = 0.5,
    limit: int | None = None,
    snapshot: bool = True,
    timeout: float = 1800,
) -> dict[str, Any]:
    """The benchmark; returns its figures (see the module doc). ``limit`` keeps only the
    first N lines of each file (a subset, for a quick gate); ``snapshot`` runs every ingest
    on one copy of the installed code (so an edit to the checkout mid-benchmark cannot make
    the runs differ)."""
    corpus = shared / "corpora" / "giveme5w1h-news"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if snapshot:  # every run uses the same copy of the code, even if the checkout changes
            import dateline

            shutil.copytree(Path(dateline.__file__).parent, work / "code" / "dateline")
            env["PYTHONPATH"] = os.pathsep.join(
                [str(work / "code"), *filter(None, [os.environ.get("PYTHONPATH")])]
            )
        sources = [str(corpus / name) for name in FILES]
        if limit is not None:
            sources = []
            for name in FILES:
                lines = (corpus / name).read_text(encoding="utf-8").splitlines()[:limit]
                (work / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
                sources.append(str(work / name))

        def command(db: Path) -> list[str]:
            return [sys.executable, "-m", "dateline.cli", "ingest", *sources, "--db", str(db),
                    "--workers", str(workers), "--no-progress"]  # fmt: skip

        ref, killed = work / "ref.db", work / "killed.db"
        t0 = time.perf_counter()
        clean = subprocess.run(command(ref), env=env, capture_output=True, text=True, timeout=timeout)
        clean_seconds = time.perf_counter() - t0
        expected = _count(ref)
        target = max(1, int(expected * fraction))

        proc = subprocess.Popen(command(killed), env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + timeout
        while proc.poll() is None and _count(killed) < target and time.monotonic() < deadline:
            time.sleep(0.02)
        workers_before = _children(proc.pid)
        finished_before_kill = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        at_kill = _count(killed)
        time.sleep(2.0)  # the workers notice their parent is gone within ~0.5 s
        orphans = [pid for pid in workers_before if _alive(pid)]

        t1 = time.perf_counter()
        rerun = subprocess.run(command(killed), env=env, capture_output=True, text=True, timeout=timeout)
        rerun_seconds = time.perf_counter() - t1

        a, b = _snapshot(ref), _snapshot(killed)
    compared = ("articles", "documents", "extractions", "actors", "mentions", "quotes", "events",
                "event_parties", "quarantine")  # fmt: skip
    identical = {k: a[k] == b[k] for k in compared}
    identical["article_keys"] = a["article_keys"] == b["article_keys"]
    identical["extractions_json"] = a["extractions_json"] == b["extractions_json"]
    identical["events_rows"] = a["events_rows"] == b["events_rows"]
    identical["quotes_rows"] = a["quotes_rows"] == b["quotes_rows"]
    identical["quarantine_rows"] = a["quarantine_rows"] == b["quarantine_rows"]
    duplicates = sum(b[k] for k in ("duplicate_hashes", "duplicate_ids", "duplicate_events",
                                    "duplicate_quotes", "duplicate_quarantine"))  # fmt: skip
    return {
        "workers": workers,
        "limit": limit,
        "clean_exit": clean.returncode,
        "rerun_exit": rerun.returncode,
        "clean_seconds": round(clean_seconds, 2),
        "rerun_seconds": round(rerun_seconds, 2),
        "articles_expected": expected,
        "articles_at_kill": at_kill,
        "kill_fraction": round(at_kill / expected, 3) if expected else 0.0,
        "finished_before_kill": finished_before_kill,
        "orphan_workers": len(orphans),
        "counts_clean": {k: a[k] for k in compared},
        "counts_resumed": {k: b[k] for k in compared},
        "identical": identical,
        "all_identical": all(identical.values()),
        "duplicates": duplicates,
        "runs_resumed": b["runs"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fraction", type=float, default=0.5)
    parser.add_argument("--limit", type=int, default=None, help="first N lines of each file")
    parser.add_argument("--shared", type=Path, default=SHARED / "data")
    args = parser.parse_args()
    f = run(args.shared, workers=args.workers, fraction=args.fraction, limit=args.limit)
    subset = f", first {f['limit']} lines of each" if f["limit"] else ""
    print(f"crash/resume over giveme5w1h-news ({', '.join(FILES)}{subset}), {f['workers']} workers")
    print(f"  clean run: {f['clean_seconds']} s, exit {f['clean_exit']}, {f['articles_expected']} articles")
    print(f"  SIGKILL at {f['articles_at_kill']} articles stored ({f['kill_fraction']:.0%}); "
          f"orphaned workers after 2 s: {f['orphan_workers']}")  # fmt: skip
    print(f"  rerun: {f['rerun_seconds']} s, exit {f['rerun_exit']}; runs {f['runs_resumed']}")
    print(f"  counts clean   {f['counts_clean']}")
    print(f"  counts resumed {f['counts_resumed']}")
    print(f"  identical: {f['all_identical']} {f['identical']}")
    print(f"  duplicates: {f['duplicates']}")
    print(json.dumps(f))


if __name__ == "__main__":
    main()
