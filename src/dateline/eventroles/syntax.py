"""Dependency-parse helpers for reading event parties: subjects, objects, prepositions,
conjuncts, infinitive chains, speech clauses, noun-phrase text, and the word lists they
read; ``match_pattern`` picks the most specific lexicon pattern for a word."""

from __future__ import annotations

from spacy.tokens import Token

from ..geo import geocode
from ..lexicon import Lexicon, Pattern

SUBJ = frozenset({"nsubj", "csubj"})

PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})

OBJ = frozenset({"dobj", "obj"})

COMP = frozenset({"xcomp", "ccomp"})

TARGET_PREPS = ("with", "to", "against", "on", "upon", "into", "toward", "towards", "at", "over", "for")

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})

FIRST = frozenset({"i", "me", "my", "we", "us", "our", "myself", "ourselves"})

SECOND = frozenset({"you", "your"})

MALE_FEMALE = frozenset({"he", "him", "his", "she", "her"})

THIRD_NONPERSON = frozenset({"it", "its", "they", "them", "their"})

RECIPROCAL_ROOTS = frozenset({"04"})


#: participles that describe a stance, not a passive: "is opposed to", "is committed to"
STATIVE_PASSIVES = frozenset({"oppose", "opposed", "commit", "committed", "dedicate", "dedicated"})


def children(tok: Token, deps: frozenset[str] | str) -> list[Token]:
    if isinstance(deps, str):
        return [c for c in tok.children if c.dep_ == deps]
    return [c for c in tok.children if c.dep_ in deps]


def conjuncts(tok: Token) -> list[Token]:
    """A token and the tokens coordinated with it ("the US, Russia, and Switzerland")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON", "ADJ"):
            out.extend(conjuncts(c))
        elif c.dep_ == "appos" and c.ent_type_ in ("GPE", "NORP") and tok.ent_type_ in ("GPE", "NORP"):
            out.extend(conjuncts(c))  # a list the parser read as an apposition
    return out


def preps(tok: Token, lemmas: frozenset[str] | tuple[str, ...] | None = None) -> list[tuple[str, Token]]:
    out: list[tuple[str, Token]] = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.pos_ == "ADP":
            lemma = c.lower_
            if lemmas is not None and lemma not in lemmas:
                continue
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    out.append((lemma, p))
    return out


def obj_lemmas(tok: Token) -> set[str]:
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass", "attr", "oprd"):
            for x in conjuncts(c):
                out.add(x.lemma_.lower())
                out.add(x.lower_)
        elif c.dep_ == "prep":
            for p in c.children:
                if p.dep_ == "pobj":
                    out.add(p.lemma_.lower())
                    out.add(p.lower_)
    return out


def objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("dobj", "obj")]


def mod_lemmas(tok: Token) -> set[str]:
    return {c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "npadvmod")} | {
        c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod")
    }


def verb_guesses(tok: Token) -> list[str]:
    """The lemma, then stems of the surface form (the small model mislemmatizes "staged")."""
    low = tok.lower_
    out = [tok.lemma_.lower(), low]
    tag = tok.tag_
    if tag in ("VBD", "VBN") and low.endswith("ed"):
        out += [low[:-1], low[:-2], low[:-3] if low[-3:-2] == low[-4:-3] else low[:-2]]
    elif tag == "VBZ" and low.endswith("s"):
        out += [low[:-1], low[:-2]]
    elif tag == "VBG" and low.endswith("ing"):
        out += [low[:-3], low[:-3] + "e"]
    return out


def comp_lemmas(tok: Token) -> set[str]:
    """The verbs of a word's clausal complements; "to help identify" (read as the auxiliary
    "help" of "identify") counts "help"."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in COMP | {"advcl"}:
            out.add(c.lemma_.lower())
            out.update(
                a.lemma_.lower()
                for a in c.children
                if a.dep_ == "aux" and a.tag_ == "VB" and a.lemma_.lower() not in ("be", "have", "do")
            )
    return out


def match_pattern(patterns: tuple[Pattern, ...], tok: Token, *, verb: bool) -> Pattern | None:
    objs: set[str] | None = None
    for p in patterns:
        if p.obj is not None:
            if objs is None:
                objs = obj_lemmas(tok)
            if not objs & p.obj:
                continue
        if p.intrans and (objects(tok) or children(tok, "ccomp")):  # "demonstrated that it could"
            continue
        if p.trans and not objects(tok):  # "returned the paintings to Italy", not "returned to Rome"
            continue
        if p.prep is not None:
            preps = {
                c.lower_
                for c in tok.children
                if c.dep_ in ("prep", "agent")
                and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children if g.dep_ == "pobj")
            }
            preps |= {
                m.lower_
                for c in tok.children
                if c.dep_ in ("advcl", "ccomp")
                for m in c.children
                if m.dep_ == "mark"
            }
            preps |= {
                c.lower_
                for o in objects(tok) + children(tok, PASS_SUBJ)
                for c in o.children
                if c.dep_ == "prep"
            }
            if not preps & p.prep:
                continue
        if p.prt is not None and not {c.lower_ for c in tok.children if c.dep_ == "prt"} & p.prt:
            continue
        if p.mod is not None:
            mods = mod_lemmas(tok)
            if verb:
                for o in objects(tok):
                    mods |= mod_lemmas(o)
                    mods.add(o.lemma_.lower())
                    # "declared a state of emergency": the object's "of" noun qualifies it
                    mods |= {
                        x.lemma_.lower()
                        for c in o.children
                        if c.dep_ == "prep" and c.lower_ == "of"
                        for x in c.children
                        if x.dep_ == "pobj"
                    }
            if not mods & p.mod:
                continue
        if p.comp is not None and not comp_lemmas(tok) & p.comp:
            continue
        return None if p.code == "-" else p  # a stop row: "meet the deadline"
    return None


def subject(tok: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The subject tokens of a verb and whether the clause is passive."""
    subj = children(tok, SUBJ) or [
        s for a in children(tok, "aux") for s in children(a, SUBJ)
    ]  # "France have opposed", read with the subject on the auxiliary
    if subj:
        s = subj[0]
        if tok.dep_ == "relcl" and s.tag_ in ("WDT", "WP"):
            return [tok.head], False
        return [s], False
    psubj = children(tok, PASS_SUBJ)
    if psubj:
        return [psubj[0]], True
    if depth > 4:
        return [], False
    infinitival = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if (
        tok.dep_ in ("relcl", "acl")
        and infinitival
        and tok.head.dep_ in ("dobj", "obj")
        and tok.head.head is not tok.head
    ):
        return subject(tok.head.head, depth + 1)  # "has not taken any steps to halt"
    if tok.dep_ == "amod" and tok.head.dep_ in ("dobj", "obj", "conj"):
        gov = tok.head
        while gov.dep_ == "conj" and gov.head is not gov:
            gov = gov.head
        return subject(gov.head, depth + 1)  # "freed prisoners and dismantled parts" (mis-tagged)
    if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ in ("VBG",)):
        return [tok.head], False
    if tok.dep_ in ("xcomp", "conj", "advcl") and tok.head.pos_ in ("VERB", "AUX", "ADJ"):
        head = tok.head
        if tok.dep_ == "xcomp":
            objs = objects(head)
            if objs and head.lemma_ in (
                "ask",
                "urge",
                "order",
                "force",
                "tell",
                "pressure",
                "press",
                "allow",
                "help",
                "invite",
                "encourage",
                "persuade",
                "want",
            ):
                return [objs[0]], False
        found, passive = subject(head, depth + 1)
        if tok.dep_ == "conj":
            return found, passive
        return found, False
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        objs = objects(tok.head.head)
        if objs:
            return [objs[0]], False
        return subject(tok.head.head, depth + 1)
    if tok.dep_ == "acomp" or (tok.dep_ == "xcomp" and tok.head.pos_ == "ADJ"):
        return subject(tok.head, depth + 1)
    return [], False


def governor(tok: Token) -> Token | None:
    """The verb that governs a clause or a noun (through xcomp, ccomp, dobj, pobj, acomp)."""
    head = tok.head
    if head is tok:
        return None
    if tok.dep_ == "pobj":
        if (
            tok.head.lower_ == "of"
            and head.head.lemma_.lower() in _PARTITIVE
            and head.head.head is not head.head
        ):
            return governor(head.head)  # "began a new round of joint exercises": whoever began it
        head = head.head
    return head


_PARTITIVE = frozenset(
    {"round", "series", "wave", "spate", "string", "flurry", "day", "days", "week", "weeks"}
)


def speech_verb(tok: Token, lex: Lexicon) -> Token | None:
    """The verb of saying whose reported clause holds the word ("said" in "X said Y will go")."""
    t = tok
    for _ in range(4):
        if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_ in lex.word_set("speech"):
            return t.head
        if t.head is t:
            return None
        t = t.head
    return None


def speech_clause(tok: Token, lex: Lexicon) -> bool:
    return speech_verb(tok, lex) is not None


def ent_text(tok: Token) -> str:
    """The text of the named entity a token is part of (the token's own text outside one)."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return (ent.text if ent is not None else tok.text).removeprefix("the ")


def np_text(tok: Token) -> tuple[str, int]:
    """The noun phrase of a token without its relative clauses or appositions."""
    left = tok.left_edge.i
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("prep",) and c.lower_ == "of":
            right = max(right, c.right_edge.i)
        elif c.dep_ in ("compound", "flat"):
            right = max(right, c.right_edge.i)
    doc = tok.doc
    while (
        left < tok.i
        and doc[left].dep_ in ("det", "punct", "cc")
        and doc[left].lower_ in ("the", "a", "an", ",", "and")
    ):
        left += 1
    span = doc[left : right + 1]
    return span.text, span.start_char


#: Words before a place name that do not change its country, and kinds after it.
PLACE_WORDS_BEFORE = frozenset(
    {"the", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "northeastern", "northwestern", "southeastern", "southwestern", "occupied", "israeli-occupied",
     "neighbouring", "neighboring", "rural", "remote", "mostly", "christian", "muslim"}
)  # fmt: skip

PLACE_KINDS = frozenset({"province", "region", "state", "district", "governorate", "territory", "county"})


#: Sectors of groups that belong to the country they act in ("rebels", "the opposition").
NONSTATE_SECTORS = frozenset({"REB", "OPP", "PTY", "REF", "CRM", "LAB", "REL", "JRN", "SOC", "EDU"})

NON_STATES = frozenset({"IGO", "UNO", "EUR", "NGO", "IMG", "MNC", "ISM"})


def is_town(tok: Token) -> bool:
    """Whether a name is a town or city (a point on the map), not a country or an organisation."""
    if tok.ent_type_ not in PLACE_ENTS | {"ORG", "NORP"} or tok.pos_ != "PROPN":
        return False  # (the small model reads "the Nice attack" as an organisation)
    name = ent_text(tok)
    if name.isupper() and len(name) <= 4:
        return False  # "the UN sanctions": an acronym, not the town of Un
    loc = geocode(name)
    return loc is not None and loc.lat is not None


#: Prepositions whose coordinated objects are each a party of the noun they modify.
PARTY_PREPS = frozenset({"with", "between", "among", "from", "to", "against", "of", "by"})


#: Nouns for the members or heads of a body, who take the body's sector ("leaders of the
#: opposition", "members of the ruling party").
MEMBER_NOUNS = frozenset({"leader", "member", "head", "chief", "official", "representative", "delegate"})


def infinitival(tok: Token) -> bool:
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children)


def agent_clauses(tok: Token) -> list[Token]:
    """A noun's participles that may name its agent ("crimes committed by ..."), unless the noun
    is a place or time ("at a lunch hosted by the ambassador")."""
    return [] if _placed(tok) else [a for a in children(tok, "acl") if a.tag_ == "VBN"]


def _placed(tok: Token) -> bool:
    """Whether a noun is the object of a preposition of place or time ("at a lunch")."""
    return tok.dep_ == "pobj" and tok.head.lower_ in (
        "at",
        "in",
        "near",
        "during",
        "after",
        "before",
        "since",
    )


def infinitive_chain(tok: Token, limit: int = 3) -> list[Token]:
    """The to-infinitives below a verb, nearest first ("send ... to help defend": help, defend)."""
    out: list[Token] = []
    frontier = [tok]
    for _ in range(limit):
        frontier = [
            c for t in frontier for c in t.children
            if (c.dep_ in ("xcomp", "advcl", "ccomp") and infinitival(c))
            or (c.dep_ == "xcomp" and c.tag_ == "VB")
        ]  # fmt: skip
        out.extend(frontier)
    return out


def stance(tok: Token) -> bool:
    """Whether a name does not give its phrase's country: the aim of a stance ("anti-Syria
    journalist", "pro-Moscow rebels") or an ethnicity ("ethnic Albanian guerrillas in Macedonia")."""
    doc = tok.doc
    if tok.i >= 1 and doc[tok.i - 1].lower_ in ("ethnic", "ethnically"):
        return True
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in ("anti", "pro")
