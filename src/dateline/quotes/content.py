"""Where a cue's content stops: a content subtree is cut before the writer's asides, the
occasion of the statement and the speaker's own further acts and statements."""

from __future__ import annotations

from spacy.tokens import Token

from .cues import cue_lemma, load_cues
from .marks import MARKS
from .reader import SUBJ, quoted

_ASIDE = frozenset({",", "—", "–", "--", "-"})

#: conjunctions of a clause that sets the time of a statement ("... after prosecutors found")
_FRAME_MARKS = frozenset({"after", "before", "when", "once", "since", "until"})

#: how many levels down the right edge of a content subtree a cut is looked for
_CUT_DEPTH = 10


def _that_start(head: Token) -> Token:
    """Where a that-clause starts: at its "that" when the parse hung words before it ("told
    customers at the diner that ...": the addressee is not what was said); an infinitive
    starts at its "to" ("urged the voters to wait": the voters are the addressee)."""
    left = head.left_edge
    if head.dep_ == "advcl" and left.dep_ == "mark" and left.lower_ == "for" and left.head.i == head.i:
        return head.doc[left.i + 1]  # "called for [the state to pay]"
    if head.dep_ == "xcomp" and left.i < head.i:
        to = next((c for c in head.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if to is not None and any(c.dep_ in SUBJ and c.i < to.i for c in head.children):
            return to
        return left
    if head.dep_ != "ccomp":
        return left
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is not None and mark.i > left.i and mark.i > head.head.i > left.i - 1:
        return mark
    return left


def content_span(head: Token) -> tuple[int, int]:
    """A content subtree, cut before a trailing clause that is the speaker's own action.

    "said he would offer a prayer but did not suggest ..." / "insisted that ..., claiming ..."
    / "..., while Sanders suggests ...": a subjectless conjunct, a participle clause or another
    speech verb at the right edge is not part of what was said. The cut is looked for along
    the right edge, a few levels down ("says he's “excited” as he faces ...").
    """
    right = head.right_edge
    node = head
    for _ in range(_CUT_DEPTH):
        cut = _right_cut(node)
        if cut is not None:
            right = cut
            break
        last = next((c for c in reversed(list(node.rights)) if c.dep_ != "punct"), None)
        if last is None or last.right_edge.i < node.right_edge.i - 1:
            break  # only a closing mark may follow the next level down
        node = last
    while right.i > head.i and (right.dep_ == "cc" or right.text in (",", ";")):
        right = right.doc[right.i - 1]  # "the mayor is honest, and [half said ...]"
    left = _that_start(head)
    return left.idx, right.idx + len(right)


def _shares_auxiliary(head: Token, conj: Token) -> bool:
    """Whether a conjoined verb runs on ``head``'s auxiliary: "it would assess its options and
    look into a recount", "is acting unlawfully and showing disregard" (both said), unlike "would
    offer a prayer but did not suggest" or "vowed to fight and celebrated" (the speaker's acts)."""
    if conj.dep_ != "conj" or head.tag_ not in ("VB", "VBG", "VBN") or conj.tag_ != head.tag_:
        return False
    if any(c.dep_ in ("aux", "auxpass", "neg", *SUBJ) for c in conj.children):
        return False
    return any(c.dep_ in ("aux", "auxpass") for c in head.children)


def _right_cut(head: Token) -> Token | None:
    """The last token to keep when ``head``'s last right dependant is not what was said."""
    for child in reversed(list(head.rights)):
        if child.dep_ == "punct":
            continue
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        before = child.left_edge.i - 1
        while before > head.i and head.doc[before].text in MARKS:
            before -= 1  # “Spanish,” which ...: the comma inside the closing mark
        after_comma = head.doc[before].text in _ASIDE
        if (
            cue_lemma(child) in load_cues()
            and "that" not in marks
            and not _shares_auxiliary(head, child)
            and (
                child.dep_ in ("conj", "parataxis")
                or (child.dep_ == "advcl" and (child.tag_ == "VBG" or marks & {"while", "whereas"}))
            )
        ):
            cut_here = True
        elif (
            child.dep_ in ("appos", "npadvmod", "relcl")
            and after_comma
            and not quoted(child)
            and not (child.dep_ == "appos" and any(c.dep_ == "conj" for c in child.children))
        ):
            # "..., a swipe at the recent disturbances": the writer's aside; not a list
            # ("differ on Israel, the nuclear deal and the court")
            cut_here = True
        elif child.dep_ == "prep" and child.lower_ == "according":
            cut_here = True  # "..., according to exit polls": the next attribution
        elif head.pos_ in ("NOUN", "PROPN") and (
            (child.dep_ == "prep" and child.lower_ == "during")
            or (child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"))
        ):
            cut_here = True  # "... as a “crazy system” during a campaign stop": when it was said
        elif (
            child.dep_ == "advcl"
            and marks & _FRAME_MARKS
            and cue_lemma(child) in load_cues()
            and any(c.dep_ in SUBJ for c in child.children)
        ):
            cut_here = True  # "... after prosecutors determined ...": someone else's statement
        elif child.dep_ == "advcl" and marks & {"though", "although", "while", "whereas", "as"}:
            cut_here = True  # "... as he faces a critical test": the writer's frame
        elif child.dep_ == "advcl" and child.tag_ == "VBG" and after_comma and not marks:
            cut_here = True  # "..., sparking a firestorm of speculation": the writer's gloss
        elif (
            child.dep_ == "prep"
            and child.lower_ in ("before", "after")
            and any(c.dep_ == "pcomp" and cue_lemma(c) in load_cues() for c in child.children)
        ):
            cut_here = True  # "... before claiming that ...": the speaker's next statement
        elif child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
            # "would offer a prayer but did not suggest": its own auxiliary (not a modal: "that
            # she opposes it and would repeal it" is all reported), no subject;
            # "calling for her firing and carrying signs": a verb joined to a noun;
            # "vowed to keep it legal and celebrated the ruling": a finite verb joined to an
            # infinitive is the speaker's next act
            deps = {c.dep_ for c in child.children}
            infinitive = head.tag_ == "VB" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in head.children
            )
            cut_here = (
                (
                    not deps & set(SUBJ)
                    and bool(deps & {"aux", "neg"})
                    and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in child.children)
                )
                or head.pos_ in ("NOUN", "PROPN")
                or (infinitive and child.tag_ in ("VBD", "VBZ") and not deps & set(SUBJ))
            )
        elif (
            child.dep_ == "prep"
            and child.lower_ == "with"
            and any(
                t.pos_ == "VERB" and t.tag_ == "VBG" and cue_lemma(t) in load_cues() for t in child.subtree
            )
        ):
            cut_here = True  # "..., with three in ten saying they are liberal": other speakers
        else:
            cut_here = False
        if not cut_here:
            return None
        cut = child.left_edge.i - 1
        while cut > head.i and head.doc[cut].dep_ in ("cc", "punct", "mark"):
            cut -= 1
        return head.doc[cut] if cut >= head.i else head
    return None
