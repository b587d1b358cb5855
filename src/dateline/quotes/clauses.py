"""Cue clauses: every cue in the parse with its content and speaker, as indirect drafts (speech
verbs, passives, verbs of seeming, nouns of saying, "according to", poll frames, labelled
lines and title-case headlines)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ..nlp import token_indices
from .content import content_span
from .cues import (
    CUE_POS,
    CUE_TAGS,
    NOUN_CUES,
    RAISING,
    Cue,
    cue_lemma,
    headline_lemma,
    is_cue_token,
    load_cues,
)
from .reader import NOMINAL, SUBJ, WORD_RE, Draft, Reader, noun_span, trim
from .speakers import addressee_of, speaker_head_of, subject_of, subject_or_near

_LABEL_RE = re.compile(r"([A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*){0,4}):[ \u00a0]+(?=\S)")

_NOT_SPEAKERS = frozenset(
    "update updated photo photos video source sources note editor watch read related correction "
    "advertisement breaking exclusive live analysis opinion comment editorial transcript q a "
    "first second third next last today yesterday tomorrow".split()
)


def labelled_lines(reader: Reader) -> list[Draft]:
    """ "Elizabeth Warren: Trump is a ‘proven failure’" and transcript lines ("PENCE: ...")."""
    doc, text = reader.doc, reader.text
    out: list[Draft] = []
    for p_start, p_end, _ in reader.paragraphs:
        m = _LABEL_RE.match(text, p_start, p_end)
        if m is None:
            continue
        name = m.group(1)
        if any(w.lower().strip(".") in _NOT_SPEAKERS for w in name.split()):
            continue
        first, last = reader.token_at(m.start(1)), reader.token_at(m.end(1) - 1)
        if any(t.pos_ not in ("PROPN", "NOUN") for t in doc[first : last + 1]):
            continue
        start, end = trim(text, m.end(), p_end)
        if len(WORD_RE.findall(text[start:end])) < 3:
            continue
        draft = Draft(start, end, "indirect", cue=None)
        draft.paragraph = reader.para_of(start)
        draft.speaker = (m.start(1), m.end(1))
        draft.cue_index = first
        out.append(draft)
    return out


def title_case_lines(reader: Reader, cues: dict[str, Cue], clauses: Sequence[Draft]) -> list[Draft]:
    """ "Senator Smith Slams Budget As ‘Reckless’": a headline in title case, whose verb the
    parser reads as a name. The words before a capitalised cue verb are the speaker, the rest
    of the line what was said."""
    doc, text = reader.doc, reader.text
    out: list[Draft] = []
    taken = {c.cue_index for c in clauses}
    for p_start, p_end, _ in reader.paragraphs:
        words = WORD_RE.findall(text[p_start:p_end])
        long_words = [w for w in words if len(w) > 3]
        if len(words) < 4 or len(words) > 25 or not long_words:
            continue
        if sum(w[0].isupper() for w in long_words) < 0.8 * len(long_words):
            continue
        first = reader.token_at(p_start)
        for t in doc[first : reader.token_at(p_end - 1) + 1]:
            if t.idx >= p_end or t.i == first or not t.text[:1].isupper() or reader.seg_of[t.i] >= 0:
                continue
            if t.i in taken or t.pos_ in ("VERB", "AUX"):
                break  # the parser found the verb: the usual rules read this line
            cue = cues.get(headline_lemma(t.lower_, cues))
            if cue is None or cue.lemma in NOUN_CUES:
                continue
            speaker = trim(text, doc[first].idx, t.idx)
            start, end = trim(text, t.idx + len(t), p_end)
            while end > start and text[end - 1] in ".!?":
                end -= 1
            n_speaker = len(WORD_RE.findall(text[speaker[0] : speaker[1]]))
            if not 1 <= n_speaker <= 6 or len(WORD_RE.findall(text[start:end])) < 2:
                break
            draft = Draft(start, end, "indirect", cue=cue.lemma, cue_index=t.i)
            draft.paragraph = reader.para_of(start)
            draft.speaker = speaker
            out.append(draft)
            break
    return out


def find_clauses(reader: Reader, cues: dict[str, Cue]) -> list[Draft]:
    """Every cue with content: (cue, speaker, content span) as indirect drafts."""
    doc, text = reader.doc, reader.text
    out: list[Draft] = []
    for token in (doc[i] for i in _clause_candidates(doc)):
        if reader.seg_of[token.i] >= 0:
            continue
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            draft = _according_to(reader, token)
            if draft is not None:
                out.append(draft)
            continue
        if token.lower_ == "in" and token.dep_ == "prep":
            draft = _in_source(reader, token)
            if draft is not None:
                out.append(draft)
            continue
        if token.pos_ == "NOUN":
            draft = _noun_cue(reader, token)
            if draft is not None:
                out.append(draft)
            continue
        if token.pos_ in ("VERB", "AUX") and cue_lemma(token) in RAISING:
            draft = _raising_clause(reader, token)
            if draft is not None:
                out.append(draft)
            continue
        cue = is_cue_token(token, cues)
        if cue is None:
            continue
        passive = _passive_clause(reader, token)
        if passive is not None:
            out.append(passive)
            continue
        content: list[Token] = []
        p_start, p_end, _ = reader.paragraphs[reader.para_of(token.idx)]
        for child in token.children:
            if not p_start <= child.idx < p_end:
                continue  # an arc across paragraphs is a parse error
            dep = child.dep_
            if dep in cue.deps and dep in ("ccomp", "xcomp", "dobj", "oprd"):
                content.append(child)
            elif dep == "xcomp" and "ccomp" in cue.deps and child.tag_ == "VBG" and child.i > token.i:
                content.append(child)  # "said [seeing the nurses there] was a relief": a gerund subject
            elif dep == "prep" and child.lower_ in cue.preps:
                content.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
            elif dep == "advcl" and child.i > token.i and _marked_by(child, cue.preps):
                content.append(child)  # "called for the party to unite": for + infinitive
            elif (
                dep == "advcl"
                and "xcomp" in cue.deps
                and child.i > token.i
                and child.left_edge.lower_ == "to"
                and not any(c.dep_ == "xcomp" for c in token.children)
            ):
                content.append(child)  # "sought on Wednesday to ease worries": a misread xcomp
            elif (
                dep == "advcl"
                and cue.lemma in _QUESTION_CUES
                and child.i > token.i
                and _marked_by(child, _IF)
            ):
                content.append(child)  # "asked the senator if he would run": the parse's advcl
            elif dep == "conj" and "ccomp" in cue.deps and child.i > token.i and _marked_by(child, _THAT):
                content.append(child)  # "think he did well, but that there is more to do"
        if len(content) > 1:
            # "voters said Clinton is honest, and three-quarters said the same of Sanders": a
            # second clause with its own speech verb and subject is its own statement
            content = [
                c
                for c in content
                if c is content[0] or not (is_cue_token(c, cues) and any(g.dep_ in SUBJ for g in c.children))
            ]
        if any(c.dep_ == "dobj" for c in content):
            obj = next(c for c in content if c.dep_ == "dobj")
            nxt = obj.right_edge.i + 1
            if (
                nxt < len(doc)
                and doc[nxt].head.i == token.i
                and doc[nxt].dep_ == "prep"
                and doc[nxt].lower_ not in _FRAME_PREPS
            ):
                content.append(doc[nxt])
        as_phrase = "as" in cue.preps and any(c.head.lower_ == "as" for c in content)
        if ("oprd" in cue.deps and any(c.dep_ == "oprd" for c in content)) or as_phrase:
            # "called the deal a disaster", "sees the vote as a test": object and predicate
            content.extend(c for c in token.children if c.dep_ == "dobj" and c not in content)
        start_end: tuple[int, int] | None = None
        if content:
            spans = [content_span(c) for c in content]
            start_end = (min(s for s, _ in spans), max(e for _, e in spans))
            if start_end[0] < token.idx < start_end[1]:
                right = [c for c in content if c.i > token.i]
                spans = [content_span(c) for c in right]
                start_end = (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None
        elif _as_clause(token, cue):
            # "As the paper reported, the talks failed": the clause the as-clause stands in
            head = token.head
            first = token.right_edge.i + 1
            if first <= head.right_edge.i:
                start_end = (doc[first].idx, head.right_edge.idx + len(head.right_edge))
        elif (
            cue.direct
            and "ccomp" in cue.deps
            and not any(c.dep_ in ("xcomp", "ccomp", "dobj") for c in token.children)
            and (
                (
                    token.dep_ in ("parataxis", "ccomp", "advcl")
                    and token.i > token.head.i
                    and token.tag_ != "VBG"  # "..., noting that": the speaker's next statement
                )
                or (token.dep_ == "parataxis" and token.head.pos_ in ("VERB", "AUX"))
            )
            and subject_of(token) is not None
        ):
            # "The talks went well, officials said." / "The talks, she said, went well."
            head = token.head
            left = head.left_edge
            last = doc[token.left_edge.i - 1] if token.left_edge.i > left.i else None
            if token.i < head.i:
                last = head.right_edge
            if last is not None and head.sent.start <= left.i:
                if head.right_edge.i > token.right_edge.i:
                    last = head.right_edge
                start_end = (left.idx, last.idx + len(last))
        if start_end is None:
            continue
        start, end = trim(text, max(p_start, start_end[0]), min(p_end, start_end[1]))
        if not content and not p_start <= token.head.idx < p_end:
            continue
        words = len(WORD_RE.findall(text[start:end]))
        if words < 1 or (
            words < 2
            and not any(c.dep_ == "dobj" or (c.dep_ == "pobj" and c.pos_ != "PRON") for c in content)
        ):
            continue
        subject = subject_or_near(token)
        if subject is None and token.dep_ == "acl" and token.tag_ == "VBG" and token.i > token.head.i:
            if token.head.pos_ in ("NOUN", "PROPN"):
                subject = token.head  # "a group supporting the bill": the group's stance
        clausal = any(c.dep_ == "ccomp" for c in content)
        unnamed = token.tag_ == "VBN" and (
            any(c.dep_ == "auxpass" for c in token.children)
            or (token.dep_ == "advcl" and not any(c.dep_ == "aux" for c in token.children))
        )  # "she was asked about the speeches", "Asked about the vote, ...": nobody named
        if subject is None and not clausal and not unnamed:
            continue  # "was not authorised to discuss the negotiations": nobody's statement
        if unnamed and subject is not None and subject.dep_ != "pobj":
            subject = None  # "Asked about the delay, the mayor ...": the mayor was asked
        draft = Draft(start, end, "indirect", cue=cue.lemma, cue_index=token.i)
        draft.paragraph = reader.para_of(start)
        speaker_head = speaker_head_of(subject) if subject is not None else None
        if speaker_head is not None:
            draft.speaker = noun_span(speaker_head)
        addressee = addressee_of(token, cue)
        if addressee is not None:
            draft.addressee = noun_span(addressee)
        draft.reply = cue.reply
        out.append(draft)
    return out


def _clause_candidates(doc: Doc) -> list[int]:
    """The positions of the tokens a rule of ``find_clauses`` may start from, in order: "according"
    and "in", nouns, and verbs (by part of speech or tag); no rule reads any other token."""
    found = {
        *token_indices(doc, "LOWER", ("according", "in")),
        *token_indices(doc, "POS", ("NOUN", *CUE_POS)),
        *token_indices(doc, "TAG", CUE_TAGS),
    }
    return sorted(found)


_THAT = frozenset({"that"})
_IF = frozenset({"if", "whether"})
#: cues whose content may be a yes-no question ("asked if ...", "wondered whether ...")
_QUESTION_CUES = frozenset({"ask", "wonder", "inquire", "enquire", "question"})


def _marked_by(clause: Token, words: frozenset[str]) -> bool:
    """Whether a clause opens with one of ``words`` as its marker ("for the party to unite")."""
    return any(c.dep_ == "mark" and c.lower_ in words and c.i == clause.left_edge.i for c in clause.children)


def _as_clause(token: Token, cue: Cue) -> bool:
    """ "As the paper reported, ...": a cue with a subject and no content of its own, in an
    as-clause ahead of the clause it reports."""
    if token.dep_ != "advcl" or token.i > token.head.i or "ccomp" not in cue.deps:
        return False
    marks = [c for c in token.children if c.dep_ == "mark"]
    if len(marks) != 1 or marks[0].lower_ != "as" or marks[0].i != token.left_edge.i:
        return False
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in token.children):
        return False
    return subject_of(token) is not None


def _raising_clause(reader: Reader, token: Token) -> Draft | None:
    """ "Clinton seems not to have found her voice": the whole clause, subject included; after
    an expletive ("it seems the party has too many delegates") only what follows the verb."""
    text = reader.text
    comps = [
        c
        for c in token.rights
        if c.dep_ in ("xcomp", "ccomp", "acomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "like")
    ]
    if not comps or any(c.dep_ == "xcomp" and cue_lemma(c) in load_cues() for c in comps):
        return None  # "Obama seemed to recognize ...": the inner verb reports it
    subject = next((c for c in token.lefts if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or subject.lower_ in ("that", "what"):
        return None
    if subject.dep_ == "expl" or subject.lower_ == "it":
        start = comps[0].left_edge.idx
    else:
        start = subject.left_edge.idx
    end = max(content_span(c)[1] for c in comps)
    p_start, p_end, _ = reader.paragraphs[reader.para_of(token.idx)]
    start, end = trim(text, max(p_start, start), min(p_end, end))
    if len(WORD_RE.findall(text[start:end])) < 3:
        return None
    draft = Draft(start, end, "indirect", cue=cue_lemma(token), cue_index=token.i)
    draft.paragraph = reader.para_of(start)
    return draft


def _passive_clause(reader: Reader, token: Token) -> Draft | None:
    """ "The bill is expected to pass", "a year expected to bring record turnout", "the plan,
    seen by many as a gamble": a passive cue with a predicate says something about its subject
    on someone's behalf (the "by" phrase's, or nobody named); the whole clause is the content."""
    if token.tag_ != "VBN":
        return None
    if cue_lemma(token) == "name":
        return None  # "a group named Friends of Abe": a name, not a view
    finite = any(c.dep_ == "auxpass" for c in token.children)
    reduced = token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN") and token.i > token.head.i
    if not finite and not reduced:
        return None
    comps = [
        c for c in token.rights if c.dep_ in ("xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "as")
    ]
    if not comps:
        return None
    if finite:
        subject = next((c for c in token.lefts if c.dep_ == "nsubjpass"), None)
        if subject is None or subject.lower_ in ("that", "what", "it"):
            return None
        start = subject.left_edge
    else:
        start = token.head.left_edge
    text = reader.text
    end = max(content_span(c)[1] for c in comps)
    p_start, p_end, _ = reader.paragraphs[reader.para_of(token.idx)]
    lo, hi = trim(text, max(p_start, start.idx), min(p_end, end))
    if len(WORD_RE.findall(text[lo:hi])) < 3:
        return None
    draft = Draft(lo, hi, "indirect", cue=cue_lemma(token), cue_index=token.i)
    draft.paragraph = reader.para_of(lo)
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if source is not None:
        draft.speaker = noun_span(source)
    return draft


#: prepositions that set the scene of a statement (when, where, by what means, on whose word),
#: not its content
_FRAME_PREPS = frozenset(
    {"at", "in", "on", "during", "after", "before", "since", "via", "through", "by", "according"}
)


def _noun_content(token: Token, intros: frozenset[str]) -> Token | None:
    """The dependant of a noun of saying that holds what was said, thought or stood for."""
    for child in token.rights:
        dep = child.dep_
        if dep in ("acl", "ccomp", "relcl", "appos") and child.pos_ in ("VERB", "AUX"):
            marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
            if "that" in intros and "that" in marks:
                return child
            is_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            if "to" in intros and dep == "acl" and is_inf and child.i == token.i + 2:
                return child  # "his promise to cut taxes"
            if "that" in intros and dep in ("acl", "ccomp") and not marks and not is_inf:
                has_subject = any(c.dep_ in SUBJ for c in child.children)
                if has_subject and child.left_edge.i == token.i + 1:
                    return child  # "fears the virus will spread"
        elif dep == "prep" and child.lower_ in intros:
            return next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
    return None


def _noun_owner(token: Token) -> Token | None:
    """Whose statement a noun of saying is: its possessor ("Trump's claim"), the "by"/"from"
    phrase after it ("a warning from the agency"), or the subject of the verb that takes it
    ("the agency issued a warning that ...", "she pushed the idea that ...", "they marched in
    the hope that ...")."""
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ in NOMINAL:
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i > token.i:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("PROPN", "NOUN", "PRON"):
                return pobj
    if token.dep_ == "appos" and token.head.pos_ in ("PROPN", "NOUN") and token.head.i < token.i:
        return token.head  # "Adelson, a fierce supporter of Israel": the one it renames
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif token.dep_ != "dobj":
        return None
    if verb.pos_ not in ("VERB", "AUX") or verb.i == token.i:
        return None
    return subject_of(verb)


def _noun_cue(reader: Reader, token: Token) -> Draft | None:
    """A noun of saying with its content: "Trump's claim that the vote was rigged", "fears
    that the virus will spread", "her support for the bill"."""
    intros = NOUN_CUES.get(token.lemma_.lower())
    if intros is None:
        return None
    if token.i > 0 and token.doc[token.i - 1].lower_ == "in" and token.lower_ == "order":
        return None  # "in order to win": a purpose, not an order
    content = _noun_content(token, intros)
    if content is None:
        return None
    owner = _noun_owner(token)
    if owner is None and content.dep_ == "pobj":
        return None  # "support for the bill" with nobody's name on it: a topic, not a stance
    p_start, p_end, _ = reader.paragraphs[reader.para_of(token.idx)]
    start, end = content_span(content)
    start, end = trim(reader.text, max(p_start, start), min(p_end, end))
    words = len(WORD_RE.findall(reader.text[start:end]))
    if words < 1 or (words < 2 and content.pos_ != "PROPN"):
        return None  # "his attacks on Curiel" names its target; "his support for it" does not
    draft = Draft(start, end, "indirect", cue=token.lemma_.lower(), cue_index=token.i)
    draft.paragraph = reader.para_of(start)
    speaker = speaker_head_of(owner) if owner is not None else None
    if speaker is not None and speaker.lower_ in ("his", "her", "their", "its"):
        draft.speaker = (owner.idx, owner.idx + len(owner)) if owner is not None else None
    elif speaker is not None:
        draft.speaker = noun_span(speaker)
    return draft


def _according_to(reader: Reader, token: Token) -> Draft | None:
    """ "According to the ministry, the talks will resume": the rest of the sentence."""
    to = reader.doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    return _sourced_sentence(reader, token, source, "according to")


#: what "in ..." can name as the source of the clause it frames ("In a new poll, ...", "in
#: Bolton's view", "in their eyes")
_IN_SOURCES = frozenset(
    "poll polls survey surveys study report analysis view opinion estimate estimation eyes "
    "judgment judgement assessment".split()
)


def _in_source(reader: Reader, token: Token) -> Draft | None:
    """ "In the latest poll, Kasich was at 25 percent": a poll, view or report put in front of a
    clause that has no speech verb of its own."""
    source = next((c for c in token.children if c.dep_ == "pobj"), None)
    if source is None or source.lower_ not in _IN_SOURCES:
        return None
    head = token.head
    if head.pos_ not in ("VERB", "AUX") or cue_lemma(head) in load_cues() or token.i > head.i:
        return None  # "he leads in the polls": a measure, not a source; only a fronted frame
    if not any(c.dep_ in SUBJ for c in head.children):
        return None
    return _sourced_sentence(reader, token, source, "in", scope=(head.left_edge.i, head.right_edge.i))


def _sourced_sentence(
    reader: Reader, first: Token, source: Token, cue: str, *, scope: tuple[int, int] | None = None
) -> Draft | None:
    """The content of a source phrase (``first`` .. ``source``'s subtree): the longer part of
    its sentence (or of the ``scope`` clause), before or after it (after a comma that closes
    a longer source phrase)."""
    doc, text = reader.doc, reader.text
    phrase = (first.i, source.right_edge.i)
    sent = first.sent
    lo_i, hi_i = scope if scope is not None else (sent.start, sent.end - 1)
    before = (lo_i, phrase[0] - 1)
    after = (phrase[1] + 1, hi_i)
    if phrase[0] == lo_i or (phrase[0] == lo_i + 1 and doc[lo_i].is_punct):
        # "According to a poll out Thursday, ...": the phrase runs to its comma
        for k in range(after[0], min(after[1], after[0] + 4) + 1):
            if doc[k].text == ",":
                after = (k + 1, after[1])
                break
            if doc[k].pos_ in ("VERB", "AUX"):
                break
    n_before = before[1] - before[0] + 1
    n_after = after[1] - after[0] + 1
    lo, hi = before if n_before >= n_after else after
    if hi < lo:
        return None
    start, end = trim(text, doc[lo].idx, doc[hi].idx + len(doc[hi]))
    while end > start and text[end - 1] in ".!?":
        end -= 1
    if len(WORD_RE.findall(text[start:end])) < 3:
        return None
    draft = Draft(start, end, "indirect", cue=cue, cue_index=first.i)
    draft.paragraph = reader.para_of(start)
    draft.speaker = noun_span(source)
    return draft
