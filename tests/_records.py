"""Hand-built Articles and full Extractions (actors, mentions, quotes, events) for store tests.

The texts are the team's own invented sentences, not copied from any source.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from dateline.records import (
    Actor,
    Article,
    Document,
    Event,
    EventActor,
    Extraction,
    Location,
    Mention,
    Paragraph,
    Quote,
    Span,
    SpanRef,
)

TZ = timezone(timedelta(hours=8))


def make_article(ident: str, text: str, *, url: str | None = None) -> Article:
    return Article(
        id=ident,
        text=text,
        source=f"hand/{ident}.txt",
        url=url,
        title=text.split("\n", 1)[0],
        published=datetime(2018, 10, 7, 19, 38, tzinfo=TZ),
        authors=("A. Writer",),
        site="example.org",
    )


def make_extraction(
    article: Article,
    *,
    speaker: str = "Mike Pompeo",
    said: str = "We had good talks in Pyongyang",
    event: str = "CONSULT",
    cameo: str = "042",
    goldstein: float = 1.9,
    day: date | None = date(2018, 10, 7),
    codes: tuple[str, str] = ("USA", "PRK"),
) -> Extraction:
    """A full extraction whose spans slice ``article.text`` (built as headline + body)."""
    headline = article.text.split("\n", 1)[0]
    body = f"{speaker} said: “{said}.” He met Kim Jong-un in Pyongyang."
    text = headline + "\n\n" + body
    h_end = len(headline)
    b_start = h_end + 2
    sp = text.index(speaker)
    qs = text.index(said)
    kim = text.index("Kim Jong-un")
    met = text.index("He met")
    doc = Document(
        id=article.id,
        text=text,
        paragraphs=(Paragraph(0, h_end, "headline"), Paragraph(b_start, len(text), "body")),
        headline=headline,
        published=article.published,
        url=article.url,
    )
    actors = (
        Actor("a1", speaker, "person", codes[0], "GOV", "Secretary of State", (speaker,)),
        Actor("a2", "Kim Jong-un", "person", codes[1], "GOV", None, ("Kim Jong-un",)),
    )
    mentions = (
        Mention(sp, sp + len(speaker), speaker, "a1", "PERSON"),
        Mention(kim, kim + 11, "Kim Jong-un", "a2", "PERSON"),
    )
    quotes = (
        Quote(
            id="q1",
            text=said,
            start=qs,
            end=qs + len(said),
            kind="direct",
            segments=(Span(qs, qs + len(said), said),),
            speaker=SpanRef(sp, sp + len(speaker), speaker, "a1"),
            cue="said",
        ),
    )
    events = (
        Event(
            id="e1",
            event=event,
            cameo=cameo,
            mode="visit" if event == "CONSULT" else None,
            quad=1,
            goldstein=goldstein,
            actor=(EventActor("a1", codes[0], "GOV", speaker),),
            recipient=(EventActor("a2", codes[1], "GOV", "Kim Jong-un"),),
            date=day,
            date_precision="day" if day else None,
            location=Location("Pyongyang", "PRK", 39.03, 125.75),
            evidence=Span(met, len(text), text[met:]),
            support=(Span(qs, qs + len(said), said),),
        ),
    )
    return Extraction(
        id=article.id, document=doc, actors=actors, mentions=mentions, quotes=quotes, events=events
    )
