"""The word lists the actors rules read: determiners and quantifiers that lead a description,
locative prepositions, pronouns, honorifics, the codes the contract allows, and the like."""

from __future__ import annotations

import re

WORD = re.compile(r"[\w’'.-]+|[^\w\s]")

PIECES = re.compile(r"[\W_]+")

LEADING = frozenset(
    {
        "a",
        "an",
        "the",
        "one",
        "two",
        "three",
        "four",
        "five",
        "several",
        "some",
        "many",
        "few",
        "members",
        "member",
        "group",
        "of",
        "his",
        "her",
        "its",
        "their",
        "our",
        "over",
        "dozen",
        "top",
        "senior",
        "then",
        "current",
        "prominent",
        "heavily",
        "armed",
        "large",
        "largest",
        "team",
        "most",
    }
)

ELITE = frozenset({"former", "ex", "retired", "disgraced", "exiled", "late"})

CIVIL = frozenset({"ordinary"})

PREPS = frozenset({"of", "to", "at", "in", "from", "for", "with", "on", "by", "near"})

LOCATIVE = frozenset(
    {
        "in",
        "at",
        "to",
        "from",
        "into",
        "near",
        "toward",
        "towards",
        "via",
        "through",
        "across",
        "around",
        "outside",
        "inside",
        "within",
        "over",
        "between",
        "after",
        "before",
        "since",
        "during",
        "until",
    }
)

PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person"}

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})

SPEECH = frozenset(
    {
        "say",
        "tell",
        "add",
        "tweet",
        "declare",
        "pledge",
        "insist",
        "warn",
        "state",
        "announce",
        "note",
        "explain",
        "reply",
        "respond",
        "claim",
        "argue",
        "write",
        "ask",
        "urge",
        "accuse",
        "deny",
        "confirm",
        "vow",
        "promise",
        "offer",
    }
)

KOREA = frozenset({"PRK", "KOR"})

HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "mx", "prof", "rev", "sheikh"}
)

FUNCTION = frozenset(
    {
        "of",
        "the",
        "and",
        "s",
        "de",
        "la",
        "du",
        "al",
        "el",
        "for",
        "dos",
        "da",
        "do",
        "das",
        "van",
        "von",
        "der",
        "den",
        "bin",
        "ibn",
        "le",
        "di",
        "del",
    }
)

CONTRACT_CODES = frozenset({"UNO", "EUR", "IGO", "NGO", "IMG", "MNC"})


#: Adjectives between a preposition and its place ("of southern Serbia", "in the occupied West Bank").
PLACE_ADJ = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "occupied",
        "neighbouring",
        "neighboring",
        "nearby",
        "rural",
        "remote",
    }
)

SPONSORED = frozenset(
    {
        "backed",
        "linked",
        "allied",
        "sponsored",
        "supported",
        "aligned",
        "funded",
        "affiliated",
        "inspired",
        "friendly",
        "leaning",
    }
)

# words that end the name of a body, never a person's surname ("the Council" is no one's name)
INSTITUTIONS = frozenset(
    {
        "council", "committee", "party", "front", "movement", "government", "ministry", "court",
        "assembly", "congress", "parliament", "commission", "authority", "junta", "board",
        "union", "league", "army", "forces", "police", "cabinet", "senate", "democrats",
        "republicans", "socialists", "communists", "conservatives", "liberals", "greens",
    }
)  # fmt: skip

# party names many countries share: "Democrats" alone is the US party, "Christian Democrats" is not
GENERIC_PARTIES = frozenset(
    {
        "democrats", "republicans", "democratic party", "republican party", "socialist party",
        "labour party", "labor party", "conservative party", "liberal party", "green party",
        "greens", "communist party", "national front", "people s party", "peoples party",
        "social democrats", "liberal democrats", "progressive party", "workers party",
    }
)  # fmt: skip
