"""The working record of one event while the stage reads it (``_Draft``), the code tables the
stages share (roots, intent/threat/refusal conversions) and the party helper."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Token

from ..eventroles import (
    Context,
    Party,
    Reader,
)
from ..records import Location

CONSULT_PRIORITY = {"042": 0, "043": 1, "046": 2, "041": 3, "045": 4, "044": 5, "040": 6}

# intent / threat conversions (PLOVER: future cooperation is AGREE; threatened force is THREATEN)
TO_AGREE = {
    "04": "036", "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313",
    "064": "0314", "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "08": "035", "081": "0351", "0841": "0353", "084": "0353", "085": "0354", "086": "0355",
    "087": "0356", "0871": "0356", "0874": "0356",
}  # fmt: skip
TO_THREAT = {"15": "138", "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134",
              "17": "137", "172": "132", "173": "131", "18": "138", "19": "138", "20": "1383", "192": "1382",
              "191": "1381", "14": "133", "143": "1312", "144": "1312", "087": "136"}  # fmt: skip
TO_REJECT = {"03": "120", "04": "125", "045": "126", "05": "120", "06": "121", "07": "122",
              "08": "124", "0841": "1243", "084": "1243", "085": "1244", "086": "1245",
              "087": "1246", "0871": "1246", "10": "120"}  # fmt: skip


def convert(table: dict[str, str], code: str, default: str) -> str:
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return default


@dataclass(slots=True)
class Draft:
    trigger: Token
    code: str
    event: str | None
    mode: str | None
    actors: list[Party]
    recipients: list[Party]
    negated: bool = False
    hypothetical: bool = False
    verbal: bool = True
    date: date | None = None
    precision: str | None = None
    date_source: str | None = None
    location: Location | None = None
    loc_explicit: bool = False
    sentence: tuple[int, int] = (0, 0)
    in_quote: bool = False
    future: bool = False
    act: str | None = None  # "agreed to lift sanctions": the code of the act agreed to (085)
    echo: bool = False  # a partyless mention of a reported happening: a support sentence only
    forecast: bool = False  # a future event another party foretells ("X said Y will attack")
    absorbed: bool = False
    base: str = ""
    kind: str = ""
    support: list[tuple[int, int]] = field(default_factory=list)

    @property
    def root(self) -> str:
        return self.code[:2]


VIOLENT_ROOTS = frozenset({"18", "19", "20"})
EXPULSIONS = frozenset({"166", "1661", "1662", "1663", "174"})  # "two inspectors were expelled from N. Korea"


COOP_ROOTS = frozenset({"04", "05", "06", "07", "08"})
FORCE_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})


def ctx_parties(ctx: Context, toks: Sequence[Token]) -> list[Party]:
    return Reader(ctx).parties(toks)
