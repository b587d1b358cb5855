"""Tests for dateline.ingest: every kind of source becomes an Article or a coded InputError.

Inputs are real files written to tmp_path (plus the small hand-written fixtures in
tests/data/ingest/), WARC files written with warcio, and a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.config import Config, load_config
from dateline.errors import InputError
from dateline.ingest import (
    INPUT_FORMATS,
    article_from_html,
    article_from_text,
    iter_articles,
    read_article,
)
from dateline.records import Article

HERE = Path(__file__).resolve().parent / "data" / "ingest"
STORY_HTML = (HERE / "story.html").read_text("utf-8")
STORY_TITLE = "Harbour workers end strike after pay deal"


def _cfg(**overrides: object) -> Config:
    return load_config(environ={}, overrides=overrides)


CFG = _cfg()


def _items(*sources: str, cfg: Config = CFG, **kwargs: object) -> list[Article | InputError]:
    return list(iter_articles(list(sources), cfg=cfg, **kwargs))  # type: ignore[arg-type]


def _one(*sources: str, cfg: Config = CFG, **kwargs: object) -> Article:
    items = _items(*sources, cfg=cfg, **kwargs)
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def _codes(items: list[Article | InputError]) -> list[str]:
    return [x.code if isinstance(x, InputError) else "ok" for x in items]


# ---------------------------------------------------------------------------------------
# Plain text: encodings and line ends

TEXT = "Minister says “no” to the café deal in Zürich.\nTalks résumé next week."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (TEXT.encode("utf-8-sig"), TEXT),
        (TEXT.encode("utf-16"), TEXT),
        (TEXT.encode("utf-16-be"), None),  # no BOM: NUL bytes, rejected as binary below
        (TEXT.encode("cp1252"), TEXT),
        (
            TEXT.replace("“", '"').replace("”", '"').encode("latin-1"),
            TEXT.replace("“", '"').replace("”", '"'),
        ),
        (TEXT.replace("\n", "\r\n").encode("utf-8"), TEXT),
        (TEXT.replace("\n", "\r").encode("utf-8"), TEXT),
        (b"Line one\r\n\r\nLine two\r\n", "Line one\n\nLine two\n"),
    ],
)
def test_ingest_text_file_decodes_and_normalises(tmp_path: Path, data: bytes, expected: str | None) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    items = _items(str(path))
    if expected is None:
        assert _codes(items) == ["E102"]
        return
    (article,) = items
    assert isinstance(article, Article)
    assert article.text == expected
    assert article.id == str(path)
    assert article.source == str(path)
    assert article.input_format == "text"
    assert article.html is None


WORDS = [
    "the", "minister", "said", "talks", "café", "naïve", "résumé", "Zürich", "señor",
    "façade", "déjà", "“we", "agree”", "‘no’", "—", "rôle", "über", "Ærø", "crème",
    "brûlée", "Pompeo", "élite", "…", "€5", "50%", "(Reuters)", "Seoul,", "2018.",
]  # fmt: skip
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=40),
    separators=st.lists(st.sampled_from([" ", "\n", "\n\n", "\r\n"]), min_size=1, max_size=40),
    encoding=st.sampled_from(ENCODINGS),
)
def test_ingest_decoded_text_survives_every_common_encoding(
    words: list[str], separators: list[str], encoding: str
) -> None:
    if encoding == "latin-1":
        words = [w for w in words if w.encode("latin-1", "ignore").decode("latin-1") == w] or ["x"]
    text = "".join(w + separators[i % len(separators)] for i, w in enumerate(words))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "article.txt")
        path.write_bytes(text.encode(encoding))
        article = read_article(str(path), cfg=CFG)
    assert article.text == text.replace("\r\n", "\n")


NON_WESTERN = [
    ("Президент России заявил, что переговоры продолжатся на следующей неделе в Москве.", "cp1251"),
    ("Ελληνικά: ο υπουργός δήλωσε ότι οι συνομιλίες θα συνεχιστούν την επόμενη εβδομάδα.", "cp1253"),
    ("美国国务卿周日访问平壤，与朝鲜领导人举行会谈，双方同意继续对话。", "gb18030"),
    ("北朝鮮は日曜日、米国務長官の訪問を受けて声明を発表した。", "shift_jis"),
    ("Zażółć gęślą jaźń, powiedział minister w Warszawie po spotkaniu.", "cp1250"),
]


@pytest.mark.parametrize(("text", "encoding"), NON_WESTERN)
def test_ingest_detects_non_western_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(encoding))
    assert _one(str(path)).text == text


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "E101"),
        ("blank.txt", b"  \n\n\t \n", "E101"),
        ("nul.txt", b"some text\x00with a NUL byte", "E102"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 200)), "E102"),
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "E102"),
        ("control.txt", b"ab\x01\x02\x03\x04\x05\x06cd\x07\x08\x0e\x0f", "E102"),
        ("badbom.txt", b"\xef\xbb\xbfhello \xff\xfe world", "E103"),
        ("big.txt", b"word " * 300, "E104"),
        ("big.html", b"<p>word</p>" * 200, "E104"),
        ("big.txt.gz", gzip.compress(b"word " * 300), "E117"),
        ("page.html", b"<html><body><script>var x = 1;</script></body></html>", "E113"),
    ],
)
def test_ingest_bad_file_yields_coded_error(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (error,) = _items(str(path), cfg=_cfg(max_bytes=1000))
    assert isinstance(error, InputError), error
    assert error.code == code
    assert error.source == str(path)
    assert str(path) in str(error)
    with pytest.raises(InputError) as raised:
        read_article(str(path), cfg=_cfg(max_bytes=1000))
    assert raised.value.code == code


def test_ingest_missing_path_and_unmatched_glob(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    pattern = str(tmp_path / "*.html")
    items = _items(missing, pattern)
    assert _codes(items) == ["E100", "E112"]
    assert missing in str(items[0]) and pattern in str(items[1])


def test_ingest_unknown_format_raises_at_once() -> None:
    with pytest.raises(InputError) as raised:
        iter_articles(["x.txt"], cfg=CFG, input_format="docx")
    assert raised.value.code == "E110"
    assert "docx" in str(raised.value)
    assert set(INPUT_FORMATS) == {"auto", "text", "html", "jsonl", "csv", "warc"}


# ---------------------------------------------------------------------------------------
# HTML


def test_ingest_html_file_puts_title_before_body() -> None:
    article = _one(str(HERE / "story.html"))
    assert article.input_format == "html"
    assert article.title == STORY_TITLE
    assert article.text.startswith(STORY_TITLE + "\n\nDock workers in Port Alder voted")
    assert "“This is not everything we asked for" in article.text
    assert "All rights reserved" not in article.text
    assert article.html is not None and "<article>" in article.html
    assert article.published == datetime(2021, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert article.authors == ("Mara Lindqvist",)
    assert article.site == "The Coastal Ledger"


def test_ingest_article_from_html_string_ids_by_hash() -> None:
    article = article_from_html(STORY_HTML, source="<string>", url="https://example.org/a")
    assert article.id == hashlib.sha256(STORY_HTML.encode("utf-8")).hexdigest()[:16]
    assert article.url == "https://example.org/a"
    assert article.source == "<string>"
    assert article.text.split("\n\n")[0] == STORY_TITLE
    assert article_from_html(STORY_HTML, source="s", id="mine").id == "mine"


def test_ingest_html_in_legacy_encoding_uses_meta_charset(tmp_path: Path) -> None:
    html = STORY_HTML.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    path = tmp_path / "legacy.htm"
    path.write_bytes(html.encode("cp1252"))
    article = _one(str(path))
    assert "“This is not everything we asked for" in article.text


def test_ingest_gzipped_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(STORY_HTML.encode("utf-8")))
    article = _one(str(path))
    assert article.title == STORY_TITLE
    assert article.id == str(path)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.jsonl.gz", b'{"text": "one"}\n{"text": "two"}\n', ["one", "two"]),
        ("a.csv.gz", b"text\none\ntwo\n", ["one", "two"]),
        ("a.txt.gz", b"Just one text.\n", ["Just one text.\n"]),
        ("dump.gz", b'{"text": "sniffed"}\n', ["sniffed"]),
    ],
)
def test_ingest_gzipped_containers(tmp_path: Path, name: str, data: bytes, expected: list[str]) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(data))
    items = _items(str(path))
    assert [a.text for a in items if isinstance(a, Article)] == expected
    assert len(items) == len(expected)


# ---------------------------------------------------------------------------------------
# Plain-text helpers


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("Body only.", None, "Body only."),
        ("Body only.", "A headline", "A headline\n\nBody only."),
        ("A headline\n\nBody.", "A headline", "A headline\n\nBody."),
        ("Body\r\nline two", "  A   headline\n", "A headline\n\nBody\nline two"),
        ("Storm clouds gathered.", "Storm", "Storm\n\nStorm clouds gathered."),
        ("\n  A  headline \nBody.", "A headline", "\n  A  headline \nBody."),
    ],
)
def test_ingest_article_from_text_prepends_a_missing_title(
    text: str, title: str | None, expected: str
) -> None:
    article = article_from_text(text, source="<string>", title=title)
    assert article.text == expected
    assert article.id == hashlib.sha256(expected.encode("utf-8")).hexdigest()[:16]


def test_ingest_article_from_text_rejects_blank() -> None:
    with pytest.raises(InputError) as raised:
        article_from_text(" \n ", source="<string>")
    assert raised.value.code == "E101"


# ---------------------------------------------------------------------------------------
# JSONL and JSON

JSONL_CASES: list[tuple[dict[str, object] | str, dict[str, object] | str]] = [
    (
        {"id": "a1", "text": "Pompeo met Kim.", "published": "2018-10-07T19:38:00+08:00"},
        {"id": "a1", "text": "Pompeo met Kim.",
         "published": datetime(2018, 10, 7, 19, 38, tzinfo=timezone(timedelta(hours=8)))},
    ),
    (
        {"id": 42, "text": "A body.", "title": "A title", "url": "https://x.org/1"},
        {"id": "42", "text": "A title\n\nA body.", "title": "A title", "url": "https://x.org/1"},
    ),
    (  # news-please: maintext, date_publish (naive stays naive), authors, description
        {"title": "Storm hits coast", "maintext": "Storm hits coast\nWinds reached 120 km/h.",
         "date_publish": "2017-09-15 17:52:00", "authors": ["A. Writer", "B. Writer"],
         "description": "A storm.", "source_domain": "news.example"},
        {"id": "{path}:3", "text": "Storm hits coast\nWinds reached 120 km/h.",
         "published": datetime(2017, 9, 15, 17, 52), "authors": ("A. Writer", "B. Writer"),
         "description": "A storm.", "site": "news.example"},
    ),
    (
        {"text": "Dated in RFC 2822.", "published": "Sun, 07 Oct 2018 11:38:00 GMT"},
        {"text": "Dated in RFC 2822.", "published": datetime(2018, 10, 7, 11, 38, tzinfo=UTC)},
    ),
    (
        {"text": "Dated in words.", "date": "7 October 2018"},
        {"text": "Dated in words.", "published": datetime(2018, 10, 7)},
    ),
    (
        {"text": "Zulu time.", "published": "2018-10-07T11:38:00Z"},
        {"published": datetime(2018, 10, 7, 11, 38, tzinfo=UTC)},
    ),
    ({"text": "No date.", "published": None}, {"published": None}),
    ({"text": "Placeholder date.", "date_publish": "None"}, {"published": None}),
    ({"text": "Unix time.", "published": 1538912280}, {"published": datetime(2018, 10, 7, 11, 38, tzinfo=UTC)}),
    ({"html": STORY_HTML, "id": "h1"}, {"id": "h1", "title": STORY_TITLE, "html": STORY_HTML}),
    ("{bad json", "E105"),
    ("[1, 2]", "E105"),
    ({"title": "Only a title", "url": "https://x.org"}, "E106"),
    ({"text": "   "}, "E106"),
    ({"text": 17}, "E114"),
    ({"text": "Body.", "published": "sometime soon"}, "E114"),
    ({"text": "Body.", "published": "2018-13-45"}, "E114"),
    ({"html": "<html><body></body></html>"}, "E113"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "expected"), JSONL_CASES)
def test_ingest_jsonl_line(
    tmp_path: Path, line: dict[str, object] | str, expected: dict[str, object] | str
) -> None:
    path = tmp_path / "articles.jsonl"
    raw = line if isinstance(line, str) else json.dumps(line)
    # two blank-ish lines first, so the record is on physical line 3
    path.write_text("\n   \n" + raw + "\n", "utf-8")
    (item,) = _items(str(path))
    if isinstance(expected, str):
        assert isinstance(item, InputError), item
        assert item.code == expected
        assert item.source == f"{path}:3"
        return
    assert isinstance(item, Article), item
    assert item.source == f"{path}:3"
    assert item.input_format == "jsonl"
    for field, value in expected.items():
        if isinstance(value, str):
            value = value.replace("{path}", str(path))
        assert getattr(item, field) == value, field


def test_ingest_jsonl_error_messages_name_line_and_fields(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "ok"}\n{"title": "t", "url": "u"}\n{"text": "x",\n', "utf-8")
    ok, no_text, bad = _items(str(path))
    assert isinstance(ok, Article) and ok.id == f"{path}:1"
    assert isinstance(no_text, InputError) and no_text.code == "E106"
    assert "Line 2" in str(no_text) and "['title', 'url']" in str(no_text)
    assert isinstance(bad, InputError) and bad.code == "E105"
    assert str(bad).startswith(f"[E105] {path}:3: Malformed JSON at line 3")


def test_ingest_record_errors_carry_the_record_id(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "r1", "title": "no text"}\n{"title": "no id either"}\n', "utf-8")
    with_id, without = _items(str(path))
    assert isinstance(with_id, InputError) and with_id.fields["id"] == "r1"
    assert isinstance(without, InputError) and "id" not in without.fields
    assert without.source == f"{path}:2"


def test_ingest_jsonl_over_cap_line_is_rejected_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.ndjson"
    long_line = json.dumps({"text": "word " * 400})
    path.write_text(f'{{"text": "first"}}\n{long_line}\n{{"text": "third"}}\n', "utf-8")
    items = _items(str(path), cfg=_cfg(max_bytes=500))
    assert _codes(items) == ["ok", "E117", "ok"]
    assert isinstance(items[2], Article) and items[2].source == f"{path}:3"


def test_ingest_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n\n  \n", "utf-8")
    assert _codes(_items(str(path))) == ["E101"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ({"id": "doc", "text": "One object."}, [("doc", "One object.")]),
        ({"text": "No id."}, [("{path}", "No id.")]),
        ([{"text": "First."}, {"id": "b", "text": "Second."}],
         [("{path}[0]", "First."), ("b", "Second.")]),
    ],
)  # fmt: skip
def test_ingest_json_document(tmp_path: Path, content: object, expected: list[tuple[str, str]]) -> None:
    path = tmp_path / "article.json"
    path.write_text(json.dumps(content, indent=2), "utf-8")
    items = _items(str(path))
    got = [(a.id, a.text) for a in items if isinstance(a, Article)]
    assert got == [(i.replace("{path}", str(path)), t) for i, t in expected]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_ingest_jsonl_with_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes('{"text": "Zürich “one”"}\n{"text": "two"}\n'.encode(encoding))
    items = _items(str(path))
    assert [a.text for a in items if isinstance(a, Article)] == ["Zürich “one”", "two"]
    assert [a.source for a in items] == [f"{path}:1", f"{path}:2"]


def test_ingest_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_text('{"text": "a"}\n{"text": "b"}\n', "utf-8")
    assert [a.text for a in _items(str(path)) if isinstance(a, Article)] == ["a", "b"]


# ---------------------------------------------------------------------------------------
# CSV


def test_ingest_csv_rows_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_bytes(
        b"ID,Title,Text,Date_Publish\r\n"
        b'1,First,"Para one.\r\n\r\nPara two.",2020-01-02T03:04:05\r\n'
        b"2,,,\r\n"
        b"3,Third,Third body.\r\n"
        b"4,Fourth,Fourth body.,not a date\r\n"
        b"5,Fifth,Caf\xe9 body.,2020-01-05\r\n"
    )
    items = _items(str(path))
    assert _codes(items) == ["ok", "E106", "E118", "E114", "ok"]
    first = items[0]
    assert isinstance(first, Article)
    assert (first.id, first.source) == ("1", f"{path}:2")
    assert first.text == "First\n\nPara one.\n\nPara two."
    assert first.published == datetime(2020, 1, 2, 3, 4, 5)
    assert first.input_format == "csv"
    assert [x.source for x in items[1:4]] == [f"{path}:5", f"{path}:6", f"{path}:7"]
    fifth = items[4]
    assert isinstance(fifth, Article) and fifth.text == "Fifth\n\nCafé body."


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.csv", "title,summary\nA,B\n", "E107"),
        ("a.csv", "", "E101"),
        ("a.csv", "text,title\n", "E101"),
        ("a.tsv", "title\tbody\nTabbed\tA tab-separated body.\n", "Tabbed\n\nA tab-separated body."),
        ("a.csv", "content;url\nSemicolons here.;https://x.org\n", "Semicolons here."),
        ("a.csv", '\ufeffhtml,id\n"' + STORY_HTML.replace('"', '""') + '",p1\n', STORY_TITLE),
    ],
)
def test_ingest_csv_layouts(tmp_path: Path, name: str, data: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(data, "utf-8")
    items = _items(str(path))
    if expected.startswith("E1"):
        assert _codes(items) == [expected]
        assert items[0].source == str(path)
        return
    (article,) = items
    assert isinstance(article, Article)
    assert article.text.startswith(expected)


def test_ingest_csv_unknown_layout_names_columns(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("headline,summary\nA,B\n", "utf-8")
    (error,) = _items(str(path))
    assert isinstance(error, InputError)
    assert "['headline', 'summary']" in str(error) and "`text`" in str(error)


# ---------------------------------------------------------------------------------------
# WARC


def _write_warc(path: Path, *, gz: bool) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gz)

        def response(uri: str, ctype: str, body: bytes, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-05-01T12:00:00Z"},
            )
            writer.write_record(record)

        writer.write_record(writer.create_warcinfo_record("crawl", {"software": "test"}))
        response("https://news.example/story", "text/html; charset=utf-8", STORY_HTML.encode())
        response("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\nxxxx")
        response("https://news.example/old", "text/html", b"<html>moved</html>", "301 Moved")
        no_date = STORY_HTML.replace(
            '<meta property="article:published_time" content="2021-03-14T09:30:00+01:00">', ""
        )
        response("https://news.example/legacy", "text/html; charset=windows-1252", no_date.encode("cp1252"))
        response("https://news.example/empty", "text/html", b"<html><body></body></html>")  # fmt: skip


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_ingest_warc_html_responses(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path, gz=name.endswith(".gz"))
    items = _items(str(path))
    assert _codes(items) == ["ok", "ok", "E113"]
    story, legacy, empty = items
    assert isinstance(story, Article) and isinstance(legacy, Article)
    assert story.id == story.url == "https://news.example/story"
    assert story.input_format == "warc" and story.html == STORY_HTML
    assert story.source == f"{path}:https://news.example/story"
    assert story.text.startswith(STORY_TITLE + "\n\n")
    assert story.published == datetime(2021, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert legacy.id == "https://news.example/legacy"
    assert "“This is not everything" in legacy.text
    if legacy.published is not None:  # html.py may read a date from elsewhere, never WARC-Date
        assert legacy.published.date() != datetime(2024, 5, 1).date()
    assert empty.source == f"{path}:https://news.example/empty"
    assert isinstance(empty, InputError) and empty.fields["id"] == "https://news.example/empty"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("bad.warc", b"not a WARC file at all\n", "E111"),
        ("bad.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99\r\n\r\nshort", "E111"),
        ("bad.warc.gz", b"\x1f\x8b\x08\x00garbage" * 10, "E111"),
    ],
)
def test_ingest_unreadable_warc(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    items = _items(str(path))
    assert _codes(items)[-1] == code
    assert all(isinstance(x, InputError) for x in items)


def test_ingest_warc_without_html_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.warc"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        writer.write_record(writer.create_warcinfo_record("crawl", {"software": "test"}))
    (error,) = _items(str(path))
    assert isinstance(error, InputError) and error.code == "E101"
    assert "no HTML response records" in str(error)


# ---------------------------------------------------------------------------------------
# Directories, globs, sniffing, published


def test_ingest_directory_with_one_malformed_file(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    shutil.copy(HERE / "story.txt", tmp_path / "a.txt")
    shutil.copy(HERE / "story.html", tmp_path / "b" / "page.htm")
    (tmp_path / "b" / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c.jsonl").write_text('{"id": "j1", "text": "From JSONL."}\n', "utf-8")
    (tmp_path / "notes.md").write_text("not an article extension", "utf-8")
    (tmp_path / ".secret.txt").write_text("hidden file", "utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text("hidden folder", "utf-8")
    items = _items(str(tmp_path))
    sources = [x.source for x in items]
    assert sources == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "broken.txt"),
        str(tmp_path / "b" / "page.htm"),
        f"{tmp_path / 'c.jsonl'}:1",
    ]
    assert _codes(items) == ["ok", "E102", "ok", "ok"]


def test_ingest_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x", "utf-8")
    assert _codes(_items(str(tmp_path))) == ["E112"]


def test_ingest_glob(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.html"):
        (tmp_path / name).write_text(f"Text of {name}.", "utf-8")
    items = _items(str(tmp_path / "*.txt"))
    assert [x.id for x in items if isinstance(x, Article)] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
    ]
    assert len(items) == 2


@pytest.mark.parametrize(
    ("data", "input_format"),
    [
        (STORY_HTML.encode(), "html"),
        (b"\n  <div><p>" + STORY_HTML.encode() + b"</p></div>", "html"),
        (b'{"text": "A JSON line."}\n{"text": "Another."}\n', "jsonl"),
        (b"text,title\nA CSV body.,T\n", "csv"),
        (b"Plain words, then more words.\n\nA second paragraph.", "text"),
        (b"{ not json at all", "jsonl"),
    ],
)
def test_ingest_sniffs_files_without_extension(tmp_path: Path, data: bytes, input_format: str) -> None:
    path = tmp_path / "ARTICLE"
    path.write_bytes(data)
    items = _items(str(path))
    assert items
    if input_format in ("jsonl", "csv"):
        first = items[0]
        assert (first.source or "").startswith(f"{path}:")
    else:
        article = items[0]
        assert isinstance(article, Article)
        assert article.input_format == input_format


def test_ingest_sniffs_warc_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "crawl.bin"
    _write_warc(path, gz=True)
    assert _codes(_items(str(path))) == ["ok", "ok", "E113"]


def test_ingest_forced_format_overrides_extension(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(STORY_HTML, "utf-8")
    assert _one(str(path)).input_format == "text"
    assert _one(str(path), input_format="html").title == STORY_TITLE


def test_ingest_published_fills_only_missing_dates(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"text": "Has a date.", "published": "2018-10-07T12:00:00+00:00"}\n{"text": "Has none."}\n',
        "utf-8",
    )
    given_time = datetime(2020, 1, 1, 9, 0, tzinfo=UTC)
    dated, undated = _items(str(path), published=given_time)
    assert isinstance(dated, Article) and isinstance(undated, Article)
    assert dated.published == datetime(2018, 10, 7, 12, 0, tzinfo=UTC)
    assert undated.published == given_time


def test_ingest_read_article_wants_exactly_one(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text('{"text": "one"}\n{"text": "two"}\n', "utf-8")
    with pytest.raises(InputError) as raised:
        read_article(str(path), cfg=CFG)
    assert raised.value.code == "E116"
    single = tmp_path / "one.jsonl"
    single.write_text('{"id": "x", "text": "one"}\n', "utf-8")
    assert read_article(str(single), cfg=CFG).id == "x"


# ---------------------------------------------------------------------------------------
# stdin


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Ein Text aus “stdin”.\r\n".encode("cp1252"), [("hash", "Ein Text aus “stdin”.\n")]),
        (STORY_HTML.encode("utf-16"), [("hash", STORY_TITLE)]),
        (b'{"id": "s1", "text": "first"}\n\n{"text": "second"}\n',
         [("s1", "first"), ("<stdin>:3", "second")]),
    ],
)  # fmt: skip
def test_ingest_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, expected: list[tuple[str, str]]) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    items = _items("-")
    assert all(isinstance(x, Article) for x in items), items
    got = [(a.id, a.text) for a in items if isinstance(a, Article)]
    digest = hashlib.sha256(data).hexdigest()[:16]
    assert [(i.replace("hash", digest), t) for i, t in expected] == [
        (i, t if t == e else t[: len(e)]) for (i, t), (_, e) in zip(got, expected, strict=True)
    ]
    assert all(a.source.startswith("<stdin>") for a in items)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "texts"),
    [
        (b'{"text": "zipped one"}\n{"text": "zipped two"}\n', ["zipped one", "zipped two"]),
        (b"A gzipped plain text.\n", ["A gzipped plain text.\n"]),
    ],
)
def test_ingest_stdin_gzipped(monkeypatch: pytest.MonkeyPatch, data: bytes, texts: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(gzip.compress(data)))
    assert [a.text for a in _items("-") if isinstance(a, Article)] == texts


def test_ingest_stdin_warc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, gz=True)
    monkeypatch.setattr(sys, "stdin", _Stdin(path.read_bytes()))
    items = _items("-")
    assert _codes(items) == ["ok", "ok", "E113"]
    assert items[0].source == "<stdin>:https://news.example/story"


def test_ingest_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"\n \n"))
    assert _codes(_items("-")) == ["E101"]


def test_ingest_stdin_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert _codes(_items("-")) == ["E115"]


def test_ingest_accepts_path_objects() -> None:
    (article,) = iter_articles([HERE / "story.txt"], cfg=CFG)  # type: ignore[list-item]
    assert isinstance(article, Article)
    assert article.text.startswith("Council approves new bridge over the Kell river\n\n")


# ---------------------------------------------------------------------------------------
# URLs, against a real HTTP server on the loopback interface


class _Handler(BaseHTTPRequestHandler):
    user_agents: list[str] = []  # noqa: RUF012 -- shared with the test through the class

    def log_message(self, format: str, *args: object) -> None:
        return

    def _send(self, status: int, ctype: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", headers.pop("length", str(len(body))))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        _Handler.user_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        try:
            if path == "/story.html":
                self._send(200, "text/html; charset=utf-8", STORY_HTML.encode())
            elif path == "/note.txt":
                self._send(200, "text/plain; charset=windows-1252", "Plain “text” note.\r\n".encode("cp1252"))
            elif path.startswith("/hop/"):
                left = int(path.rsplit("/", 1)[1])
                target = "/story.html" if left == 0 else f"/hop/{left - 1}"
                self.send_response(302)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path == "/latin1.txt":
                self._send(200, "text/plain; charset=ISO-8859-1", "“Quoted” caf\u00e9.".encode("cp1252"))
            elif path == "/image.png":
                self._send(200, "image/png", b"\x89PNG\r\n\x1a\n")
            elif path == "/declared-big":
                self._send(200, "text/plain", b"tiny", length="999999999")
            elif path == "/endless":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                for _ in range(10_000):  # about 10 MB at most, cut off by the client long before
                    self.wfile.write(b"more words " * 100)
            elif path == "/drip":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "100")
                self.end_headers()
                for _ in range(100):  # each byte well within the socket timeout, all of them not
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.05)
            elif path == "/to-file":
                self.send_response(302)
                self.send_header("Location", "file:///etc/passwd")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path == "/broken":
                self._send(500, "text/plain", b"internal error")
            elif path == "/slow":
                time.sleep(1.0)
                self._send(200, "text/plain", b"too late")
            elif path == "/articles.jsonl":
                self._send(200, "application/x-ndjson", b'{"text": "one"}\n{"text": "two"}\n')
            else:
                self._send(404, "text/plain", b"not found")
        except (BrokenPipeError, ConnectionResetError):
            return  # the client hung up, as it should when a body is over the cap


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_ingest_url_html(server: str) -> None:
    url = f"{server}/story.html"
    article = _one(url, cfg=_cfg(http_user_agent="dateline-test/1"))
    assert (article.id, article.source, article.url) == (url, url, url)
    assert article.title == STORY_TITLE
    assert article.text.startswith(STORY_TITLE + "\n\n")
    assert "dateline-test/1" in _Handler.user_agents


def test_ingest_url_text_uses_declared_charset(server: str) -> None:
    article = _one(f"{server}/note.txt")
    assert article.text == "Plain “text” note.\n"
    assert article.input_format == "text"


def test_ingest_url_latin1_declared_is_read_as_windows_1252(server: str) -> None:
    assert _one(f"{server}/latin1.txt").text == "“Quoted” café."


def test_ingest_url_redirects_within_the_cap(server: str) -> None:
    article = _one(f"{server}/hop/2", cfg=_cfg(http_max_redirects=3))
    assert article.id == f"{server}/hop/2"
    assert article.url == f"{server}/story.html"


def test_ingest_url_jsonl_when_asked(server: str) -> None:
    items = _items(f"{server}/articles.jsonl", input_format="jsonl")
    assert [a.text for a in items if isinstance(a, Article)] == ["one", "two"]


@pytest.mark.parametrize(
    ("path", "overrides", "code", "words"),
    [
        ("/hop/4", {"http_max_redirects": 3}, "E108", "too many redirects (at most 3"),
        ("/hop/1", {"http_max_redirects": 0}, "E108", "too many redirects (at most 0"),
        ("/image.png", {}, "E109", "image/png"),
        ("/declared-big", {"max_bytes": 1000}, "E104", "999,999,999"),
        ("/endless", {"max_bytes": 100_000}, "E117", "100,000"),
        ("/missing", {}, "E108", "404"),
        ("/slow", {"http_timeout": 0.2}, "E108", "timed out"),
        ("/drip", {"http_timeout": 0.5}, "E108", "timed out"),
        ("/to-file", {}, "E108", "file:///etc/passwd"),
        ("/broken", {}, "E108", "500"),
    ],
)
def test_ingest_url_failures(
    server: str, path: str, overrides: dict[str, object], code: str, words: str
) -> None:
    started = time.monotonic()
    (error,) = _items(server + path, cfg=_cfg(**overrides))
    assert isinstance(error, InputError), error
    assert error.code == code
    assert error.source == server + path
    assert words in str(error)
    assert time.monotonic() - started < 5


def test_ingest_url_connection_refused() -> None:
    with ThreadingHTTPServer(("127.0.0.1", 0), _Handler) as httpd:
        port = httpd.server_address[1]
    (error,) = _items(f"http://127.0.0.1:{port}/x", cfg=_cfg(http_timeout=2))
    assert isinstance(error, InputError) and error.code == "E108"
