"""The ``dateline`` command line. It only parses arguments, builds config and calls the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
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


# ---------------------------------------------------------------------------------------
# The corpus: ingest into a store, query it, export it (library: dateline.store, dateline.batch)

_DB_HELP = "The store (SQLite file)."


def _open_store(path: str) -> Any:
    from .store import Store

    try:
        return Store(path)
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc


def _existing_db(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from pathlib import Path

    if not Path(value).is_file():
        raise click.BadParameter(
            f"no store at {value!r}; build one with `dateline ingest PATH… --db {value}`"
        )
    return value


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    from .store import parse_day

    if value is None:
        return None
    try:
        return parse_day(value, what=f"--{param.name}")
    except ConfigError as exc:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from exc


def _dyad(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    from .store import parse_dyad

    if value is None:
        return None
    try:
        return parse_dyad(value)
    except ConfigError as exc:
        raise click.BadParameter(f"{value!r} is not a dyad: expected ACTOR:RECIPIENT, e.g. USA:PRK") from exc


def _write(
    objects: Iterable[dict[str, Any]],
    *,
    fmt: str,
    output: str | None,
    force: bool,
    columns: Sequence[str],
    flatten: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    table: dict[str, int] | None = None,
) -> None:
    from .store import write_output

    try:
        write_output(
            objects,
            fmt=fmt,
            output=output,
            force=force,
            columns=columns,
            flatten=flatten,
            table=table,
            stdout=sys.stdout,
        )
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc


_OUTPUT = click.option("--output", "-o", metavar="PATH", help="Write here instead of stdout ('-').")
_FORCE = click.option("--force", is_flag=True, help="Overwrite an existing output file.")


@main.command()
@click.argument("sources", nargs=-1, required=True, metavar="PATH…")
@click.option("--db", default="dateline.db", show_default=True, help=_DB_HELP)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes. Default: one per CPU, fewer for small inputs.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: worker processes; ray: a Ray Data actor pool (pip install 'dateline[ray]').",
)
@click.option(
    "--address",
    metavar="ADDR",
    help="With --engine ray: the cluster to join (auto, ray://HOST:10001). Default: a local Ray.",
)
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True)
@click.option(
    "--published",
    callback=_parse_published,
    metavar="ISO-DATETIME",
    help="Publication time for inputs that carry none.",
)
@click.option("--unordered", is_flag=True, help="Store results as they finish, not in input order.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr. Default: only when stderr is a terminal.",
)
@click.option("--model", metavar="NAME", help="spaCy pipeline: sm, md, lg, trf, a package or a path.")
@click.pass_context
def ingest(
    ctx: click.Context,
    sources: tuple[str, ...],
    db: str,
    workers: int | None,
    engine: str,
    address: str | None,
    input_format: str,
    published: datetime | None,
    unordered: bool,
    progress: bool | None,
    model: str | None,
) -> None:
    """Extract every article of PATH… into the store; idempotent and resumable.

    Rerunning the same command after an interruption (even SIGKILL) finishes the work
    without duplicating anything. Rejected inputs are quarantined with stage, code and
    message; the exit code is then 1.
    """
    from .batch import ProgressBar, ingest_sources

    cfg = _config(ctx, model=model)
    show = progress if progress is not None else sys.stderr.isatty()
    bar = ProgressBar(sys.stderr) if show else None
    store = _open_store(db)
    try:
        report = ingest_sources(
            list(sources),
            store=store,
            cfg=cfg,
            workers=workers,
            input_format=input_format,
            published=published,
            engine="ray" if engine == "ray" else "local",
            address=address,
            ordered=not unordered,
            progress=bar,
            command="dateline " + " ".join(sys.argv[1:]),
        )
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if bar is not None:
            bar.close()
        store.close()
    click.echo(report.summary(), err=True)
    ctx.exit(report.exit_code)


@main.command()
@click.option("--db", default="dateline.db", show_default=True, callback=_existing_db, help=_DB_HELP)
@click.option("--actor", metavar="CODE", help="Events with a party of CODE (PRK) or CODE+sector (PRKGOV).")
@click.option("--dyad", metavar="A:B", callback=_dyad, help="Events from actor code A to recipient code B.")
@click.option("--event", "event_type", metavar="TYPE", help="PLOVER type (CONSULT) or CAMEO prefix (04).")
@click.option("--since", callback=_day, metavar="D", help="First day (inclusive): YYYY-MM-DD, YYYY-MM, YYYY.")
@click.option("--until", callback=_day, metavar="D", help="Last day (inclusive).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "jsonl", "parquet"]),
    default="table",
    show_default=True,
)
@_OUTPUT
@_FORCE
def events(
    db: str,
    actor: str | None,
    dyad: tuple[str, str] | None,
    event_type: str | None,
    since: Any,
    until: Any,
    fmt: str,
    output: str | None,
    force: bool,
) -> None:
    """Query the stored events; jsonl gives each event object plus its article."""
    from .store import EVENT_COLUMNS, EVENT_TABLE, EventFilter, event_row

    flt = EventFilter(actor=actor, dyad=dyad, event=event_type, since=since, until=until)
    with _open_store(db) as store:
        _write(
            store.events(flt),
            fmt=fmt,
            output=output,
            force=force,
            columns=EVENT_COLUMNS,
            flatten=event_row,
            table=EVENT_TABLE,
        )


@main.command()
@click.option("--db", default="dateline.db", show_default=True, callback=_existing_db, help=_DB_HELP)
@click.option("--speaker", metavar="NAME", help="Quotes whose speaker's name contains NAME.")
@click.option("--search", metavar="TEXT", help="Full-text search: quotes containing every word of TEXT.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True
)
@_OUTPUT
@_FORCE
def quotes(
    db: str, speaker: str | None, search: str | None, fmt: str, output: str | None, force: bool
) -> None:
    """Query the stored quotes; jsonl gives each quote, its speaker actor and its article."""
    from .store import QUOTE_COLUMNS, QUOTE_TABLE, QuoteFilter, quote_row

    with _open_store(db) as store:
        _write(
            store.quotes(QuoteFilter(speaker=speaker, search=search)),
            fmt=fmt,
            output=output,
            force=force,
            columns=QUOTE_COLUMNS,
            flatten=quote_row,
            table=QUOTE_TABLE,
        )


@main.command()
@click.option("--db", default="dateline.db", show_default=True, callback=_existing_db, help=_DB_HELP)
@click.option("--code", metavar="CODE", help="Only actors of this code (PRK) or code+sector (PRKGOV).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True
)
@_OUTPUT
@_FORCE
def actors(db: str, code: str | None, fmt: str, output: str | None, force: bool) -> None:
    """The stored actors across articles, with how many articles cite them."""
    from .store import ACTOR_COLUMNS, ACTOR_TABLE

    with _open_store(db) as store:
        _write(
            store.actors(code=code),
            fmt=fmt,
            output=output,
            force=force,
            columns=ACTOR_COLUMNS,
            flatten=dict,
            table=ACTOR_TABLE,
        )


@main.command()
@click.option("--db", default="dateline.db", show_default=True, callback=_existing_db, help=_DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["plover-jsonl", "csv", "parquet"]), required=True)
@_OUTPUT
@_FORCE
def export(db: str, fmt: str, output: str | None, force: bool) -> None:
    """Export every stored event: PLOVER JSONL records (PLOVER's field names), or flat CSV/Parquet."""
    from .store import EVENT_COLUMNS, event_row, plover_records

    with _open_store(db) as store:
        if fmt == "plover-jsonl":
            _write(plover_records(store), fmt="jsonl", output=output, force=force, columns=())
        else:
            _write(
                store.events(), fmt=fmt, output=output, force=force, columns=EVENT_COLUMNS, flatten=event_row
            )


@main.command()
@click.option("--db", default="dateline.db", show_default=True, callback=_existing_db, help=_DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option(
    "--period",
    type=click.Choice(["week", "month"]),
    default="month",
    show_default=True,
    help="Bucket of the dyad time series (weeks start on Monday).",
)
def stats(db: str, fmt: str, period: str) -> None:
    """Counts and the dyad time series: events and summed Goldstein per dyad per period."""
    from .store import format_stats

    with _open_store(db) as store:
        result = store.stats(period="week" if period == "week" else "month")
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(format_stats(result), nl=False)


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@main.command()
@click.argument("text")
@click.option(
    "--date",
    "when",
    metavar="YYYY-MM-DD",
    callback=_iso_date,
    help="The date the text speaks of (office holders are looked up then); default today.",
)
@click.pass_context
def resolve(ctx: click.Context, text: str, when: Any) -> None:
    """Code one actor description as JSON {name, code, sector, kind, title} (null: no actor)."""
    from .actors import resolve_json

    click.echo(json.dumps(resolve_json(text, when=when, cfg=_config(ctx)), ensure_ascii=False, indent=2))


@main.group()
def kb() -> None:
    """The local knowledge base of office holders, built from files you bring."""


@kb.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Where to write the KB (default: setting `kb`, else ~/.local/share/dateline/kb.sqlite).",
)
@click.pass_context
def kb_import(ctx: click.Context, paths: tuple[str, ...], output: str | None) -> None:
    """Build the local KB from Peppercat CSVs and TSV/YAML actor files; it takes precedence
    over the packaged KB. TSV/YAML fields: name, aliases, code, sector, kind, title, start, end."""
    from pathlib import Path

    from .kb import default_local_path, import_kb

    cfg = _config(ctx)
    out = Path(output or cfg.kb).expanduser() if (output or cfg.kb) else default_local_path()
    try:
        counts = import_kb([Path(p) for p in paths], out=out)
    except DatelineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for name, n in counts.items():
        click.echo(f"{name}: {n} entries", err=True)
    click.echo(str(out))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
