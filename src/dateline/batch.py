"""Many articles: worker processes, transactional writes, resume and quarantine.

``ingest_sources`` reads every source through ``ingest.iter_articles`` in the parent,
skips articles whose content hash the store holds already (so a rerun after a crash only
does what is left), sends the rest in small chunks to N worker processes that each build
one ``Pipeline`` (in the pool's initializer) and reuse it, and writes the results in the
parent, a batch per transaction. A bad input (an ``InputError`` from ingest, a
``StageError`` from a stage, even an unexpected exception in a stage) is quarantined with
its stage, code and message, and the run goes on.

Resuming is safe at any point: a batch is committed whole or not at all, and storing is
idempotent by content hash, so killing the process (even with SIGKILL) and rerunning the
same command finishes the work with nothing duplicated and nothing lost.

The library never prints: progress goes to a callback; ``ProgressBar`` is a ready-made one
that the CLI points at stderr.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Literal

from .config import Config
from .errors import DatelineError, Errors, StageError, StoreError
from .ingest import iter_articles
from .pipeline import Pipeline
from .records import Article, Extraction
from .store import RunCounts, Store

logger = logging.getLogger(__name__)

Engine = Literal["local", "ray"]

# A failure reduced to plain fields, so it crosses process boundaries.
Failure = tuple[str, str, str, str]  # (source, stage, code, message)
Result = Extraction | Failure


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a run is: ``done`` inputs of an estimated ``total`` (None when unknown)."""

    done: int
    total: int | None
    extracted: int
    quarantined: int
    elapsed: float

    @property
    def rate(self) -> float:
        """Inputs handled per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left, estimated from the rate so far (None when unknown)."""
        if self.total is None or self.rate <= 0 or self.done > self.total:
            return None
        return (self.total - self.done) / self.rate


@dataclass(slots=True)
class IngestReport:
    """What a run did. ``exit_code`` follows the contract: 0 clean, 1 some rejected."""

    run: int
    counts: RunCounts
    elapsed: float
    workers: int
    quarantine: list[Failure] = field(default_factory=list)
    linked: int = 0  # story events reported by two or more articles, store-wide

    @property
    def exit_code(self) -> int:
        return 1 if self.counts.quarantined else 0

    @property
    def rate(self) -> float:
        """Articles extracted per second (skipped ones not counted)."""
        extracted = self.counts.added + self.counts.replaced + self.counts.unchanged
        return extracted / self.elapsed if self.elapsed > 0 else 0.0

    def summary(self) -> str:
        c = self.counts
        lines = [
            f"run {self.run}: {c.seen} inputs in {self.elapsed:.1f}s "
            f"({self.rate:.1f} articles/s extracted, {self.workers} worker(s))",
            f"  stored {c.added} new, {c.replaced} replaced, {c.unchanged} unchanged; "
            f"skipped {c.skipped} already stored; quarantined {c.quarantined}",
            f"  story events linking two or more articles (whole store): {self.linked}",
        ]
        if c.codes:
            lines.append("  rejects by code: " + ", ".join(f"{k} ×{v}" for k, v in c.codes.items()))
        for source, stage, code, message in self.quarantine[:10]:
            lines.append(f"  [{code}] {stage}: {message if source in message else source + ': ' + message}")
        if len(self.quarantine) > 10:
            lines.append(f"  … and {len(self.quarantine) - 10} more (see the quarantine table)")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Workers

_WORKER_PIPELINE: Pipeline | None = None


def _watch_parent(parent: int) -> None:
    """Exit the worker when its parent dies (e.g. SIGKILLed), so no orphan keeps running."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(cfg: Config, parent: int) -> None:
    """Build (or, after a fork, inherit) this worker's one Pipeline, with its model loaded."""
    global _WORKER_PIPELINE
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if _WORKER_PIPELINE is None or _WORKER_PIPELINE.cfg != cfg:
        _WORKER_PIPELINE = Pipeline(cfg)
    _ = _WORKER_PIPELINE.nlp  # load the model now, not inside the first chunk


def _ready() -> bool:
    return _WORKER_PIPELINE is not None


def default_start_method() -> str:
    """``fork`` on Linux (workers inherit the pipeline the parent loaded, as spaCy's own
    ``n_process`` does), else ``spawn``."""
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _failure(article: Article, exc: BaseException) -> Failure:
    if isinstance(exc, DatelineError):
        rec = exc.as_record()
        message = rec["message"]
        if exc.source is None:
            message = f"{article.source}: {message}"
        return (article.source, rec["stage"], rec["code"], message)
    # a bug in a stage must not stop the batch: quarantine it under E300, keep the type
    err = StageError(Errors.E300, stage="pipeline", source=article.source, why=repr(exc))
    return (article.source, "pipeline", err.code, err.as_record()["message"])


def extract_chunk(pipeline: Pipeline, articles: Sequence[Article]) -> list[Result]:
    """Extract a chunk of articles, in order; each failure becomes a ``Failure`` tuple.

    Uses ``Pipeline.extract_many`` (which may batch the NLP); if something other than a
    ``DatelineError`` escapes it, falls back to one article at a time so only the bad one
    is lost.
    """
    try:
        out: list[Result] = []
        for article, item in zip(articles, pipeline.extract_many(articles), strict=True):
            out.append(_failure(article, item) if isinstance(item, DatelineError) else item)
        return out
    except Exception:  # isolate the article that broke a stage, below
        logger.warning("a stage failed inside a chunk; retrying its articles one by one")
    out = []
    for article in articles:
        try:
            out.append(pipeline.extract(article))
        except Exception as exc:  # quarantined with its type and message
            logger.exception("stage failure on %s", article.source)
            out.append(_failure(article, exc))
    return out


def _worker_chunk(articles: list[Article]) -> list[Result]:
    if _WORKER_PIPELINE is None:  # the initializer always runs first; this is a guard
        raise RuntimeError("worker used before its initializer ran")
    return extract_chunk(_WORKER_PIPELINE, articles)


# ---------------------------------------------------------------------------------------
# Estimating the total, for the ETA

_LINE_FORMATS = {".jsonl": 0, ".ndjson": 0, ".csv": 1}


def estimate_total(sources: Sequence[str]) -> int | None:
    """A quick count of the articles in ``sources``: files in a directory, lines of a
    JSONL file, rows of a CSV file (approximate). None when it cannot tell (stdin, URLs,
    WARC, globs)."""
    total = 0
    for source in sources:
        path = Path(source)
        if source == "-" or "://" in source or not path.exists():
            return None
        files = (
            [p for p in sorted(path.rglob("*")) if p.is_file() and not _hidden(p, path)]
            if path.is_dir()
            else [path]
        )
        for f in files:
            suffix = f.suffix.lower()
            if suffix in (".warc", ".gz", ".json"):
                return None
            if suffix in _LINE_FORMATS:
                with f.open("rb") as fh:
                    lines = sum(1 for line in fh if line.strip())
                total += max(0, lines - _LINE_FORMATS[suffix])
            else:
                total += 1
    return total


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


# ---------------------------------------------------------------------------------------
# The run


class _Writer:
    """Buffers results and writes them in the parent, one transaction per batch."""

    def __init__(
        self,
        store: Store,
        run: int,
        counts: RunCounts,
        failures: list[Failure],
        *,
        batch_size: int,
        max_wait: float,
    ) -> None:
        self.store, self.run, self.counts, self.failures = store, run, counts, failures
        self.batch_size, self.max_wait = batch_size, max_wait
        self.buffer: list[tuple[Article | None, Result]] = []
        self.last = time.monotonic()

    def put(self, article: Article | None, result: Result) -> None:
        self.buffer.append((article, result))
        if len(self.buffer) >= self.batch_size or time.monotonic() - self.last > self.max_wait:
            self.flush()

    def _reject(self, failure: Failure, article: Article | None) -> None:
        source, stage, code, message = failure
        self.store.quarantine_record(
            source=source,
            stage=stage,
            code=code,
            message=message,
            article=article.id if article else None,
            run=self.run,
        )
        self.counts.quarantined += 1
        self.counts.codes[code] = self.counts.codes.get(code, 0) + 1
        self.failures.append(failure)

    def flush(self) -> None:
        if not self.buffer:
            return
        with self.store.transaction():
            for article, result in self.buffer:
                if isinstance(result, tuple):
                    self._reject(result, article)
                    continue
                try:
                    status = self.store.add(result, article=article, run=self.run)
                except StoreError as exc:
                    self._reject(
                        (
                            article.source if article else result.id,
                            "store",
                            exc.code,
                            exc.as_record()["message"],
                        ),
                        article,
                    )
                    continue
                if status == "added":
                    self.counts.added += 1
                elif status == "replaced":
                    self.counts.replaced += 1
                else:
                    self.counts.unchanged += 1
        self.buffer.clear()
        self.last = time.monotonic()


def ingest_sources(
    sources: Sequence[str],
    *,
    store: Store,
    cfg: Config,
    workers: int | None = None,
    input_format: str = "auto",
    published: datetime | None = None,
    engine: Engine = "local",
    ordered: bool = True,
    chunk_size: int = 16,
    batch_size: int = 64,
    max_wait: float = 2.0,
    start_method: str | None = None,
    progress: Callable[[Progress], None] | None = None,
    command: str = "",
    address: str | None = None,
) -> IngestReport:
    """Extract every article of ``sources`` and store the results; see the module doc.

    ``workers`` ≤ 1 runs in this process; more starts that many worker processes
    (``start_method``: fork on Linux, else spawn); ``None`` picks one per CPU,
    fewer for small inputs (about 16 articles per worker at least). ``ordered`` writes results in
    input order; unordered writes each chunk as soon as it is done. Raises ``InputError``
    (E110) for an unknown ``input_format``, ``StoreError`` when the store cannot be written
    and ``StageError`` (E300) when a worker process dies; a bad input never raises.
    ``engine="ray"`` runs the same extraction on a Ray Data actor pool of ``workers``
    actors (``ray_engine``; a local Ray, or the cluster at ``address``) and stores the same
    results; it raises ``ConfigError`` (E222) when Ray is not installed.
    """
    total = estimate_total(sources)
    if workers is None:
        workers = os.cpu_count() or 1
        if total is not None:
            workers = max(1, min(workers, total // 16))
    if engine == "ray":
        from .ray_engine import import_ray

        import_ray()  # E222 before a run is recorded when Ray is missing
    job = _Run(
        sources,
        store=store,
        cfg=cfg,
        input_format=input_format,
        published=published,
        chunk_size=chunk_size,
        batch_size=batch_size,
        max_wait=max_wait,
        progress=progress,
        command=command,
        total=total,
    )
    return job.execute(
        workers=workers, ordered=ordered, start_method=start_method, engine=engine, address=address
    )


class _Run:
    """The state of one ingest run (counts, skip set, writer) and its two loops."""

    def __init__(
        self,
        sources: Sequence[str],
        *,
        store: Store,
        cfg: Config,
        input_format: str,
        published: datetime | None,
        chunk_size: int,
        batch_size: int,
        max_wait: float,
        progress: Callable[[Progress], None] | None,
        command: str,
        total: int | None,
    ) -> None:
        self.sources, self.store, self.cfg = sources, store, cfg
        self.input_format, self.published = input_format, published
        self.chunk_size, self.progress = max(1, chunk_size), progress
        self.started = time.monotonic()
        self.run = store.start_run(command or "ingest " + " ".join(sources))
        self.counts = RunCounts()
        self.failures: list[Failure] = []
        self.writer = _Writer(
            store, self.run, self.counts, self.failures, batch_size=batch_size, max_wait=max_wait
        )
        self.total = total
        self.known = store.known_hashes()
        self.done = 0
        self.linked = 0

    def report(self) -> None:
        if self.progress is not None:
            c = self.counts
            elapsed = time.monotonic() - self.started
            extracted = c.added + c.replaced + c.unchanged
            self.progress(Progress(self.done, self.total, extracted, c.quarantined, elapsed))

    def chunks(self) -> Iterator[list[Article]]:
        """Chunks of articles to extract; ingest failures and stored ones are handled here."""
        chunk: list[Article] = []
        items = iter_articles(
            self.sources, cfg=self.cfg, input_format=self.input_format, published=self.published
        )
        for item in items:
            self.counts.seen += 1
            if isinstance(item, DatelineError):
                self.writer.put(None, _input_failure(item))
                self.done += 1
                continue
            digest = item.content_hash
            if digest in self.known:
                self.counts.skipped += 1
                self.done += 1
                continue
            self.known.add(digest)
            chunk.append(item)
            if len(chunk) >= self.chunk_size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def finish(self, chunk: Sequence[Article], results: Sequence[Result]) -> None:
        for article, result in zip(chunk, results, strict=True):
            self.writer.put(article, result)
        self.done += len(chunk)
        self.report()

    def execute(
        self,
        *,
        workers: int,
        ordered: bool,
        start_method: str | None,
        engine: Engine = "local",
        address: str | None = None,
    ) -> IngestReport:
        status = "failed"
        try:
            if engine == "ray":
                from .ray_engine import run_ray

                run_ray(self, workers=workers, address=address)
            elif workers <= 1:
                pipeline = Pipeline(self.cfg)
                for chunk in self.chunks():
                    self.finish(chunk, extract_chunk(pipeline, chunk))
            else:
                self._pool(workers, ordered=ordered, start_method=start_method)
            self.writer.flush()
            self.linked = self.store.link_stories()
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            if self.store.conn.in_transaction:  # a write failed half way: drop that batch
                self.store.conn.execute("ROLLBACK")
            if status != "done":
                self.writer.buffer.clear()
            self.store.finish_run(self.run, self.counts, status=status)
        self.report()
        elapsed = time.monotonic() - self.started
        return IngestReport(
            self.run, self.counts, elapsed, max(1, workers), self.failures, linked=self.linked
        )

    def _pool(self, workers: int, *, ordered: bool, start_method: str | None) -> None:
        global _WORKER_PIPELINE
        method = start_method or default_start_method()
        ctx = multiprocessing.get_context(method)
        window = workers * 4
        if method == "fork":  # load once here; the forked workers share it copy-on-write
            _WORKER_PIPELINE = Pipeline(self.cfg)
            _ = _WORKER_PIPELINE.nlp
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(self.cfg, os.getpid()),
        )
        inflight: deque[tuple[list[Article], Future[list[Result]]]] = deque()
        try:
            if method == "fork":  # fork every worker now, then drop the parent's copy
                pool.submit(_ready).result()
                _WORKER_PIPELINE = None
            for chunk in self.chunks():
                inflight.append((chunk, pool.submit(_worker_chunk, chunk)))
                self._collect(inflight, ordered=ordered, block=len(inflight) >= window)
            while inflight:
                self._collect(inflight, ordered=ordered, block=True)
        except BrokenProcessPool as exc:
            why = f"a worker process died ({exc}); rerun the same command to resume"
            raise StageError(Errors.E300, stage="batch", why=why) from exc
        finally:
            _WORKER_PIPELINE = None
            pool.shutdown(wait=True, cancel_futures=True)

    def _collect(
        self,
        inflight: deque[tuple[list[Article], Future[list[Result]]]],
        *,
        ordered: bool,
        block: bool,
    ) -> None:
        """Write the finished chunks: in order (the head first) or as they finish."""
        if ordered:
            while inflight and (block or inflight[0][1].done()):
                chunk, fut = inflight.popleft()
                self.finish(chunk, fut.result())
                block = False
            return
        if block:
            wait([f for _, f in inflight], return_when=FIRST_COMPLETED)
        for item in [x for x in inflight if x[1].done()]:
            inflight.remove(item)
            self.finish(item[0], item[1].result())


def _input_failure(err: DatelineError) -> Failure:
    rec = err.as_record()
    return (err.source or "?", rec["stage"], rec["code"], rec["message"])


# ---------------------------------------------------------------------------------------
# A progress bar for the CLI


class ProgressBar:
    """Renders ``Progress`` on a text stream (the CLI passes stderr): a bar when the total
    is known, articles/s and the ETA; redrawn at most every ``interval`` seconds."""

    def __init__(self, stream: IO[str] | None = None, *, width: int = 28, interval: float = 0.2):
        self.stream = stream if stream is not None else sys.stderr
        self.width, self.interval = width, interval
        self.last = 0.0
        self.drawn = False

    def __call__(self, p: Progress) -> None:
        now = time.monotonic()
        if now - self.last < self.interval and not (p.total and p.done >= p.total):
            return
        self.last = now
        if p.total:
            frac = min(1.0, p.done / p.total) if p.total else 1.0
            filled = int(frac * self.width)
            bar = "[" + "#" * filled + "-" * (self.width - filled) + f"] {p.done}/{p.total}"
        else:
            bar = f"{p.done} inputs"
        eta = p.eta
        eta_text = f"  ETA {_clock(eta)}" if eta is not None else ""
        line = f"{bar}  {p.rate:.1f} articles/s  {p.quarantined} rejected{eta_text}"
        self.stream.write("\r" + line.ljust(79))
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "?"
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
