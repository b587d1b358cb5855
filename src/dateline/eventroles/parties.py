"""A party of an event (``Party``) and the per-document ``Context`` that turns mentions,
actors, quotes and free text into parties."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from spacy.tokens import Doc, Token

from ..lexicon import Lexicon
from ..records import Actor, EventActor, Mention, Quote
from .syntax import FIRST, MALE_FEMALE, SECOND, THIRD_NONPERSON


@dataclass(slots=True)
class Party:
    actor: str | None
    code: str | None
    sector: str | None
    text: str
    start: int
    kind: str | None = None
    # the words shown for the party when ``text`` is a longer phrase the rules read ("new
    # measures against the Kim regime" is read for its words, shown as "the Kim regime")
    shown: str | None = None

    def out(self) -> EventActor:
        return EventActor(actor=self.actor, code=self.code, sector=self.sector, text=self.shown or self.text)

    @property
    def key(self) -> str:
        return self.actor or f"~{self.code}:{self.text.lower()}"


class Context:
    """Indexes of one document: which token belongs to which mention, actor and quote."""

    def __init__(
        self,
        doc: Doc,
        *,
        mentions: Sequence[Mention],
        actors: Sequence[Actor],
        quotes: Sequence[Quote],
        lex: Lexicon,
        published: datetime | None,
        resolver: Callable[[str], Actor | None] | None,
    ) -> None:
        self.doc = doc
        self.lex = lex
        self.actors = {a.id: a for a in actors}
        self.mentions = list(mentions)
        self.resolver = resolver
        self.anchor = published.date() if published is not None else None
        n = len(doc)
        self.tok_mention = [-1] * n
        self.mention_root: dict[int, int] = {}
        for mi, m in enumerate(self.mentions):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            for t in span:
                if self.tok_mention[t.i] < 0 or len(m.text) > len(self.mentions[self.tok_mention[t.i]].text):
                    self.tok_mention[t.i] = mi
            self.mention_root[mi] = span.root.i
        self.tok_quote = [-1] * n
        self.quotes = list(quotes)
        for qi, q in enumerate(self.quotes):
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.tok_quote[t.i] = qi
        self._cache: dict[str, Actor | None] = {}

    # -- actors ------------------------------------------------------------------------------

    def party_from_mention(self, mi: int) -> Party:
        m = self.mentions[mi]
        actor = self.actors.get(m.actor) if m.actor else None
        return Party(
            actor=m.actor,
            code=actor.code if actor else None,
            sector=actor.sector if actor else None,
            text=m.text,
            start=m.start,
            kind=actor.kind if actor else None,
        )

    def resolve_text(self, text: str, start: int) -> Party | None:
        if self.resolver is None or not text.strip():
            return None
        key = text.lower()
        if key not in self._cache:
            self._cache[key] = self.resolver(text)
        actor = self._cache[key]
        if actor is None or (actor.code is None and actor.sector is None):
            return None
        return Party(None, actor.code, actor.sector, text, start, actor.kind)

    def same_text_mention(self, tok: Token) -> int | None:
        """A mention elsewhere in the document with this token's text and a coded actor."""
        if tok.pos_ != "PROPN":
            return None
        low = tok.lower_
        for mi, m in enumerate(self.mentions):
            if m.actor and m.text.lower().removeprefix("the ") == low:
                actor = self.actors.get(m.actor)
                if actor is not None and actor.code:
                    return mi
        return None

    def preceding_actor(
        self, before: int, *, person: bool | None, exclude: str | None = None
    ) -> Party | None:
        """The last mention before character ``before`` of a person (or not), in 3 sentences."""
        limit = before - 600
        best: int | None = None
        best_score = -1.0
        for mi, m in enumerate(self.mentions):
            if m.start >= before or m.start < limit or not m.actor:
                continue
            actor = self.actors.get(m.actor)
            if actor is None or actor.id == exclude:
                continue
            if person is not None and (actor.kind == "person") != person:
                continue
            if m.text.lower() in FIRST | SECOND | MALE_FEMALE | THIRD_NONPERSON and not m.text.isupper():
                continue
            root = self.mention_root.get(mi)
            subject = root is not None and self.doc[root].dep_ in ("nsubj", "nsubjpass")
            # a subject of the last sentences beats a nearer object
            score = (1.0 if subject else 0.0) + (m.start - limit) / 2000.0
            if score > best_score:
                best, best_score = mi, score
        return self.party_from_mention(best) if best is not None else None


def own(p: Party, codes: set[str]) -> bool:
    """Whether a party is the actor's own ("its troops" of Syria)."""
    return bool(p.code in codes and p.text.lower().startswith(("its ", "their ", "his ", "her ")))
