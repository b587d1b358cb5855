"""The ``dateline`` command line. It only parses arguments, builds config and calls the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime
from itertools import chain
from typing import Any

import click

from . import __version__
from .config import Config, load_config
from .errors import ConfigError, DatelineError
from .ingest import INPUT_FORMATS, iter_articles
from .pipeline import Pipeline
from .records import Article, Extraction, to_json

MULTI_FORMATS = {"jsonl", "csv", "warc"}


def _parse_published(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO date or date-time (e.g. 2018-10-07 or 2018-10-07T19:38:00+08:00)"
        ) from None


def _config(ctx: click.Context, **overrides: Any) -> Config:
    try:
        return load_config(ctx.obj.get("config_path"), overrides=overrides)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dateline")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, exists=True),
    help="A TOML settings file (overrides the packaged defaults and ~/.config/dateline/config.toml).",
)
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """dateline: news articles to event data — who did and said what to whom, when and where."""
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path


@main.command()
@click.argument("sources", nargs=-1, required=True, metavar="FILE|DIR|URL|-")
@click.option(
    "--published",
    callback=_parse_published,
    metavar="ISO-DATETIME",
    help="Publication time for inputs that carry none; relative dates resolve against it.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "table"]),
    default=None,
    help="Output format. Default: json for one article, jsonl for several.",
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default="auto",
    show_default=True,
    help="How to read the input; auto detects it from the extension and the content.",
)
@click.option(
    "--timezone",
    metavar="ZONE",
    help="Zone assumed for publication stamps without one (IANA name or +HH:MM).",
)
@click.option("--model", metavar="NAME", help="spaCy pipeline: sm, md, lg, trf, a package or a path.")
@click.pass_context
def extract(
    ctx: click.Context,
    sources: tuple[str, ...],
    published: datetime | None,
    fmt: str | None,
    input_format: str,
    timezone: str | None,
    model: str | None,
) -> None:
    """Extract the document, actors, quotes and events of articles as JSON.

    One article in gives one pretty-printed JSON object; several (a directory, a JSONL, CSV or
    WARC file) give JSONL, one result per article in input order. A rejected input yields
    {"id", "error": {"code", "message", "stage"}} and the run goes on (exit code 1).
    """
    cfg = _config(ctx, default_timezone=timezone, model=model)
    pipeline = Pipeline(cfg)
    articles = iter_articles(list(sources), cfg=cfg, input_format=input_format, published=published)
    first = list(_take(articles, 2))
    single = (
        len(first) == 1
        and input_format not in MULTI_FORMATS
        and isinstance(first[0], Article)
        and first[0].input_format not in MULTI_FORMATS
    )
    results = pipeline.extract_many(chain(first, articles), published=published)
    fmt = fmt or ("json" if single else "jsonl")
    rejected = 0
    for item in results:
        if isinstance(item, DatelineError):
            rejected += 1
            click.echo(f"error {item}", err=True)
            if fmt != "jsonl":
                continue
            record: dict[str, Any] = {"id": _error_id(item), "error": item.as_record()}
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        if fmt == "json":
            click.echo(json.dumps(to_json(item), ensure_ascii=False, indent=2))
        elif fmt == "jsonl":
            click.echo(json.dumps(to_json(item), ensure_ascii=False))
        else:
            click.echo(render_table(item))
    if rejected:
        ctx.exit(1)


def _take(items: Iterator[Any], n: int) -> Iterator[Any]:
    for _ in range(n):
        item = next(items, None)
        if item is None:
            return
        yield item


def _error_id(exc: DatelineError) -> str | None:
    ident = exc.fields.get("id")
    return str(ident) if ident is not None else exc.source


def render_table(extraction: Extraction) -> str:
    """A human-readable summary of one extraction."""
    doc = extraction.document
    lines = [f"== {extraction.id}"]
    for label, value in (
        ("section", doc.section),
        ("headline", doc.headline),
        ("standfirst", doc.standfirst),
        ("byline", doc.byline),
        ("dateline", doc.dateline),
        ("published", doc.published.isoformat() if doc.published else None),
        ("updated", doc.updated.isoformat() if doc.updated else None),
    ):
        if value:
            lines.append(f"{label:>11}: {value}")
    if doc.published_tz == "assumed":
        lines.append(f"{'':>11}  (time zone assumed: {doc.assumed_tz})")
    body = [p for p in doc.paragraphs if p.role == "body"]
    lines.append(f"{'body':>11}: {len(body)} paragraphs, {sum(p.end - p.start for p in body)} characters")
    for removed in doc.removed:
        lines.append(f"{'removed':>11}: [{removed.reason}] {_clip(removed.text, 90)}")
    for actor in extraction.actors:
        lines.append(f"{'actor':>11}: {actor.id} {actor.name} {actor.code or '-'} {actor.sector or '-'}")
    for quote in extraction.quotes:
        who = quote.speaker.text if quote.speaker else "?"
        lines.append(f"{'quote':>11}: {who}: {_clip(quote.text, 90)}")
    for event in extraction.events:
        src = "+".join(a.code or "?" for a in event.actor)
        tgt = "+".join(a.code or "?" for a in event.recipient)
        lines.append(f"{'event':>11}: {event.date} {event.event} {event.cameo} {src} -> {tgt}")
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
