"""The batch runner: quarantine of bad inputs, workers, resume after a real SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.batch import Progress, ProgressBar, estimate_total, extract_chunk, ingest_sources
from dateline.config import load_config
from dateline.pipeline import Pipeline
from dateline.records import Article, to_json
from dateline.store import Store

GOOD = [
    "Ministers meet in Lisbon\n\nThe foreign ministers of two neighbours met in Lisbon on Monday "
    "to talk about fishing rights.",
    "Port workers strike\n\nDock workers in a northern port walked out on Tuesday over pay, the union said.",
    "Aid convoy arrives\n\nA convoy carrying food and medicine reached the valley on Wednesday, "
    "relief officials said.",
]


def _corpus_dir(root: Path) -> Path:
    d = root / "articles"
    d.mkdir()
    for i, text in enumerate(GOOD):
        (d / f"good{i}.txt").write_text(text, encoding="utf-8")
    (d / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00junk\xff\xfe" * 40)
    (d / "empty.txt").write_text("", encoding="utf-8")
    return d


def _jsonl(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = (
                f"Envoy {i} visits the capital\n\nA special envoy numbered {i} arrived in the "
                f"capital on Friday for talks on border crossing {i}, officials said. "
                "The visit followed weeks of tension along the frontier."
            )
            fh.write(json.dumps({"id": f"doc-{i}", "text": text, "published": "2020-05-01"}) + "\n")
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_quarantines_bad_files_and_stores_good(tmp_path: Path, workers: int) -> None:
    src = _corpus_dir(tmp_path)
    seen: list[Progress] = []
    with Store(tmp_path / "b.db") as store:
        report = ingest_sources(
            [str(src)], store=store, cfg=load_config(), workers=workers, progress=seen.append
        )
        assert report.exit_code == 1
        assert report.counts.added == len(GOOD)
        assert report.counts.quarantined == 2
        stored = {Path(e.id).name for e in store.extractions()}
        assert stored == {f"good{i}.txt" for i in range(len(GOOD))}
        rows = {Path(r["source"]).name: r for r in store.quarantined()}
        assert set(rows) == {"broken.txt", "empty.txt"}
        for row in rows.values():
            assert row["stage"] == "ingest"
            assert row["code"].startswith("E1")
            assert row["message"] and row["run"] == report.run
        (run,) = store.runs()
        assert run["status"] == "done" and run["counts"]["quarantined"] == 2
    assert seen and seen[-1].done == 5 and seen[-1].total == 5
    assert "quarantined 2" in report.summary()


def test_batch_rerun_adds_nothing(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "a.jsonl", 20)
    cfg = load_config()
    with Store(tmp_path / "b.db") as store:
        first = ingest_sources([str(src)], store=store, cfg=cfg, workers=1)
        before = store.counts()
        again = ingest_sources([str(src)], store=store, cfg=cfg, workers=1)
        after = store.counts()
    assert first.counts.added == 20 and first.exit_code == 0
    assert again.counts.skipped == 20 and again.counts.added == 0
    assert {k: v for k, v in after.items() if k != "runs"} == {k: v for k, v in before.items() if k != "runs"}


def test_batch_unordered_matches_ordered(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "a.jsonl", 16)
    cfg = load_config()
    dumps = []
    for ordered in (True, False):
        with Store(tmp_path / f"{ordered}.db") as store:
            ingest_sources([str(src)], store=store, cfg=cfg, workers=2, ordered=ordered, chunk_size=2)
            dumps.append(sorted(json.dumps(to_json(e), sort_keys=True) for e in store.extractions()))
    assert dumps[0] == dumps[1] and len(dumps[0]) == 16


def test_batch_stage_bug_quarantines_only_that_article(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateline.pipeline

    real = dateline.pipeline.extract_quotes

    def exploding(doc, **kwargs):  # type: ignore[no-untyped-def]
        if "boom" in doc.text:
            raise ZeroDivisionError("a bug in a stage")
        return real(doc, **kwargs)

    monkeypatch.setattr(dateline.pipeline, "extract_quotes", exploding)
    arts = [
        Article(id=f"a{i}", text=t, source=f"s{i}")
        for i, t in enumerate(["Fine one\n\nText.", "This goes boom\n\nText.", "Fine two\n\nText."])
    ]
    results = extract_chunk(Pipeline(load_config()), arts)
    assert [type(r).__name__ for r in results] == ["Extraction", "tuple", "Extraction"]
    source, stage, code, message = results[1]  # type: ignore[misc]
    assert (source, stage, code) == ("s1", "quotes", "E300")
    assert "ZeroDivisionError" in message and "a1" in message


@pytest.mark.parametrize(
    ("files", "expected"),
    [({"a.jsonl": "{}\n{}\n\n{}\n"}, 3), ({"a.csv": "id,text\n1,x\n2,y\n"}, 2), ({"x.txt": "t"}, 1)],
)
def test_batch_estimate_total(tmp_path: Path, files: dict[str, str], expected: int) -> None:
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    assert estimate_total([str(tmp_path)]) == expected
    assert estimate_total(["-"]) is None


def test_batch_progress_bar_renders(tmp_path: Path) -> None:
    import io

    out = io.StringIO()
    bar = ProgressBar(out, interval=0)
    bar(Progress(done=5, total=10, extracted=5, quarantined=1, elapsed=2.0))
    bar.close()
    text = out.getvalue()
    assert "5/10" in text and "2.5 articles/s" in text and "ETA 0:02" in text


_RUNNER = """
import sys
from dateline.batch import ingest_sources
from dateline.config import load_config
from dateline.store import Store
with Store(sys.argv[1]) as store:
    ingest_sources([sys.argv[2]], store=store, cfg=load_config(), workers=int(sys.argv[3]),
                   batch_size=8, chunk_size=4)
"""


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0


def test_batch_resumes_after_sigkill(tmp_path: Path) -> None:
    n, workers = 96, 2
    src = _jsonl(tmp_path / "many.jsonl", n)
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    cmd = [sys.executable, "-c", _RUNNER, str(db), str(src), str(workers)]
    proc = subprocess.Popen(cmd, env=env)
    deadline = time.monotonic() + 120
    while _count(db) < 8 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _count(db)
    assert 0 < partial < n, f"the kill should land mid-run (stored {partial} of {n})"
    # rerun the same command to completion
    subprocess.run(cmd, env=env, check=True, timeout=300)
    # and an uninterrupted reference run
    ref = tmp_path / "ref.db"
    subprocess.run([*cmd[:3], str(ref), str(src), "1"], env=env, check=True, timeout=300)
    with Store(db) as a, Store(ref) as b:
        assert a.counts()["articles"] == n
        assert {k: v for k, v in a.counts().items() if k != "runs"} == {
            k: v for k, v in b.counts().items() if k != "runs"
        }
        dup = a.conn.execute("SELECT COUNT(*) - COUNT(DISTINCT content_hash) FROM articles").fetchone()[0]
        assert dup == 0
        assert [to_json(e) for e in a.extractions()] != [] and sorted(
            json.dumps(to_json(e), sort_keys=True) for e in a.extractions()
        ) == sorted(json.dumps(to_json(e), sort_keys=True) for e in b.extractions())
        statuses = [r["status"] for r in a.runs()]
        assert statuses == ["running", "done"]  # the killed run never finished
