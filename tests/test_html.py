"""html: body, headline and publication time of news pages (fixtures in tests/data/html)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.html import (
    extract_html,
    normalise_title,
    pick_headline,
    pick_published,
    repair_mojibake,
    strip_site_name,
)

HARBOR_URL = "https://www.harborgazette.example/world/2021/03/04/velra-night-shipping"
COUNCIL_URL = "https://rivertondaily.example/local/elm-street-library"


def _page(test_data: Path, name: str) -> str:
    return (test_data / "html" / f"{name}.html").read_text("utf-8")


def test_html_body_paragraphs_without_headline_or_furniture(test_data: Path) -> None:
    found = extract_html(_page(test_data, "harbor_jsonld"), source="harbor", url=HARBOR_URL)
    paragraphs = found.text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("The Velra port authority on Thursday approved")
    assert paragraphs[-1].endswith("reported by crews on the water.")
    for noise in ("Most read", "About time, the ban", "All rights reserved", "Port authority approves"):
        assert noise not in found.text


def test_html_metadata_from_structured_data(test_data: Path) -> None:
    found = extract_html(_page(test_data, "harbor_jsonld"), source="harbor", url=HARBOR_URL)
    assert found.title == "Port authority approves night shipping on the Velra estuary"
    assert found.published == datetime(2021, 3, 4, 9, 15, tzinfo=timezone(timedelta(hours=9)))
    assert found.site == "The Harbor Gazette"
    assert found.authors == ("Mina Okafor",)
    assert found.description == "Container ships will be allowed to move after dark from next spring."


def test_html_naive_time_stays_naive(test_data: Path) -> None:
    found = extract_html(_page(test_data, "council_naive"), source="council", url=COUNCIL_URL)
    assert found.title == "Council votes to close Elm Street library branch"
    assert found.published == datetime(2019, 6, 11, 18, 40)
    assert found.published.tzinfo is None
    assert found.text.startswith("Riverton's city council voted six to three")
    assert "Subscribe to our newsletter" not in found.text


def test_html_split_body_blocks_joined(test_data: Path) -> None:
    found = extract_html(_page(test_data, "split_body"), source="split_body")
    paragraphs = found.text.split("\n\n")
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("The vault sits at the end of a gravel road")
    assert paragraphs[3].startswith("The collection began in the 1970s")
    assert paragraphs[-1].startswith("Alvarado says the hardest part")
    assert "Advertisement" not in found.text
    assert "Valley Press cooperative" not in found.text
    assert found.title == "Inside the seed vault that keeps a region's harvests alive"


@pytest.mark.parametrize(
    ("html", "why"),
    [
        ("menu_only", "only menus or labels"),
        ("", "the HTML is empty"),
        ("<html><body></body></html>", "no main text found"),
    ],
)
def test_html_no_article_raises_e113(test_data: Path, html: str, why: str) -> None:
    markup = _page(test_data, html) if html == "menu_only" else html
    with pytest.raises(InputError) as caught:
        extract_html(markup, source="page.html")
    assert caught.value.code == "E113"
    assert why in str(caught.value)
    assert "page.html" in str(caught.value)


STORY = (
    "<p>The river authority said on Monday that the eastern floodgates would stay closed until "
    "the water level at the old mill gauge fell below four metres for three days in a row.</p>"
    "<p>Farmers downstream have asked for the gates to open sooner, saying their fields have been "
    "under water for most of the month and that the spring planting is already late.</p>"
)


@pytest.mark.parametrize(
    ("head", "expected_title", "expected_published"),
    [
        # Dublin Core before Open Graph; space-separated property lists
        ('<title>Title element</title><meta property="og:title" content="Gates stay shut"/>'
         '<meta property="x:title dc:title" content="Floodgates to stay shut"/>',
         "Floodgates to stay shut", None),
        # JSON-LD datePublished with a zone; a modified time on another day is not used
        ('<title>Floodgates to stay shut - River Post</title>'
         '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Floodgates to stay shut",'
         ' "datePublished": "2023-04-03T08:00:00+02:00", "dateModified": "2023-04-05T10:00:00+02:00"}</script>',
         "Floodgates to stay shut", datetime(2023, 4, 3, 8, 0, tzinfo=timezone(timedelta(hours=2)))),
        # a date-only stamp: midnight, naive
        ('<title>Floodgates to stay shut</title><meta name="parsely-pub-date" content="2023-04-03"/>',
         "Floodgates to stay shut", datetime(2023, 4, 3)),
    ],
)  # fmt: skip
def test_html_head_metadata(head: str, expected_title: str, expected_published: datetime | None) -> None:
    page = f"<html><head>{head}</head><body><article>{STORY}</article></body></html>"
    found = extract_html(page, source="inline.html")
    assert found.title == expected_title
    assert found.published == expected_published
    assert found.text.startswith("The river authority said on Monday")


@pytest.mark.parametrize(
    ("h1s", "metas", "title", "site", "url", "expected"),
    [
        # an <h1> confirmed by the <title> minus its site name wins over a different og:title
        (["Storm floods coastal towns"], ["Towns flooded"], "Storm floods coastal towns - Daily Post",
         None, None, "Storm floods coastal towns"),
        # an <h1> confirmed by JSON-LD headline
        (["Markets fall as rates rise", "Most read"], ["Markets slide", "Markets fall as rates rise"],
         "Markets slide | Ledger",
         None, None, "Markets fall as rates rise"),
        # an unconfirmed <h1> (a site banner) loses to the metadata title, site name cut off
        (["The Ledger"], ["Mayor resigns after audit | The Ledger"], None,
         "The Ledger", None, "Mayor resigns after audit"),
        # site name recognised from the URL's host
        ([], [], "Harbour ferry fares to rise - Riverton Daily", None,
         "https://www.rivertondaily.example/a/1", "Harbour ferry fares to rise"),
        # a leading site name
        ([], [], "Riverton Daily | Harbour ferry fares to rise", "Riverton Daily", None,
         "Harbour ferry fares to rise"),
        # a segment that does not name the site is kept
        ([], [], "Review: Harbour Lights - a quiet triumph", None, None,
         "Review: Harbour Lights - a quiet triumph"),
        # a truncated metadata copy is skipped for the <title>
        ([], ["Parliament passes the long-awaited..."], "Parliament passes the long-awaited water bill",
         None, None, "Parliament passes the long-awaited water bill"),
        # nothing but an <h1>
        (["Only a heading"], [], None, None, None, "Only a heading"),
        ([], [], None, None, None, None),
    ],
)  # fmt: skip
def test_html_pick_headline(
    h1s: list[str], metas: list[str], title: str | None, site: str | None, url: str | None,
    expected: str | None,
) -> None:  # fmt: skip
    assert pick_headline(h1s=h1s, metas=metas, title=title, site=site, url=url) == expected


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Fire at the docks | The Courier | News", "The Courier", None, "Fire at the docks"),
        ("Fire at the docks — Courier Online", None, "https://courieronline.example/x", "Fire at the docks"),
        ("Courier", "Courier", None, "Courier"),
    ],
)
def test_html_strip_site_name(title: str, site: str | None, url: str | None, expected: str) -> None:
    assert strip_site_name(title, site=site, url=url) == expected


EIGHT = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("day", "stamps", "expected"),
    [
        # a stamp on the same day gives its time and zone
        (date(2018, 10, 7), [datetime(2018, 10, 7, 19, 38, tzinfo=EIGHT)],
         datetime(2018, 10, 7, 19, 38, tzinfo=EIGHT)),
        # a stamp on another day (a modified time) is not used: the day alone, naive
        (date(2018, 10, 7), [datetime(2018, 10, 9, 8, 0, tzinfo=EIGHT)], datetime(2018, 10, 7)),
        # the second stamp agrees
        (date(2018, 10, 7), [datetime(2018, 10, 9, 8, 0), datetime(2018, 10, 7, 6, 5)],
         datetime(2018, 10, 7, 6, 5)),
        # no day found: the first structured stamp
        (None, [datetime(2020, 1, 2, 3, 4)], datetime(2020, 1, 2, 3, 4)),
        (None, [], None),
    ],
)  # fmt: skip
def test_html_pick_published(day: date | None, stamps: list[datetime], expected: datetime | None) -> None:
    assert pick_published(day=day, stamps=stamps) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trump\u00e2\u0080\u0099s testimony", "Trump\u2019s testimony"),
        ("guns and\u00c2\u00a0drones", "guns and\u00a0drones"),
        ("Zürich’s café", "Zürich’s café"),
        ("plain ASCII", "plain ASCII"),
    ],
)
def test_html_repair_mojibake(text: str, expected: str) -> None:
    assert repair_mojibake(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim’s “deal”", 'kim\'s "deal"'),
        ("  Rates   rise &amp; fall.", "rates rise & fall"),
        ("Fire \u2014 docks", "fire - docks"),
    ],
)
def test_html_normalise_title(a: str, b: str) -> None:
    assert normalise_title(a) == normalise_title(b)
