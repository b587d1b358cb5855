"""The cue lexicon: verbs of saying, writing, believing and stance (``data/quote_cues.tsv``), nouns
of saying and stance with what introduces their content, and the lemma fixes the parse needs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue verb: which dependants carry its content, and how it names an addressee."""

    lemma: str
    deps: frozenset[str]
    preps: frozenset[str]
    addressee: bool = False
    reply: bool = False
    direct: bool = False


@lru_cache(maxsize=1)
def load_cues() -> dict[str, Cue]:
    """The packaged cue table (``data/quote_cues.tsv``), loaded once."""
    text = resources.files("dateline").joinpath("data/quote_cues.tsv").read_text("utf-8")
    cues: dict[str, Cue] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        lemma = parts[0].strip()
        comps = [c.strip() for c in parts[1].split(",")] if len(parts) > 1 else []
        flags = {f.strip() for f in parts[2].split(",")} if len(parts) > 2 else set()
        deps = frozenset(c for c in comps if not c.startswith("prep:"))
        preps = frozenset(c[5:] for c in comps if c.startswith("prep:"))
        cues[lemma] = Cue(lemma, deps, preps, "a" in flags, "r" in flags, "d" in flags)
    return cues


#: lemmas the small English pipeline gets wrong, by the form's first letters
_LEMMA_FIXES: dict[str, tuple[tuple[str, ...], str]] = {
    "hop": (("hope", "hoping"), "hope"),  # not "hopping"
    "tweete": (("tweet",), "tweet"),
    "retweete": (("retweet",), "retweet"),
    "rat": (("rate", "rating"), "rate"),
}


def cue_lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    fix = _LEMMA_FIXES.get(lemma)
    if fix is not None and token.lower_.startswith(fix[0]):
        return fix[1]
    return lemma


#: the parts of speech and verb tags a cue verb may carry (the parse calls some verbs nouns)
CUE_POS = ("VERB", "AUX")
CUE_TAGS = ("VBD", "VBZ", "VBP", "VBG", "VBN")


def is_cue_token(token: Token, cues: dict[str, Cue]) -> Cue | None:
    if token.pos_ not in CUE_POS and token.tag_ not in CUE_TAGS:
        return None
    return cues.get(cue_lemma(token))


def headline_lemma(form: str, cues: dict[str, Cue]) -> str:
    """The cue lemma of a headline verb form ("slams", "endorses", "says", "tweeted")."""
    if form in ("says", "said"):
        return "say"
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e")):
        if form.endswith(suffix) and form[: len(form) - len(suffix)] + repl in cues:
            return form[: len(form) - len(suffix)] + repl
    return ""


#: verbs of seeming: "X seems to ...", "it appears that ..." (the writer's judgement, which
#: PolNeAR counts as an attribution without a source)
RAISING = frozenset({"seem", "appear"})

#: nouns of saying, thinking and stance, and what introduces their content: a that-clause
#: ("the claim that ..."), an infinitive ("his promise to ...") or a preposition ("her support
#: for the bill", "his criticism of the deal")
NOUN_CUES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        "claim statement assertion argument warning suggestion accusation allegation insistence "
        "belief view announcement remark admission denial assurance prediction hope fear concern "
        "contention conclusion message idea notion doubt assumption speculation consensus sense "
        "understanding opinion suspicion perception impression expectation recognition "
        "realization acknowledgment acknowledgement feeling conviction theory rumor rumour "
        "insinuation implication assessment estimate point complaint worry anxiety confidence "
        "report".split(),
        frozenset({"that"}),
    ),
    **dict.fromkeys(
        "promise pledge vow threat demand request proposal plan decision refusal offer bid "
        "intention desire wish reluctance order invitation appeal".split(),
        frozenset({"that", "to"}),
    ),
    "support": frozenset({"for", "of"}),
    "supporter": frozenset({"of"}),
    "proponent": frozenset({"of"}),
    "opponent": frozenset({"of"}),
    "mention": frozenset({"of"}),
    "swipe": frozenset({"at", "against"}),
    "reference": frozenset({"to"}),
    "tribute": frozenset({"to"}),
    "critique": frozenset({"of"}),
    "criticism": frozenset({"of"}),
    "attack": frozenset({"on", "against"}),
    "vote": frozenset({"for", "against"}),
    "question": frozenset({"about", "of"}),
    "concern": frozenset({"that", "about", "over"}),
    "complaint": frozenset({"that", "about"}),
    "fear": frozenset({"that", "of"}),
    "warning": frozenset({"that", "about", "of"}),
    "call": frozenset({"for", "to"}),
    "opposition": frozenset({"to"}),
    "praise": frozenset({"for"}),
    "endorsement": frozenset({"of"}),
    "view": frozenset({"that", "of", "on"}),
    "talk": frozenset({"about", "of"}),
    "comment": frozenset({"on", "about"}),
}
