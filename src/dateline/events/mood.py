"""Mood: negation, conditionals, "unless" clauses, purpose infinitives and the auxiliaries that
make an event future or hypothetical."""

from __future__ import annotations

from spacy.tokens import Token

FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "going"})
COND_AUX = frozenset({"would", "could", "might", "may", "should", "'d", "must", "can"})


def aux_words(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def negated(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ == "det" and c.lower_ == "no":
            return True
        if c.dep_ == "advmod" and c.lower_ in ("never",):
            return True
        if c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
            return True  # "will no longer allow"
        if c.dep_ in ("dobj", "obj") and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children):
            return True  # "offered no details"
    return False


def conditional(tok: Token) -> bool:
    t = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
            return True
        if t.head is t or t.dep_ in ("ROOT",):
            return False
        t = t.head
    return False


def unless(tok: Token) -> bool:
    """Whether a clause of the word sets a condition on it ("... unless Baghdad complies")."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in tok.children
    )


_POTENTIAL = frozenset({"capable", "ability", "capability", "capabilities", "capacity", "potential"})


def potential(tok: Token) -> bool:
    """ "missiles capable of hitting American cities", "the ability to strike Guam": what a party
    could do, not what it did."""
    head = tok.head
    if tok.dep_ in ("pcomp", "pobj") and head.dep_ == "prep":
        head = head.head
    elif tok.dep_ not in ("xcomp", "acl"):
        return False
    return head is not tok and head.lower_ in _POTENTIAL


def infinitival_purpose(tok: Token) -> bool:
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def in_purpose(tok: Token) -> bool:
    """A verb of a purpose infinitive, or of an infinitive it governs ("sent troops to help fight
    the militants"): what an act is for, not an act."""
    t = tok
    for _ in range(3):
        if infinitival_purpose(t):
            return True
        if t.dep_ != "xcomp" or t.head is t:
            return False
        t = t.head
    return False
