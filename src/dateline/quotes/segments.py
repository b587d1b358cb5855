"""Quoted segments: whether a passage stands on its own (a direct quote) or sits in a clause (a
mixed quote), and the cue beside a direct quote."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from .content import content_span
from .cues import Cue, cue_lemma, is_cue_token, load_cues
from .marks import MARKS, TERMINAL, Group
from .reader import SUBJ, WORD_RE, Draft, Reader, noun_span, subtree_span, trim
from .speakers import addressee_of, dash_byline, speaker_head_of, subject_of, subject_or_near, window_speaker

_PRONOUN_SPEAKERS = frozenset({"he", "she", "they", "i", "we", "it", "you"})


def holding_clause(clauses: Sequence[Draft], group: Group, cues: dict[str, Cue], text: str) -> int:
    """The clause a quoted phrase belongs to: the innermost speech clause that holds it, else
    the smallest clause of any cue ("X said he expects them to “act”" is X's words)."""
    holding = [
        ci for ci, clause in enumerate(clauses) if clause.start <= group.start and group.end <= clause.end + 1
    ]
    if not holding:
        return -1
    speech = [ci for ci in holding if clauses[ci].cue in cues and cues[str(clauses[ci].cue)].direct]
    if speech:
        # innermost first; a pronoun speaker ("X said he would tell them “...”") is usually the
        # outer speaker again, so the outer clause, which names them, is the better owner
        speech.sort(key=lambda ci: clauses[ci].end - clauses[ci].start)
        for ci in speech:
            sp = clauses[ci].speaker
            if sp is not None and text[sp[0] : sp[1]].lower() not in _PRONOUN_SPEAKERS:
                return ci
        return speech[-1]
    return min(holding, key=lambda ci: clauses[ci].end - clauses[ci].start)


_OBJECT_DEPS = frozenset({"dobj", "prep", "ccomp", "xcomp", "oprd", "attr", "acomp", "dative"})


def embedding_clause(reader: Reader, group: Group) -> Draft | None:
    """A quoted phrase inside a clause no cue governs: the clause's subject is its source.

    "Trump summed up Clinton as “terrible”": the phrase is attributed to the subject of the
    nearest verb above it, and the verb's object part is the quote's content.
    """
    doc, text = reader.doc, reader.text
    if len(group.spans) > 1 or _looks_like_title(text[group.start : group.end]):
        return None
    first = reader.token_at(group.start)
    tokens = [t for t in doc[first : reader.token_at(max(group.start, group.end - 1)) + 1]]
    tops = [t for t in tokens if reader.seg_of[t.head.i] < 0 or t.head.i == t.i]
    if not tops:
        return None
    p_start, p_end, _ = reader.paragraphs[reader.para_of(group.start)]
    node = tops[0]
    child = node
    found = False
    for _ in range(6):
        if node.head.i == node.i or not p_start <= node.head.idx < p_end:
            break
        child, node = node, node.head
        if reader.seg_of[node.i] >= 0:
            continue
        if node.pos_ == "VERB":
            found = True
            break
    if not found:
        return _nearby_cue(reader, group)
    if child.dep_ in SUBJ or child.i < node.i:
        return None
    subject = subject_of(node)
    if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    common = subject.pos_ == "NOUN" and not subject.text[:1].isupper()
    if common and len(WORD_RE.findall(text[group.start : group.end])) <= 3:
        return None  # "the company's “sharing economy” model": a label, not a quotation
    if subject.lower_ in ("it", "there", "that", "this", "which", "what"):
        return None
    parts = [c for c in node.rights if c.dep_ in _OBJECT_DEPS and c.i <= child.i] or [child]
    start = min(subtree_span(c)[0] for c in parts)
    end = max(content_span(child)[1], group.end)
    start, end = trim(text, max(p_start, min(start, group.start)), min(p_end, end))
    draft = Draft(start, end, "mixed", list(group.spans), cue=cue_lemma(node), cue_index=node.i)
    draft.paragraph = reader.para_of(start)
    draft.speaker = noun_span(subject)
    return draft


def _nearby_cue(reader: Reader, group: Group) -> Draft | None:
    """A cue just before a phrase the parse did not attach: "sources warn of a ‘long haul’"."""
    doc, text = reader.doc, reader.text
    p_start = reader.paragraphs[reader.para_of(group.start)][0]
    cues = load_cues()
    i = reader.token_at(group.start) - 1
    for _ in range(8):
        if i < 0 or doc[i].idx < p_start or reader.seg_of[i] >= 0 or doc[i].text in (".", "!", "?"):
            return None
        token = doc[i]
        cue = is_cue_token(token, cues)
        if cue is not None and cue.direct:
            subject = subject_of(token)
            if subject is None or subject.lower_ in ("it", "there", "that", "this", "which"):
                return None
            start, end = trim(text, token.idx + len(token), group.end)
            draft = Draft(start, end, "mixed", list(group.spans), cue=cue.lemma, cue_index=i)
            draft.paragraph = reader.para_of(start)
            draft.speaker = noun_span(subject)
            return draft
        i -= 1
    return None


def _looks_like_title(inner: str) -> bool:
    """“Meet the Press”, “The Art of the Deal”: a name of a work, not words someone said."""
    words = WORD_RE.findall(inner)
    if not words or len(words) > 8:
        return False
    capital = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capital >= max(1, (2 * len(words) + 2) // 3)


def is_standalone(reader: Reader, group: Group) -> bool:
    """A quoted passage that is not a piece of a larger clause: a direct quote."""
    text = reader.text
    s, _ = group.spans[0]
    _, e = group.spans[-1]
    p_start = reader.paragraphs[reader.para_of(s)][0]
    i = s - 1
    while i >= p_start and (text[i] in MARKS or text[i] in "`" or text[i].isspace()):
        i -= 1
    before = text[i] if i >= p_start else ""
    inner = text[s:e].strip()
    if not inner:
        return False
    first = inner[0]
    cues = load_cues()
    if before in ":," and i > p_start:
        prev = reader.doc[reader.token_at(i - 1)]
        if prev.lemma_.lower() in cues and len(WORD_RE.findall(inner)) >= 2:
            return True  # 'he tweeted, "Thank you Indiana!" on Friday'
    if before == "" or before in ":([—–":
        bounded = True
    elif before in ".!?":
        bounded = True
    elif before == ",":
        bounded = first.isupper() or first.isdigit() or first in "…."
    else:
        tok = reader.doc[reader.token_at(i)]
        words = len(WORD_RE.findall(inner))
        bounded = bool(
            (first.isupper() or first == "…")
            and tok.lemma_.lower() in load_cues()
            and (words >= 3 or (words == 2 and inner[-1] in "!?"))
        )  # 'a man yelled “Stay there!”'

    if not bounded:
        return False
    p_end = reader.paragraphs[reader.para_of(e)][1]
    j = e
    while j < p_end and (text[j] in MARKS or text[j] == "`"):
        j += 1
    while j < p_end and text[j].isspace():
        j += 1
    after = text[j] if j < p_end else ""
    last = inner.rstrip("".join(MARKS) + " ")[-1:]  # "... super predator,’”": the nested mark
    if inner[-1] in TERMINAL or last in TERMINAL or after in ("", *".!?;:)—–,"):
        return True
    # a word follows: direct only if it starts the attribution ("..." Moon said)
    k = reader.token_at(j)
    window = reader.doc[k : k + 4]
    return any(t.lemma_.lower() in load_cues() for t in window) and len(WORD_RE.findall(inner)) >= 3


def attribute_direct(reader: Reader, draft: Draft, group: Group, cues: dict[str, Cue]) -> None:
    """Find the cue beside a direct quote: after it ("..." X said) or before it (X said: "...")."""
    doc = reader.doc
    p_end = reader.paragraphs[reader.para_of(group.end)][1]
    k = reader.token_at(group.end)
    while k < len(doc) and doc[k].idx < group.end:
        k += 1
    after: list[Token] = []
    for t in doc[k : min(len(doc), k + 14)]:
        if t.idx >= p_end or reader.seg_of[t.i] >= 0 or t.text in (".", "!", "?"):
            break
        after.append(t)
    chosen = _pick_cue(after, cues)
    window: list[Token] = []
    if chosen is None:
        byline = dash_byline(reader, group.end, p_end)
        if byline is not None:
            draft.speaker = byline  # "...” ― Sonya Herridge": the name signs the quote
            return
    if chosen is not None:
        window = [t for t in after if t.i < chosen[0].i]
    else:
        back = _back_window(reader, group.start)
        chosen = _pick_cue(back, cues)
        if chosen is None:
            chosen = _colon_verb(reader, group.start, back)
    if chosen is None:
        return
    token, cue = chosen
    draft.cue = cue
    draft.cue_index = token.i
    if cue == "according to":
        source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
        draft.speaker = noun_span(source) if source is not None else None
        return
    speaker = window_speaker(window) if window else None
    if speaker is None:
        subject = subject_or_near(token)
        head = speaker_head_of(subject) if subject is not None else None
        if head is not None and reader.seg_of[head.i] < 0:
            speaker = noun_span(head)
        elif token in after:
            # "..." said Moon: the noun phrase right after the cue
            speaker = window_speaker([t for t in after if t.i > token.i][:8])
    draft.speaker = speaker
    cue_rec = cues.get(cue)
    if cue_rec is None:
        return
    addressee = addressee_of(token, cue_rec)
    if addressee is not None:
        draft.addressee = noun_span(addressee)
    draft.reply = cue_rec.reply


def _back_window(reader: Reader, q_start: int) -> list[Token]:
    """The tokens before a quote in its sentence, nearest first (or, when the quote opens
    its paragraph and the previous one ends with a colon, that paragraph's last sentence)."""
    doc = reader.doc
    para = reader.para_of(q_start)
    p_first = reader.paragraphs[para][0]
    floor = p_first
    i = reader.token_at(q_start) - 1
    if _ends_with_colon(reader, q_start, p_first):
        floor = reader.paragraphs[para - 1][0]
        i = reader.token_at(p_first) - 1
        while i >= 0 and doc[i].idx >= p_first:
            i -= 1
    back: list[Token] = []
    while i >= 0 and len(back) < 25:
        t = doc[i]
        if t.idx < floor or reader.seg_of[t.i] >= 0 or t.text in (".", "!", "?"):
            break
        back.append(t)
        i -= 1
    return back


def _colon_verb(reader: Reader, q_start: int, back: Sequence[Token]) -> tuple[Token, str] | None:
    """ "X issued a statement: ..." — any verb before a colon that introduces the quote."""
    if not back or back[0].text != ":":
        return None
    for t in back[1:]:
        if t.pos_ == "VERB" and subject_of(t) is not None:
            return t, cue_lemma(t)
    return None


def _ends_with_colon(reader: Reader, q_start: int, p_first: int) -> bool:
    """Whether the quote opens its paragraph and the previous paragraph ends with a colon."""
    if reader.text[p_first:q_start].strip(" \t\n\"'“‘«„") != "":
        return False
    prev = reader.para_of(q_start) - 1
    if prev < 0:
        return False
    return reader.text[reader.paragraphs[prev][0] : reader.paragraphs[prev][1]].rstrip().endswith(":")


def _pick_cue(tokens: Sequence[Token], cues: dict[str, Cue]) -> tuple[Token, str] | None:
    for t in tokens:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            return t, "according to"
        cue = is_cue_token(t, cues)
        if cue is not None and cue.direct:
            return t, cue.lemma
    return None


def drop_unattributed(drafts: list[Draft], text: str) -> None:
    """Short quoted phrases with no cue are scare quotes or titles, not quotes."""
    keep = [
        d
        for d in drafts
        if d.cue is not None or d.speaker is not None or len(WORD_RE.findall(text[d.start : d.end])) >= 4
    ]
    drafts[:] = keep
