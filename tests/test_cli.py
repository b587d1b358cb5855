from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.records import Extraction, from_json

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "article.txt"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_cli_extract_one_article_is_pretty_json(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", str(EXAMPLE), "--timezone", "Africa/Nairobi"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert result.stdout.startswith("{\n")
    assert data["schema"] == "dateline/1"
    document = data["document"]
    assert document["section"] == "East Africa"
    assert document["published"] == "2024-02-13T18:15:00+03:00"
    assert document["published_tz"] == "assumed"
    assert [p["role"] for p in document["paragraphs"]][:2] == ["headline", "standfirst"]
    assert {
        "text": "Why Ethiopia’s quest for the sea alarms its neighbours",
        "reason": "related-link",
    }.items() <= next(r for r in document["removed"] if r["reason"] == "related-link").items()
    extraction = from_json(Extraction, data)
    for p in extraction.document.paragraphs:
        assert extraction.document.text[p.start : p.end].strip()


def test_cli_extract_jsonl_bad_line_goes_on(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Kim met Pompeo in Pyongyang on Sunday.", "published": "2018-10-07"}),
        "{not json",
        json.dumps({"id": "c", "title": "no text here"}),
        json.dumps({"id": "d", "text": "Moon met Pompeo in Seoul."}),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(source), "--input-format", "jsonl"])
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["id"] == "a"
    assert out[-1]["id"] == "d"
    assert len(out) == 4
    assert out[1]["error"]["code"] == "E105" and out[1]["error"]["stage"] == "ingest"
    assert "2" in out[1]["error"]["message"]  # names the line
    assert out[2]["error"]["code"] == "E106"
    assert out[0]["document"]["published"].startswith("2018-10-07")
    assert "E105" in result.stderr


def test_cli_extract_published_flag_fills_missing_date(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "one.txt"
    source.write_text("Kim met Pompeo in Pyongyang on Sunday.\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(source), "--published", "2018-10-07T19:38:00+08:00"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["document"]["published"] == "2018-10-07T19:38:00+08:00"
    assert data["document"]["headline"] is None  # a single paragraph is all body


def test_cli_extract_stdin(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", "-"], input=EXAMPLE.read_text("utf-8"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["document"]["headline"].startswith("‘We will not be dragged")


def test_cli_extract_table(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", str(EXAMPLE), "--format", "table"])
    assert result.exit_code == 0
    assert "headline: ‘We will not be dragged" in result.stdout
    assert "[related-link]" in result.stdout


def test_cli_extract_directory_is_jsonl(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First story sentence here.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary\x00")
    result = runner.invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 2
    assert out[0]["document"]["text"] == "First story sentence here."
    assert out[1]["error"]["code"] == "E102"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["extract", "x.txt", "--published", "yesterday"], "--published"),
        (["extract", "x.txt", "--format", "xml"], "--format"),
        (["extract", "x.txt", "--timezone", "Mars/Base"], "default_timezone"),
        (["extract"], "Missing argument"),
    ],
)
def test_cli_usage_errors_exit_2(runner: CliRunner, args: list[str], needle: str) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert needle in result.output


def test_cli_missing_file_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "E100" in result.stderr
