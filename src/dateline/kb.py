"""The actor knowledge base: dated office holders, organisations, places and role nouns.

Layers, lowest precedence first:

1. the packaged KB in ``data/kb/`` (compiled by ``scripts/build_kb.py`` from redistributable
   sources only; see ``data/SOURCES.md``), the hand-written dictionaries ``data/actors.yaml``
   and ``data/roles.tsv``, and country facts from the ``pycountry`` and ``countryinfo`` packages;
2. a local KB (SQLite) that ``dateline kb import PATH…`` builds from files the user brings
   (Peppercat CSV, or the TSV/YAML format below); it is queried lazily, never loaded whole;
3. the user's own dictionaries (``~/.config/dateline/actors/*.yaml|*.tsv``).

A user file (TSV with a header, or YAML: a list of mappings) has the fields
``name, aliases ('|'-separated in TSV, a list in YAML), code, sector, kind, title, start, end``;
``kind`` person entries are office-holder terms, anything else an organisation or group.

Everything is loaded once per process (``load_kb`` is cached) and looked up through dicts keyed
by ``normalize``d names.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from . import geo
from .errors import Errors, InputError

log = logging.getLogger(__name__)

PEOPLE_FIELDS = (
    "name",
    "aliases",
    "country",
    "sector",
    "title",
    "start",
    "end",
    "rank",
    "source",
    "soft",
    "keys",
)
ORG_FIELDS = ("name", "aliases", "code", "sector", "kind", "start", "end", "source", "keys")
PLACE_FIELDS = ("name", "country", "kind", "source")

#: Place kinds, strongest first: a name keeps the first kind it was given in this order.
PLACE_PRIORITY = ("country", "pre", "capital", "demonym", "country-alias", "region", "city", "province")

_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"[’']s\b")
_APOS = re.compile(r"[’']")
_DIGIT_OR_SHORT = re.compile(r"^\d+$")


@lru_cache(maxsize=1 << 12)
def normalize(text: str) -> str:
    """Lower case, accents stripped, possessive 's and punctuation to spaces, spaces collapsed.

    Cached: the actors stage normalises the same token texts many times per article.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _POSSESSIVE.sub(" s", text.lower())
    text = _APOS.sub("", text)
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


_DOUBLED = re.compile(r"(\w)\1+")


_NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "de", "da", "do", "dos", "das", "van", "von", "le", "la", "du", "der", "den",
     "di", "del"}
)  # fmt: skip


@lru_cache(maxsize=1 << 16)
def _name_key(name: str) -> str:
    return normalize(name)


def _collapse(key: str) -> str:
    """A name key without particles, with doubled letters written once and y as i ("ayman al
    safadi" -> "ayman safadi", "mitterrand" -> "miterand", "zelenskyy" -> "zelenski")."""
    words = [w for w in key.split() if w not in _NAME_PARTICLES]
    return _DOUBLED.sub(r"\1", " ".join(words) if len(words) > 1 else key).replace("y", "i")


def _date(value: str | None) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    parts = value.split("-")
    try:
        return date(
            int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1
        )
    except (ValueError, IndexError):
        return None


@dataclass(frozen=True, slots=True)
class Term:
    """One spell of one person in one office (or one coded span of a person's life)."""

    name: str
    country: str
    sector: str
    title: str = ""
    start: date | None = None
    end: date | None = None
    rank: int = 4
    source: str = ""
    soft: bool = False

    def covers(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True, slots=True)
class Org:
    """An organisation, institution or group with its code and sector."""

    name: str
    code: str
    sector: str
    kind: str = "org"
    start: date | None = None
    end: date | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class Role:
    """A role noun: the sector it implies, the kind of actor it names, how specific it is."""

    sector: str
    kind: str
    strength: int


#: How many names ``KnowledgeBase.person_tiers`` remembers before it starts afresh.
_TIERS_MEMO_SIZE = 8192


@dataclass(slots=True)
class KnowledgeBase:
    """Everything actors needs to code a name, keyed by ``normalize``d strings."""

    people: dict[str, list[Term]] = field(default_factory=dict)
    surnames: dict[str, list[Term]] = field(default_factory=dict)
    orgs: dict[str, list[Org]] = field(default_factory=dict)
    places: dict[str, tuple[str, str]] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    user_people: dict[str, list[Term]] = field(default_factory=dict)
    user_orgs: dict[str, list[Org]] = field(default_factory=dict)
    local: Path | None = None
    max_words: int = 8
    _conn: sqlite3.Connection | None = None
    _checked: bool = False
    _collapsed: dict[str, tuple[str, ...]] | None = None
    _surname_variants: dict[str, tuple[str, ...]] | None = None
    _role_last_words: frozenset[str] | None = None
    _tiers_memo: dict[tuple[str, bool], list[list[Term]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    # -- people ------------------------------------------------------------------------------

    def person_tiers(self, key: str, *, surname: bool = False) -> list[list[Term]]:
        """The terms for a name, one list per layer, strongest layer first.

        Memoised per name: the tables do not change once loaded, and the actors stage asks
        about the same names several times per mention. The memo is emptied when it reaches
        ``_TIERS_MEMO_SIZE`` names, so a long batch run does not grow it without bound.
        """
        memo_key = (key, surname)
        tiers = self._tiers_memo.get(memo_key)
        if tiers is None:
            if len(self._tiers_memo) >= _TIERS_MEMO_SIZE:
                self._tiers_memo.clear()
            tiers = self._tiers_memo[memo_key] = self._find_person_tiers(key, surname=surname)
        return list(tiers)  # a list of its own: the caller may filter it

    def _find_person_tiers(self, key: str, *, surname: bool) -> list[list[Term]]:
        tiers: list[list[Term]] = []
        if not surname and key in self.user_people:
            tiers.append(self.user_people[key])
        local = self._local_people(key, surname=surname)
        if local:
            tiers.append(local)
        packaged = (self.surnames if surname else self.people).get(key)
        if surname and not packaged and not tiers:
            variants = self._spelling_variants(key, surname=True)  # "Zelensky" for Zelenskyy
            packaged = variants if len({t.country for t in variants}) == 1 else None
        elif not surname and " " in key:
            variants = self._spelling_variants(key)
            if packaged:
                # "Ayman Safadi" also has the terms the KB files as "Ayman al-Safadi", an alias
                # ("President Maduro") the terms of the name it stands for, and a given name the
                # terms of its other spellings ("Benjamin"/"Benyamin Netanyahu")
                countries = {t.country for t in packaged}
                names = {_name_key(t.name) for t in packaged} - {key}
                more = [t for n in sorted(names) for t in self.people.get(n, ())]
                more += [
                    t for t in self.surnames.get(key.split()[-1], ()) if _name_key(t.name)[:2] == key[:2]
                ]
                extra = [
                    t for t in dict.fromkeys(variants + more) if t.country in countries and t not in packaged
                ]
                packaged = packaged + extra if extra else packaged
            elif not tiers and len({t.country for t in variants}) == 1:
                packaged = variants
        if packaged:
            tiers.append(packaged)
        return tiers

    def _spelling_variants(self, key: str, *, surname: bool = False) -> list[Term]:
        """The packaged terms of the other spellings of a name: a doubled or single letter
        ("Francois Mitterand" for Mitterrand), y for i ("Sergei Shoigu", "Sergey Shoygu"), with
        or without a particle ("al-Safadi")."""
        table = self.surnames if surname else self.people
        index = self._surname_variants if surname else self._collapsed
        if index is None:
            # only the names whose variant differs from themselves (the rest are found as is)
            index = {}
            for known in table:
                if surname or " " in known:
                    variant = _collapse(known)
                    if variant != known:
                        index[variant] = (*index.get(variant, ()), known)
            if surname:
                self._surname_variants = index
            else:
                self._collapsed = index
        variant = _collapse(key)
        keys = [*index.get(variant, ()), variant]
        return [t for k in dict.fromkeys(keys) if k != key for t in table.get(k, ())]

    def org(self, key: str) -> list[Org]:
        if key in self.user_orgs:
            return self.user_orgs[key]
        local = self._local_orgs(key)
        return local or self.orgs.get(key, [])

    def has_person(self, key: str) -> bool:
        return bool(self.person_tiers(key))

    # -- roles ---------------------------------------------------------------------------------

    def ends_a_longer_role(self, word: str) -> bool:
        """Whether a role of two or more words ends with ``word`` ("office" for "presidential
        office"): no phrase ending in any other word can be such a role."""
        if self._role_last_words is None:
            self._role_last_words = frozenset(key.split()[-1] for key in self.roles if " " in key)
        return word in self._role_last_words

    # -- the local SQLite KB -------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection | None:
        if self._conn is None and not self._checked:
            self._checked = True  # look for the file once, not on every lookup
            if self.local is not None and self.local.is_file():
                self._conn = sqlite3.connect(f"file:{self.local}?mode=ro", uri=True, check_same_thread=False)
        return self._conn

    def _local_people(self, key: str, *, surname: bool) -> list[Term]:
        db = self._db()
        if db is None:
            return []
        rows = db.execute(
            "SELECT name, country, sector, title, start, end_, rank, source FROM people "
            "WHERE key = ? AND surname = ?",
            (key, int(surname)),
        ).fetchall()
        return [Term(r[0], r[1], r[2], r[3], _date(r[4]), _date(r[5]), int(r[6]), r[7]) for r in rows]

    def _local_orgs(self, key: str) -> list[Org]:
        db = self._db()
        if db is None:
            return []
        rows = db.execute(
            "SELECT name, code, sector, kind, start, end_, source FROM orgs WHERE key = ?", (key,)
        ).fetchall()
        return [Org(r[0], r[1], r[2], r[3], _date(r[4]), _date(r[5]), r[6]) for r in rows]


# -------------------------------------------------------------------------------------------
# loading


def default_local_path() -> Path:
    """Where ``dateline kb import`` writes the local KB by default."""
    return Path(_default_local_file())


def user_dictionary_dir() -> Path:
    return Path(_user_dictionary_folder())


def _default_local_file() -> str:
    """``default_local_path()`` as a string, built without ``Path`` objects: ``load_kb`` runs
    for every description the events stage codes, and they cost more than the rest of it."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
    return os.path.join(base, "dateline", "kb.sqlite")


def _user_dictionary_folder() -> str:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config")
    return os.path.join(base, "dateline", "actors")


def load_kb(local: str | Path | None = None, *, dictionaries: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The knowledge base with the local KB at ``local`` (default: ``default_local_path()``)
    and the user's dictionaries (default: every file in ``user_dictionary_dir()``), cached."""
    path = str(Path(local).expanduser()) if local else _default_local_file()
    files = tuple(str(Path(p).expanduser()) for p in dictionaries)
    if not files and os.path.isdir(folder := _user_dictionary_folder()):
        files = tuple(str(p) for p in sorted(Path(folder).iterdir()) if p.suffix in (".yaml", ".yml", ".tsv"))
    return _load_kb(path, files)


@lru_cache(maxsize=4)
def _load_kb(local: str, dictionaries: tuple[str, ...]) -> KnowledgeBase:
    kb = KnowledgeBase(local=Path(local))
    base = packaged_tables()
    kb.people, kb.surnames, kb.orgs, kb.places, kb.roles = base
    for path in dictionaries:
        for entry in read_entries(Path(path)):
            _add_entry(kb.user_people, kb.user_orgs, entry, source=path)
    return kb


@lru_cache(maxsize=1)
def packaged_tables() -> tuple[
    dict[str, list[Term]],
    dict[str, list[Term]],
    dict[str, list[Org]],
    dict[str, tuple[str, str]],
    dict[str, Role],
]:
    """The packaged people, surnames, organisations, places and roles (read once)."""
    people: dict[str, list[Term]] = {}
    surnames: dict[str, list[Term]] = {}
    for row in _read_gz("people.tsv.gz"):
        term = Term(
            row["name"],
            row["country"],
            row["sector"],
            row["title"],
            _date(row["start"]),
            _date(row["end"]),
            int(row["rank"] or 4),
            row["source"],
            row["soft"] == "1",
        )
        _index_person(people, surnames, term, row["keys"].split("|"))
    orgs: dict[str, list[Org]] = {}
    for row in _read_gz("orgs.tsv.gz"):
        org = Org(
            row["name"],
            row["code"],
            row["sector"],
            row["kind"],
            _date(row["start"]),
            _date(row["end"]),
            row["source"],
        )
        for key in row["keys"].split("|"):
            if key:
                orgs.setdefault(key, []).append(org)
    user_people: dict[str, list[Term]] = {}
    text = resources.files("dateline").joinpath("data/actors.yaml").read_text("utf-8")
    for entry in yaml.safe_load(text) or []:
        _add_entry(user_people, orgs, entry, source="dateline", prepend=True)
    for key, terms in user_people.items():
        people[key] = terms + people.get(key, [])
        words = key.split()
        if len(words) > 1 and len(words[-1]) > 2:  # curated office holders: "Pompeo" alone
            surnames.setdefault(words[-1], []).extend(
                t for t in terms if t.rank <= 3 and normalize(t.name) == key
            )
    places = _places()
    roles = _roles()
    return people, surnames, orgs, places, roles


def _read_gz(name: str) -> Iterator[dict[str, str]]:
    res = resources.files("dateline").joinpath(f"data/kb/{name}")
    if not res.is_file():
        log.warning("the packaged KB file %s is missing; run scripts/build_kb.py", name)
        return
    with gzip.open(io.BytesIO(res.read_bytes()), "rt", encoding="utf-8") as fh:
        yield from csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


def _org_key(name: str) -> str:
    key = normalize(name)
    return key[4:] if key.startswith("the ") else key


def _index_person(
    people: dict[str, list[Term]], surnames: dict[str, list[Term]], term: Term, keys: list[str]
) -> None:
    """Index a packaged term under its precomputed keys; the first key is the full name. The
    surname index takes the last word of each of its names ("Nicolas Maduro Moros" is also
    "Nicolas Maduro": Maduro and Moros)."""
    last: set[str] = set()
    for key in keys:
        if key:
            people.setdefault(key, []).append(term)
            words = key.split()
            if len(words) > 1 and len(words[-1]) > 2:
                last.add(words[-1])
    if term.rank <= 3:
        for word in sorted(last):
            surnames.setdefault(word, []).append(term)
    if term.rank == 1:  # a head of state's two-letter surname names them: "Xi", "Hu"
        for key in keys:
            words = key.split()
            if len(words) > 1 and len(words[0]) == 2 and words[0] not in last:
                surnames.setdefault(words[0], []).append(term)


def person_keys(name: str, aliases: Iterable[str]) -> str:
    """The '|'-joined lookup keys of a person: the full name's first, then the aliases'."""
    first = normalize(name)
    rest = sorted({normalize(a) for a in aliases} - {first, ""})
    return "|".join([first, *rest])


def org_keys(name: str, aliases: Iterable[str]) -> str:
    """The '|'-joined lookup keys of an organisation (a leading "the" dropped)."""
    return "|".join(sorted({_org_key(a) for a in [name, *aliases]} - {""}))


def _add_entry(
    people: dict[str, list[Term]],
    orgs: dict[str, list[Org]],
    entry: dict[str, Any],
    *,
    source: str,
    prepend: bool = False,
) -> None:
    name = str(entry.get("name") or "").strip()
    if not name:
        return
    aliases = entry.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a for a in aliases.split("|") if a]
    kind = str(entry.get("kind") or "org")
    code = str(entry.get("code") or entry.get("country") or "")
    sector = str(entry.get("sector") or "")
    start, end = _date(str(entry.get("start") or "")), _date(str(entry.get("end") or ""))
    if kind == "person":
        term = Term(
            name, code, sector, str(entry.get("title") or ""), start, end, int(entry.get("rank") or 2), source
        )
        for key in {normalize(name), *(normalize(str(a)) for a in aliases)}:
            if key:
                people.setdefault(key, [])
                people[key].insert(0, term) if prepend else people[key].append(term)
    else:
        org = Org(name, code, sector, kind, start, end, source)
        for key in {_org_key(name), *(_org_key(str(a)) for a in aliases)}:
            if key:
                orgs.setdefault(key, [])
                orgs[key].insert(0, org) if prepend else orgs[key].append(org)


@lru_cache(maxsize=1)
def _roles() -> dict[str, Role]:
    roles: dict[str, Role] = {}
    text = resources.files("dateline").joinpath("data/roles.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, sector, kind, strength = ([*line.split("\t"), "", "", "1"])[:4]
        key = normalize(phrase)
        roles[key] = Role(sector, kind, int(strength or 1))
        if not key.endswith("s"):
            roles.setdefault(
                key + "s", Role(sector, "group" if kind == "person" else kind, int(strength or 1))
            )
            if key.endswith("y") and not key.endswith(("ay", "ey", "oy")):
                roles.setdefault(key[:-1] + "ies", Role(sector, "group", int(strength or 1)))
        if key.endswith("man"):
            roles.setdefault(key[:-3] + "men", Role(sector, "group", int(strength or 1)))
    return roles


def _places() -> dict[str, tuple[str, str]]:
    """name -> (ISO3 code, kind) from pycountry, countryinfo and the packaged places table."""
    found: dict[str, dict[str, set[str]]] = {k: {} for k in PLACE_PRIORITY}

    def add(name: str, code: str, kind: str) -> None:
        key = _org_key(name)
        if key and code and len(key) > 1:
            found[kind].setdefault(key, set()).add(code)

    import pycountry

    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                add(str(value), c.alpha_3, "country")
                if "," in str(value):  # "Korea, Republic of" -> "Republic of Korea"
                    head, _, tail = str(value).partition(",")
                    add(f"{tail.strip()} {head.strip()}", c.alpha_3, "country")
    population: dict[str, int] = {}
    for name, code, kind in _countryinfo_package(population):
        add(name, code, kind)
    for row in _read_gz("places.tsv.gz"):
        kind = row["kind"] if row["kind"] in found else "city"
        if kind == "country-alias" and row["source"] == "petrarch2_phoenix" and len(row["name"]) > 4:
            kind = "region"  # Phoenix lists provinces and towns beside abbreviations (US, DPRK)
        add(row["name"], row["country"], kind)
    for name, code in _geonames_cities():
        add(name, code, "city")
    for name, code in _provinces():
        add(name, code, "province")
    for name, (code, kind) in (FORMER_NAMES | EVERYDAY_NAMES).items():
        add(name, code, kind)
    out: dict[str, tuple[str, str]] = {}
    for kind in PLACE_PRIORITY:
        for key, codes in found[kind].items():
            # an ambiguous name goes to the most populous country that bears it
            best = max(sorted(codes), key=lambda c: population.get(c, 0))
            out.setdefault(key, (CODE_FIXES.get(best, best), kind))
    for key in _NOT_PLACES:
        out.pop(key, None)
    return {k: v for k, v in out.items() if v[0] and (len(k) > 2 or k in _SHORT_PLACES)}


#: States that came into being from another's territory: (new code, independence, old code).
SUCCESSIONS = (("SSD", date(2011, 7, 9), "SDN"),)


def historical_code(code: str | None, when: date | None) -> str | None:
    """The country a place belonged to on ``when``: Juba before July 2011 is Sudan's."""
    if code is None or when is None:
        return code
    for new, since, old in SUCCESSIONS:
        if code == new and when < since:
            return old
    return code


#: Old or non-ISO codes some sources use, and the codes dateline writes instead.
CODE_FIXES = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "YUG": "SRB", "SCG": "SRB"}
#: Former names of states and their adjectives, coded as the ISO state that continues them (as
#: PLOVER's ISO-3166 codes do: Soviet Moscow is RUS, Kampuchea is KHM).
FORMER_NAMES = {
    "Soviet Union": ("RUS", "country-alias"), "USSR": ("RUS", "country-alias"),
    "Soviet": ("RUS", "demonym"), "Kampuchea": ("KHM", "country-alias"),
    "Kampuchean": ("KHM", "demonym"), "Zaire": ("COD", "country-alias"),
    "Zairean": ("COD", "demonym"), "Zairian": ("COD", "demonym"),
    "Rhodesia": ("ZWE", "country-alias"), "Rhodesian": ("ZWE", "demonym"),
    "Upper Volta": ("BFA", "country-alias"), "Czechoslovakia": ("CZE", "country-alias"),
    "Czechoslovak": ("CZE", "demonym"), "East Germany": ("DEU", "country-alias"),
    "East German": ("DEU", "demonym"), "West Germany": ("DEU", "country-alias"),
    "West German": ("DEU", "demonym"), "Yugoslavia": ("SRB", "country-alias"),
    "Yugoslav": ("SRB", "demonym"), "Burma": ("MMR", "country-alias"),
    "Ceylon": ("LKA", "country-alias"), "Dahomey": ("BEN", "country-alias"),
    "Macedonia": ("MKD", "country-alias"), "Persia": ("IRN", "country-alias"),
}  # fmt: skip

#: Everyday short names of states that the alias lists file under regions (Phoenix's long
#: aliases mix country names with provinces and towns, so they are read as regions).
EVERYDAY_NAMES = {
    "Britain": ("GBR", "country-alias"), "America": ("USA", "country-alias"),
    "Kosovo": ("XKX", "country-alias"), "Vatican": ("VAT", "country-alias"),
}  # fmt: skip
_SHORT_PLACES = frozenset({"us", "uk"})
#: ISO codes that news text uses as names ("USA"); other codes ("JAM", "AL") are not names.
_KEEP_CODES = frozenset({"USA", "UAE", "UK", "US"})
_NOT_PLACES = frozenset(
    {"antarctica", "republic of china", "st", "saint", "new", "north", "south", "east", "west", "central"}
)


#: ISO 3166-2 subdivision types that name a province or state of a country (not a municipality).
_PROVINCE_TYPES = frozenset(
    {
        "province",
        "state",
        "region",
        "governorate",
        "prefecture",
        "autonomous region",
        "republic",
        "land",
        "oblast",
        "emirate",
        "voivodship",
        "regional state",
        "union territory",
        "autonomous community",
        "autonomous province",
        "autonomous republic",
        "department",
        "county",
        "federal district",
        "territory",
        "administrative region",
        "division",
    }
)
#: Words that make a subdivision's name generic ("Northern", "Central Region", "Upper East").
_GENERIC_PLACE_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "upper",
        "lower",
        "middle",
        "coast",
        "coastal",
        "capital",
        "region",
        "province",
        "district",
        "islands",
        "island",
        "lakes",
        "lake",
        "river",
        "plateau",
        "highlands",
        "city",
        "territory",
        "state",
        "valley",
        "mountain",
        "mountains",
        "national",
        "federal",
        "new",
        "great",
        "grand",
        "saint",
        "san",
        "santa",
        "littoral",
        "oriental",
        "occidental",
        "centre",
        "center",
        "nord",
        "sud",
        "est",
        "ouest",
        "interior",
        "greater",
        "area",
        "county",
        "bank",
        "and",
    }
)


def _provinces() -> Iterator[tuple[str, str]]:
    """(name, ISO3) of the first-level provinces and states of each country (ISO 3166-2 from
    the ``pycountry`` package), so that "the government of Sindh province" is Pakistan's. They
    come last: a name that is also a country, capital, region or city keeps that reading.
    The package's ISO 3166-2 file is read directly, so that pycountry does not keep its whole
    subdivision database (some megabytes) in memory."""
    import pycountry

    path = Path(pycountry.DATABASE_DIR) / "iso3166-2.json"
    try:
        entries = json.loads(path.read_text("utf-8"))["3166-2"]
    except (OSError, ValueError, KeyError):
        log.warning("no ISO 3166-2 data at %s: provinces are not known as places", path)
        return
    for sub in entries:
        if sub.get("parent") or str(sub.get("type", "")).lower() not in _PROVINCE_TYPES:
            continue
        country = pycountry.countries.get(alpha_2=str(sub.get("code", "")).split("-")[0])
        name = str(sub.get("name", ""))
        words = normalize(name).split()
        if country is None or not words or len(words) > 4 or "†" in name or "," in name:
            continue
        if all(w in _GENERIC_PLACE_WORDS for w in words) or len("".join(words)) < 4:
            continue
        yield name, country.alpha_3


def _geonames_cities() -> Iterator[tuple[str, str]]:
    """(city name, ISO3) for cities of 100,000 people or more, the most populous one per name."""
    import pycountry

    best: dict[str, tuple[int, str]] = {}
    for city in geo.cities():
        country = pycountry.countries.get(alpha_2=city.iso2)
        if city.name and country is not None and city.population >= 100_000:
            if city.population > best.get(city.name, (-1, ""))[0]:
                best[city.name] = (city.population, country.alpha_3)
    for name, (_pop, code) in best.items():
        yield name, code


def _countryinfo_package(population: dict[str, int]) -> Iterator[tuple[str, str, str]]:
    """(name, ISO3, kind) for each country in the countryinfo package's data files; fills
    ``population`` (ISO3 -> people) on the way."""
    try:
        data_dir = resources.files("countryinfo").joinpath("data")
    except ModuleNotFoundError:
        log.warning("the countryinfo package is not installed: fewer demonyms and capitals")
        return
    for res in data_dir.iterdir():
        if not res.name.endswith(".json"):
            continue
        info = json.loads(res.read_text("utf-8"))
        code = (info.get("ISO") or {}).get("alpha3")
        if not code:
            continue
        population[code] = int(info.get("population") or 0)
        yield str(info.get("name") or ""), code, "country"
        for alt in info.get("altSpellings") or []:
            iso = {(info.get("ISO") or {}).get("alpha2"), code}
            if isinstance(alt, str) and (alt not in iso or alt in _KEEP_CODES):
                yield alt, code, "country-alias"
        for kind in ("demonym", "capital"):
            values = info.get(kind) or []
            for value in [values] if isinstance(values, str) else values:
                if isinstance(value, str):
                    yield value, code, kind


# -------------------------------------------------------------------------------------------
# user files and the local KB


def read_entries(path: Path) -> Iterator[dict[str, Any]]:
    """Entries of a user dictionary file: YAML (a list of mappings) or TSV with a header."""
    if path.suffix in (".yaml", ".yml"):
        data = yaml.safe_load(path.read_text("utf-8")) or []
        if not isinstance(data, list):
            raise ValueError(f"{path}: expected a YAML list of actor entries")
        yield from (dict(e) for e in data if isinstance(e, dict))
        return
    with open(path, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t")


PEPPERCAT_COLUMNS = {"catalog", "position", "person", "start", "end"}
_HEAD_POSITIONS = ("president", "prime minister", "chancellor", "premier", "king", "queen", "emir")


def import_kb(paths: Iterable[Path], *, out: Path) -> dict[str, int]:
    """Build the local KB at ``out`` (SQLite, replaced) from Peppercat CSVs and TSV/YAML files.

    Returns the number of people and organisation rows written per input file name. Raises
    ``InputError`` (E130) naming a file that is not in a known format.
    """
    places = packaged_tables()[3]
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(
        "CREATE TABLE people (key TEXT, surname INTEGER, name TEXT, country TEXT, sector TEXT,"
        " title TEXT, start TEXT, end_ TEXT, rank INTEGER, source TEXT);"
        "CREATE TABLE orgs (key TEXT, name TEXT, code TEXT, sector TEXT, kind TEXT, start TEXT,"
        " end_ TEXT, source TEXT);"
    )
    counts: dict[str, int] = {}
    for path in paths:
        try:
            rows = list(_import_rows(path, places))
        except (OSError, ValueError, KeyError, TypeError, csv.Error, yaml.YAMLError) as exc:
            db.close()
            tmp.unlink(missing_ok=True)
            raise InputError(Errors.E130, source=str(path), path=str(path), why=exc) from exc
        for row in rows:
            if row[0] == "person":
                db.execute("INSERT INTO people VALUES (?,?,?,?,?,?,?,?,?,?)", row[1:])
            else:
                db.execute("INSERT INTO orgs VALUES (?,?,?,?,?,?,?,?)", row[1:])
        counts[path.name] = len(rows)
    db.executescript("CREATE INDEX people_key ON people (key, surname);CREATE INDEX orgs_key ON orgs (key);")
    db.commit()
    db.close()
    tmp.replace(out)
    _load_kb.cache_clear()
    return counts


def _import_rows(path: Path, places: dict[str, tuple[str, str]]) -> Iterator[tuple[Any, ...]]:
    if path.suffix == ".csv":
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if not PEPPERCAT_COLUMNS <= set(reader.fieldnames or ()):
                raise ValueError(f"{path}: not a Peppercat CSV (columns {reader.fieldnames})")
            legislators = "legislator" in path.name
            for r in reader:
                country = _catalog_code(r["catalog"], places)
                if not country or not r["person"]:
                    continue
                position = r["position"]
                low = position.lower()
                sector = "LEG" if legislators else (title_sector(position) or "GOV")
                rank = (
                    1
                    if low.startswith(_HEAD_POSITIONS) and "vice" not in low and "deputy" not in low
                    else 3
                    if legislators
                    else 2
                )
                yield from _person_rows(
                    r["person"],
                    [],
                    country,
                    sector,
                    position,
                    r["start"],
                    r.get("end") or "",
                    rank,
                    "peppercat",
                )
        return
    for entry in read_entries(path):
        aliases = entry.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [a for a in aliases.split("|") if a]
        kind = str(entry.get("kind") or "person")
        code = str(entry.get("code") or entry.get("country") or "")
        if kind == "person":
            yield from _person_rows(
                str(entry["name"]),
                [str(a) for a in aliases],
                code,
                str(entry.get("sector") or ""),
                str(entry.get("title") or ""),
                str(entry.get("start") or ""),
                str(entry.get("end") or ""),
                int(entry.get("rank") or 2),
                path.name,
            )
        else:
            for alias in {str(entry["name"]), *map(str, aliases)}:
                yield (
                    "org",
                    _org_key(alias),
                    str(entry["name"]),
                    code,
                    str(entry.get("sector") or ""),
                    kind,
                    str(entry.get("start") or ""),
                    str(entry.get("end") or ""),
                    path.name,
                )


def _person_rows(
    name: str,
    aliases: list[str],
    country: str,
    sector: str,
    title: str,
    start: str,
    end: str,
    rank: int,
    source: str,
) -> Iterator[tuple[Any, ...]]:
    for key in {normalize(name), *(normalize(a) for a in aliases)}:
        if key:
            yield ("person", key, 0, name, country, sector, title, start, end, rank, source)
    words = normalize(name).split()
    if len(words) > 1 and rank <= 2 and len(words[-1]) > 2:
        yield ("person", words[-1], 1, name, country, sector, title, start, end, rank, source)


_CATALOG_EXTRA = {
    "world": "UNO",
    "european union": "EUR",
    "united states of america": "USA",
    "kosovo": "XKX",
    "taiwan": "TWN",
    "palestine": "PSE",
    "hong kong": "HKG",
    "scotland": "GBR",
    "wales": "GBR",
    "northern ireland": "GBR",
    "abkhazia": "GEO",
    "south ossetia": "GEO",
    "transnistria": "MDA",
    "northern cyprus": "CYP",
    "donetsk": "UKR",
    "luhansk": "UKR",
    "somaliland": "SOM",
    "artsakh": "AZE",
    "western sahara": "ESH",
}


def _catalog_code(catalog: str, places: dict[str, tuple[str, str]]) -> str:
    key = _org_key(catalog)
    if key in _CATALOG_EXTRA:
        return _CATALOG_EXTRA[key]
    hit = places.get(key)
    return hit[0] if hit and hit[1] in ("country", "country-alias", "pre") else ""


# -------------------------------------------------------------------------------------------
# titles


def title_sector(title: str) -> str:
    """The PLOVER sector a job title implies ("Minister of Defense" -> GOV), or ""."""
    roles = _roles()
    words = normalize(title).split()
    best: tuple[int, int, str] | None = None
    i = 0
    while i < len(words):
        for n in range(min(5, len(words) - i), 0, -1):
            role = roles.get(" ".join(words[i : i + n]))
            if role is not None:
                score = (role.strength, -i)
                if best is None or score > best[:2]:
                    best = (role.strength, -i, role.sector)
                i += n - 1
                break
        i += 1
    return best[2] if best else ""
