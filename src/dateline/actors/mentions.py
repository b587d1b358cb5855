"""Finding mentions in one spaCy parse: people with their titles, named organisations, states
and their seats of power, descriptions without a name, and "the North"/"the South" in a
Korea story. ``extract_actors`` is the stage's entry point."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..config import Config
from ..kb import KnowledgeBase, historical_code, normalize
from ..nlp import capitalised_words, doc_text, token_indices
from ..records import Actor, Document, Mention
from .coding import Coding, code_words, knowledge_base
from .linking import Ref, link
from .vocab import HONORIFICS, KOREA, LOCATIVE, NAME_LABELS


def extract_actors(
    doc: Doc, *, document: Document, cfg: Config, kb: KnowledgeBase | None = None
) -> tuple[tuple[Mention, ...], tuple[Actor, ...]]:
    """The mentions and canonical actors of one document.

    ``doc`` is the spaCy parse of ``document.text``; offsets of the mentions point into it.
    The document's publication date dates the office-holder lookups (today when it has none).
    """
    kb = kb or knowledge_base(cfg)
    when = document.published.date() if document.published else date.today()
    text = doc_text(doc)
    sent_of = _sentence_index(doc)
    used = bytearray(len(doc))  # tokens already inside a mention or a title
    refs: list[Ref] = []

    # 1. names from spaCy's entities, with their titles: people first, so a title's
    #    organisation or country ("White House national security adviser John Bolton") is
    #    read as part of the title rather than as a mention of its own
    ents = sorted(
        (e for e in doc.ents if e.label_ in NAME_LABELS), key=lambda e: (e.label_ != "PERSON", e.start)
    )
    for ent in ents:
        span = _fix_span(doc, ent)
        if any(used[span.start : span.end]):
            continue
        words, caps = _span_words(span)
        key = " ".join(words)
        if not key:
            continue
        label = ent.label_
        if (
            label == "PERSON"
            and key in kb.places
            # a lone country name is the country, though some senator's surname ("Jordan")
            and (not kb.has_person(key) or (len(words) == 1 and kb.places[key][1] == "country"))
            and (len(span) == 1 or kb.places[key][1] == "country")
            and not _is_person_key(key, refs)
        ):
            label = "GPE"  # "Labour chooses Manchester", "Sri Lanka has established ties"
        if label == "PERSON" and not kb.has_person(key) and _all_demonyms(words, kb):
            label = "ORG"  # "Bosnian Serbs demanded a truce": a people, coded by its words
        if label == "PERSON" and not kb.has_person(key) and kb.org(key):
            label = "ORG"  # "Boko Haram releases 21 girls": a group the model took for a name
        if label == "PERSON" or (
            label in ("GPE", "ORG")
            and key not in kb.places
            and (kb.has_person(key) or _is_person_key(key, refs))
        ):
            _add_person(doc, span, refs, used, kb, when, sent_of)
            continue
        _add_name(doc, span, words, caps, label, refs, used, kb, when, sent_of)

    # 2. known names spaCy missed (e.g. a surname at the start of a sentence)
    person_words = {w for r in refs if r.label == "person" for w in r.key.split()}
    for tok in (doc[i] for i in capitalised_words(doc)):
        if used[tok.i]:
            continue
        low = normalize(tok.text)
        if low in person_words and tok.pos_ in ("PROPN", "NOUN", "ADJ", "VERB", "X"):
            _add_person(doc, doc[tok.i : tok.i + 1], refs, used, kb, when, sent_of)

    # 3. descriptions and metonymy from noun chunks, and possessors ("his top diplomat's")
    for chunk in doc.noun_chunks:
        _add_description(doc, chunk, refs, used, kb, when, sent_of)
    for tok in (doc[i] for i in token_indices(doc, "DEP", ("poss",))):
        if tok.pos_ == "NOUN" and not used[tok.i] and normalize(tok.text) in kb.roles:
            _add_description(doc, doc[tok.left_edge.i : tok.i + 1], refs, used, kb, when, sent_of)
    _add_the_north(doc, refs, used, sent_of)

    # 4. pronoun subjects
    for tok in (doc[i] for i in token_indices(doc, "LOWER", ("he", "she"))):
        if tok.dep_ in ("nsubj", "nsubjpass") and not used[tok.i]:
            refs.append(Ref(tok.idx, tok.idx + len(tok.text), "pronoun", sent=sent_of[tok.i], subject=True))
    refs.sort(key=lambda r: (r.start, r.end))
    return link(refs, text, kb, when)


def _sentence_index(doc: Doc) -> list[int]:
    """Each token's sentence number."""
    out = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = n
    return out


def _fix_span(doc: Doc, ent: Span) -> Span:
    start, end = ent.start, ent.end
    while end - start > 1 and doc[end - 1].text in ("’s", "'s", "’", "'"):
        end -= 1
    # "Moon Jae" + "-in": keep a hyphenated lower-case tail of a name
    if (
        ent.label_ == "PERSON"
        and end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_lower
    ):
        end += 2
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    return doc[start:end]


def _span_words(span: Span) -> tuple[list[str], list[int]]:
    words: list[str] = []
    caps: list[int] = []
    for tok in span:
        text = tok.text
        cap = 2 if text.isupper() and len(text) > 1 else int(text[:1].isupper())
        for part in normalize(text).split():
            words.append(part)
            caps.append(cap)
    return words, caps


def _all_demonyms(words: Sequence[str], kb: KnowledgeBase) -> bool:
    """Whether every word is a nationality word, singular or plural ("Bosnian Serbs")."""

    def demonym(w: str) -> bool:
        place = kb.places.get(w) or (kb.places.get(w[:-1]) if w.endswith("s") else None)
        return place is not None and place[1] == "demonym"

    return bool(words) and all(demonym(w) for w in words)


def _is_person_key(key: str, refs: list[Ref]) -> bool:
    return any(r.label == "person" and key in r.key.split() for r in refs)


def _title_before(doc: Doc, start: int, sent_of: list[int]) -> int:
    """Where the title in front of a name starts ("US Secretary of State", "South Korea's
    President", "White House national security adviser")."""
    i = start
    limit = max(0, start - 9)
    sent_start = start
    while sent_start > limit and sent_of[sent_start - 1] == sent_of[start]:
        sent_start -= 1
    while i > max(limit, sent_start):
        tok = doc[i - 1]
        if (
            tok.text in ("’s", "'s")
            or tok.lower_ == "of"
            or (tok.pos_ in ("PROPN", "NOUN", "ADJ") and tok.ent_type_ not in ("DATE", "TIME", "PERSON"))
        ):
            i -= 1
            continue
        if (
            tok.lower_ == "and"
            and i - 2 >= limit
            and doc[i - 2].text[:1].isupper()
            and doc[i].text[:1].isupper()
        ):
            i -= 1  # "Trade and Industry Secretary Patricia Hewitt"
            continue
        if tok.text == "-" and i - 2 >= limit and doc[i - 2].lower_ == "then":
            i -= 2
            continue
        if tok.text == "-" and i - 2 >= limit and not tok.whitespace_ and not doc[i - 2].whitespace_:
            i -= 1  # "Secretary-General", "Attorney-General"
            continue
        break
    while i < start and (doc[i].lower_ == "of" or doc[i].text in ("’s", "'s")):
        i += 1
    return i


def _add_person(
    doc: Doc, span: Span, refs: list[Ref], used: bytearray, kb: KnowledgeBase, when: date, sent_of: list[int]
) -> None:
    words, _caps = _span_words(span)
    while len(words) > 1 and words[0] in HONORIFICS:  # "Ms Hewitt" is Patricia Hewitt
        words = words[1:]
    title_start = _title_before(doc, span.start, sent_of)
    coding: Coding | None = None
    if title_start < span.start:
        tw, tc = _span_words(doc[title_start : span.start])
        coding = code_words(tw, tc, when=when, kb=kb, text=doc[title_start : span.start].text)
        if coding is not None and (coding.sector in (None, "UNK") or coding.kind == "state"):
            coding = None
        if coding is not None and doc[title_start].lower_ == "then":
            coding = replace(coding, sector="ELI" if coding.sector else None)
        for t in range(title_start, span.start):
            used[t] = 1
    for t in range(span.start, span.end):
        used[t] = 1
    home = _of_country(doc, span.end, kb)
    if (
        home is not None
        and (coding is None or coding.code in (None, home[0]))
        and (coding is not None or title_start < span.start)
    ):
        # "King Hassan of Morocco", "Queen Elizabeth of Britain": the title's country
        coding = (
            replace(coding, code=home[0])
            if coding is not None
            else Coding(name=span.text, kind="person", code=home[0])
        )
        for t in range(span.end, home[1]):
            used[t] = 1
    refs.append(
        Ref(
            span.start_char,
            span.end_char,
            "person",
            key=" ".join(words),
            coding=coding,
            sent=sent_of[span.start],
            subject=span.root.dep_ in ("nsubj", "nsubjpass"),
        )
    )


def _of_country(doc: Doc, end: int, kb: KnowledgeBase) -> tuple[str, int] | None:
    """The country of an "of <Country>" right after a name, with the token after it."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return None
    ent = next((e for e in doc.ents if e.start == end + 1 and e.label_ == "GPE"), None)
    if ent is None:
        return None
    place = kb.places.get(normalize(ent.text).removeprefix("the "))
    if place is None or place[1] not in ("country", "country-alias", "pre"):
        return None
    return place[0], ent.end


def _add_name(
    doc: Doc,
    span: Span,
    words: list[str],
    caps: list[int],
    label: str,
    refs: list[Ref],
    used: bytearray,
    kb: KnowledgeBase,
    when: date,
    sent_of: list[int],
) -> None:
    key = " ".join(words)
    place = kb.places.get(key)
    if label in ("GPE", "LOC", "NORP") or place:
        if place is None:
            return
        code, pkind = place
        if pkind == "demonym" or label == "NORP":
            return  # a demonym describes; the noun chunk around it is the mention
        if _inside_larger_np(doc, span):
            return
        if pkind in ("capital", "city", "region", "province"):
            head = span.root.head
            if span.root.dep_ == "pobj" and head.lower_ in LOCATIVE:
                return  # "in Pyongyang": a place, not an actor
            if pkind != "capital" or span.root.dep_ in ("compound", "amod", "nmod"):
                return
            then = historical_code(code, when) or code
            # a seat of power as its government, unless the state did not exist yet
            coding = Coding(name=span.text, kind="state", code=then, sector="GOV" if then == code else None)
            code = then
        else:
            if span.root.dep_ == "pobj" and span.root.head.lower_ in LOCATIVE:
                return
            coding = Coding(name=span.text, kind="state", code=code, sector=None)
        for t in range(span.start, span.end):
            used[t] = 1
        refs.append(
            Ref(span.start_char, span.end_char, "gpe", key=code, coding=coding, sent=sent_of[span.start])
        )
        return
    named = code_words(words, caps, when=when, kb=kb, text=span.text)
    if (
        named is None
        or (named.code is None and named.sector is None)
        or (named.kind == "person" and not named.person)
    ):
        return  # "General Election", "National Executive Committee": not people
    coding = named
    for t in range(span.start, span.end):
        used[t] = 1
    refs.append(
        Ref(
            span.start_char,
            span.end_char,
            "org",
            key=normalize(coding.name),
            coding=coding,
            sent=sent_of[span.start],
        )
    )


def _inside_larger_np(doc: Doc, span: Span) -> bool:
    """A country name used as a modifier ("the US position", "US-North Korea summit")."""
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.pos_ in ("NOUN", "PROPN")


def _add_description(
    doc: Doc,
    chunk: Span,
    refs: list[Ref],
    used: bytearray,
    kb: KnowledgeBase,
    when: date,
    sent_of: list[int],
) -> None:
    root = chunk.root
    if used[root.i] or root.pos_ not in ("NOUN", "PROPN"):
        return
    if not _ends_in_role(doc, root, kb):
        return
    if root.head.lower_ == "as" and root.dep_ == "pobj":
        return  # "as secretary of state": a role held, not a mention
    start = chunk.start
    while start < root.i and doc[start].pos_ in ("CCONJ", "PUNCT"):
        start += 1
    # "South Korea's presidential office": the possessor is part of the description
    while start < root.i and used[start] and doc[start].ent_type_ in ("GPE", "NORP", "ORG"):
        start += 1
    span = doc[start : root.i + 1]
    # keep "of State"/"of the UN" after the root when it is part of a title
    end = root.i + 1
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].text[:1].isupper():
        end += 2
        span = doc[start:end]
    owner = ""
    if any(used[span.start : span.end]):
        last_used = max(t for t in range(span.start, span.end) if used[t])
        if doc[last_used].ent_type_ == "PERSON":  # "the Trump administration"
            owner = normalize(doc[last_used].text)
        span = doc[last_used + 1 : end] if not used[end - 1] else span
        if not len(span) or any(used[span.start : span.end]):
            return
    spaces = [t.i for t in span if t.is_space or "\n" in t.text]
    if spaces:  # a chunk never runs across a paragraph break
        span = doc[spaces[-1] + 1 : span.end]
        if not len(span):
            return
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in LOCATIVE | {"on", "aboard"}
        and normalize(root.text) in kb.roles
        and kb.roles[normalize(root.text)].kind == "org"
    ):
        return  # "taken to hospital", "on board": a place
    conj = root.dep_ == "conj"
    while len(span) > 1 and span[0].pos_ in ("CCONJ", "PUNCT"):
        conj = conj or span[0].pos_ == "CCONJ"
        span = span[1:]
    words, caps = _span_words(span)
    coding = code_words(words, caps, when=when, kb=kb, text=span.text)
    if coding is None or coding.sector in (None, "UNK") or coding.person:
        return
    # the possessor before the chunk ("South Korea's") gives the country
    if coding.code is None and span.start > chunk.start:
        possessor = doc[chunk.start : span.start]
        place = kb.places.get(normalize(possessor.text))
        if place and possessor.root.ent_type_ in ("GPE", "NORP"):
            coding = replace(coding, code=place[0])
    if coding.code is None and coding.kind != "person" and doc[span.start].lower_ in ("its", "their"):
        # "Syria says it will withdraw its troops": the owner named before in the sentence
        owners = [
            r
            for r in refs
            if r.sent == sent_of[span.start]
            and r.end <= span.start_char
            and r.label in ("gpe", "org", "group")
            and r.coding is not None
            and r.coding.code
        ]
        if owners:
            owner_coding = max(owners, key=lambda r: r.start).coding
            if owner_coding is not None:
                coding = replace(coding, code=owner_coding.code)
    subject = root.dep_ in ("nsubj", "nsubjpass")
    definite = doc[span.start].lower_ in ("the", "his", "her", "its", "their") or (
        span.start > 0 and doc[span.start - 1].lower_ in ("the", "his", "her", "its", "their")
    )
    label = "description" if coding.kind == "person" else "group" if coding.kind == "group" else "org"
    for t in range(span.start, span.end):
        used[t] = 1
    refs.append(
        Ref(
            span.start_char,
            span.end_char,
            label,
            key=normalize(span.text),
            coding=coding,
            sent=sent_of[span.start],
            definite=definite,
            subject=subject,
            conj=conj,
            owner=owner,
        )
    )


def _ends_in_role(doc: Doc, root: Token, kb: KnowledgeBase) -> bool:
    """Whether the words ending at ``root`` name a role ("officials", "presidential office")."""
    words = normalize(root.text)
    if words in kb.roles or normalize(root.lemma_) in kb.roles:
        return True
    if not kb.ends_a_longer_role(words.rpartition(" ")[2]):
        return False
    for i in range(root.i - 1, max(-1, root.i - 3), -1):
        words = normalize(doc[i].text) + " " + words
        if words in kb.roles:
            return True
    return False


def _add_the_north(doc: Doc, refs: list[Ref], used: bytearray, sent_of: list[int]) -> None:
    """'the North' / 'the South' in a Korea story is that Korea's state."""
    if not any(r.coding and r.coding.code in KOREA for r in refs):
        return
    for tok in (doc[i] for i in token_indices(doc, "ORTH", ("North", "South"))):
        if (
            not used[tok.i]
            and tok.i > 0
            and doc[tok.i - 1].lower_ == "the"
            and (tok.i + 1 >= len(doc) or not (doc[tok.i + 1].text[:1].isupper() and doc[tok.i + 1].is_alpha))
        ):
            if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE:
                continue
            code = "PRK" if tok.text == "North" else "KOR"
            used[tok.i] = 1
            refs.append(
                Ref(
                    tok.idx,
                    tok.idx + len(tok.text),
                    "gpe",
                    key=code,
                    coding=Coding(name=tok.text, kind="state", code=code, sector="GOV"),
                    sent=sent_of[tok.i],
                )
            )
