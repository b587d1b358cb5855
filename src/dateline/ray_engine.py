"""The Ray engine: the same per-article pipeline, run by a Ray Data actor pool.

``run_ray`` takes the chunks a batch run (``batch._Run``) reads, skips and counts exactly as
the local engine does, and hands them to Ray Data in windows: each window is a dataset of
pickled articles mapped by ``map_batches`` over a pool of ``workers`` actors, each of which
builds one ``Pipeline`` (model loaded once per actor) and runs ``batch.extract_chunk`` on
its batches. Results come back to the parent in input order and go through the same writer
as the local engine's (only the parent writes; only ``dateline.store`` touches SQLite), so a Ray
run stores exactly what a local run stores.

Ray is optional (``pip install 'dateline[ray]'``). Usage statistics are switched off
(``RAY_USAGE_STATS_ENABLED=0`` unless set) and a local Ray is started without a dashboard;
``address`` (``auto``, ``ray://host:10001`` or ``host:6379``) joins a running cluster, whose
nodes need dateline installed in the same version.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .config import Config
from .errors import ConfigError, Errors, StageError
from .pipeline import Pipeline
from .records import Article

if TYPE_CHECKING:
    from .batch import Result, _Run

logger = logging.getLogger(__name__)

# Articles per Ray dataset: the parent holds one window in memory at a time, and each window
# starts its actor pool afresh (one model load per actor per window).
DEFAULT_WINDOW = 4096


def import_ray() -> Any:
    """Import Ray with usage statistics off; ``ConfigError`` (E222) when it is missing."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    try:
        import ray  # type: ignore[import-not-found,unused-ignore]
        import ray.data  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise ConfigError(
            Errors.E222,
            source="--engine ray",
            what="The Ray engine",
            package="ray",
            extra="ray",
            why=exc,
        ) from exc
    return ray


class Extractor:
    """A Ray Data actor: one loaded ``Pipeline``, applied to batches of pickled articles."""

    def __init__(self, cfg: Config) -> None:
        self.pipeline = Pipeline(cfg)
        _ = self.pipeline.nlp  # load the model when the actor starts, not in its first batch

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        from .batch import extract_chunk

        articles: list[Article] = [pickle.loads(blob) for blob in batch["article"]]
        results = extract_chunk(self.pipeline, articles)
        return {
            "i": list(batch["i"]),
            "result": [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results],
        }


def _windows(job: _Run, window: int) -> Iterator[list[list[Article]]]:
    """The run's chunks grouped into windows of about ``window`` articles."""
    group: list[list[Article]] = []
    size = 0
    for chunk in job.chunks():
        group.append(chunk)
        size += len(chunk)
        if size >= window:
            yield group
            group, size = [], 0
    if group:
        yield group


def run_ray(
    job: _Run,
    *,
    workers: int,
    address: str | None = None,
    window: int = DEFAULT_WINDOW,
) -> None:
    """Extract the run's articles on Ray and write them through ``job.finish``, in order.

    Starts a local Ray (``workers`` CPUs, no dashboard) unless ``address`` names a cluster
    or Ray is running in this process already; shuts down only a Ray it started. Raises
    ``ConfigError`` (E222) without Ray and ``StageError`` (E300) when the Ray job fails.
    """
    ray = import_ray()
    started = False
    if not ray.is_initialized():
        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.WARNING,
        }
        if address:
            options["address"] = address
        else:
            options["num_cpus"] = max(1, workers)
        try:
            ray.init(**options)
        except Exception as exc:  # Ray raises ConnectionError, ValueError, RuntimeError, ...
            where = address or "a local Ray"
            raise ConfigError(
                Errors.E223, source=where, address=where, why=f"{type(exc).__name__}: {exc}"
            ) from exc
        started = True
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        for group in _windows(job, max(1, window)):
            _run_window(ray, job, group, workers=max(1, workers))
    finally:
        if started:
            ray.shutdown()


def _run_window(ray: Any, job: _Run, group: list[list[Article]], *, workers: int) -> None:
    articles = [a for chunk in group for a in chunk]
    rows = [
        {"i": i, "article": pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL)} for i, a in enumerate(articles)
    ]
    pool = max(1, min(workers, len(group)))
    dataset = ray.data.from_items(rows).map_batches(
        Extractor,
        fn_constructor_kwargs={"cfg": job.cfg},
        compute=ray.data.ActorPoolStrategy(size=pool),
        batch_size=job.chunk_size,
        batch_format="numpy",
    )
    results: list[Result | None] = [None] * len(articles)
    try:
        for row in dataset.iter_rows():
            results[int(row["i"])] = pickle.loads(row["result"])
    except Exception as exc:  # a Ray failure (actor died, cluster lost): the run stops
        why = f"the Ray job failed ({type(exc).__name__}: {exc}); rerun the same command to resume"
        raise StageError(Errors.E300, stage="batch", why=why) from exc
    start = 0
    for chunk in group:
        done = results[start : start + len(chunk)]
        start += len(chunk)
        missing = [a.source for a, r in zip(chunk, done, strict=True) if r is None]
        if missing:
            why = f"Ray returned no result for {missing[0]}; rerun the same command to resume"
            raise StageError(Errors.E300, stage="batch", why=why)
        job.finish(chunk, [r for r in done if r is not None])
