"""Compile dateline's packaged knowledge base from the redistributable sources in ../shared/data/kb.

Usage::

    python scripts/build_kb.py [--kb ../shared/data/kb] [--out src/dateline/data/kb]

Reads ONLY sources whose licences allow redistribution (see src/dateline/data/SOURCES.md):

- us_congress_legislators/ (CC0): US presidents, vice-presidents, sitting members of Congress;
- cia_world_leaders_2019/ (US government, public domain): the June 2019 cabinet snapshot;
- cia_factbook/ (public domain): heads of state and government with their "since" dates,
  legislature names, capitals, nationality adjectives;
- uk_ifg_ministers/ (CC BY 4.0, Institute for Government): UK ministers and MPs with dates;
- petrarch2_phoenix/ (MIT; person entries derived from CountryInfo, CC BY-SA 3.0): dated people,
  national institutions, IGOs, NGOs, companies and armed groups;
- countryinfo/countryinfo_countries.json (CC BY-SA 3.0): capitals and major cities;
- countryinfo/countryinfo_leaders.tsv (CC BY-SA 3.0): heads of state and government, ~1960-2011.

Peppercat (CC BY-NC), REIGN, Archigos, COW and UCDP are never read here. The output files are
tab-separated and gzipped; the data they hold stays under CC BY-SA 3.0 (share-alike).

Dating rules: sources with dates keep them; an open Phoenix GOV range is closed at the end of
2014 (the dictionaries' date). A CIA 2019 entry (no dates) is taken to hold its
office from four years before the snapshot to four years after; a head of state or government in
it is closed by the Factbook's successor ("since" date) when that comes earlier. A Phoenix person
entry keeps its dated ranges, and its undated code is written as the "default" term (no dates).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dateline.kb import (  # noqa: E402
    CODE_FIXES,
    ORG_FIELDS,
    PEOPLE_FIELDS,
    PLACE_FIELDS,
    normalize,
    org_keys,
    person_keys,
    title_sector,
)

CIA_SNAPSHOT = date(2019, 6, 4)
PHOENIX_CAP = "2014-12-31"  # the dictionaries were generated in January 2014
TERRITORY_PREFERENCE = ("USA", "GBR", "FRA", "NLD", "DNK", "NZL", "AUS", "CHN", "NOR")
SOFT_YEARS = 4
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
HEAD_TITLES = ("president", "prime minister", "chancellor", "premier", "king", "queen", "emir",
               "sultan", "supreme leader", "chairman of state affairs commission")

# Phoenix/CAMEO sector chunks that are PLOVER sectors (the rest are dropped).
SECTORS = {"COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR",
           "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL",
           "SOC"}
IGO_CODES = {"UNO", "EUR"}
CAMEO_TO_PLOVER = {"MED": "JRN", "HLH": "MED", "HRI": "SOC", "ENV": "SOC", "DEV": "SOC",
                   "NGO": "SOC", "MNC": "BUS", "INS": "REB"}
COUNTRIES = {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def _row(fields: tuple[str, ...], **values: str) -> list[str]:
    if "keys" in fields and "name" in values:
        aliases = [a for a in (values.get("aliases") or "").split("|") if a]
        words = values["name"].split()
        if "rank" in fields and len(words) >= 3 and not words[0].isupper():
            aliases.append(f"{words[0]} {words[-1]}")  # "Vladimir Vladimirovich Putin" -> "Vladimir Putin"
        keyer = person_keys if "rank" in fields else org_keys
        values["keys"] = keyer(values["name"], aliases)
    return [str(values.get(f, "") or "").replace("\t", " ") for f in fields]


def _titlecase(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() or w.islower() else w for w in name.split())


def _cia_name(raw: str) -> str:
    """'KIM Jong Un' -> 'Kim Jong Un'; 'Hamdullah MOHIB' -> 'Hamdullah Mohib'."""
    words = raw.split()
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in words)


def _split_code(code: str) -> tuple[str, str]:
    """A CAMEO actor code -> (dateline code, PLOVER sector).

    CAMEO's sector chunks are renamed to PLOVER's where they differ (MED media -> JRN,
    HLH health -> MED, HRI/ENV/DEV advocacy -> SOC); a head that is no country and no
    CONTRACT code (e.g. a bare sector) leaves the code empty.
    """
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not chunks:
        return "", ""
    head = chunks[0]
    rest = chunks[1:]
    if head == "IGO":
        country = rest[0] if rest and rest[0] in IGO_CODES else "IGO"
    elif head in {"NGO", "MNC", "IMG", "ISM"}:
        country = head
    elif CODE_FIXES.get(head, head) in COUNTRIES:
        country = CODE_FIXES.get(head, head)
    else:
        country, rest = "", chunks
    sectors = [CAMEO_TO_PLOVER.get(c, c) for c in rest]
    sector = next((c for c in sectors if c in SECTORS), "")
    if head == "MNC" and not sector:
        sector = "BUS"
    if head == "NGO" and not sector:
        sector = "SOC"
    return country, sector


def _iso(value: str) -> str:
    value = (value or "").strip()
    return value if re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", value) and not value.startswith("9") else ""


def _since(text: str) -> str:
    m = re.search(r"since (\d{1,2}) (\w+) (\d{4})", text)
    if m and m.group(2).lower() in MONTHS:
        return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))).isoformat()
    m = re.search(r"since (\w+ )?(\d{4})", text)
    return f"{m.group(2)}-01-01" if m else ""


# ---------------------------------------------------------------------------------------------


def us_people(kb: Path) -> Iterable[list[str]]:
    base = kb / "us_congress_legislators"
    offices = {"prez": ("President", "GOV"), "viceprez": ("Vice President", "GOV"),
               "sen": ("Senator", "LEG"), "rep": ("Representative", "LEG")}
    for file in ("executive_terms.csv", "legislators_current_terms.csv"):
        with open(base / file, encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                title, sector = offices.get(r["term_type"], ("", ""))
                if not title:
                    continue
                short = f"{r['first']} {r['last']}"
                aliases = {short, r["last"]} - {r["name"]}
                if r["nickname"]:
                    aliases.add(f"{r['nickname']} {r['last']}")
                yield _row(PEOPLE_FIELDS, name=r["name"], aliases="|".join(sorted(aliases)),
                           country="USA", sector=sector, title=title, start=_iso(r["start"]),
                           end=_iso(r["end"]), rank="1" if r["term_type"] == "prez" else "3",
                           source="us_congress_legislators")


def factbook(kb: Path) -> tuple[list[list[str]], dict[tuple[str, str], str], list[list[str]],
                                list[list[str]]]:
    """Heads (rows), successor dates {(iso3, office): since}, legislatures (org rows), places."""
    data = json.loads((kb / "cia_factbook" / "factbook_government_subset.json").read_text("utf-8"))
    iso = _fips_to_iso(kb)
    heads: list[list[str]] = []
    since_by_office: dict[tuple[str, str], str] = {}
    orgs: list[list[str]] = []
    places: list[list[str]] = []
    for fips, entry in data.items():
        code = iso.get(fips.upper(), "")
        if not code:
            continue
        exe = entry.get("executive_branch") or {}
        for part in ("chief of state", "head of government"):
            text = (exe.get(part) or {}).get("text", "")
            for m in re.finditer(r"([^;()]+?)\s*\((since[^)]*)\)", text):
                title, name = _split_title_name(m.group(1))
                since = _since(m.group(2))
                if not name or len(name) < 3 or not title:
                    continue
                office = normalize(title).split(" of ")[0]
                since_by_office[(code, office)] = max(since, since_by_office.get((code, office), ""))
                raw = m.group(1).replace(",", " ").split()[len(title.split()):]
                split = next((i for i, w in enumerate(raw) if len(w) > 1 and w.isupper()), len(raw))
                alias = _caps_alias(" ".join(raw[:split]), " ".join(raw[split:]))
                heads.append(_row(PEOPLE_FIELDS, name=name, aliases=alias, country=code,
                                  sector="GOV", title=title, start=since, end="", rank="1",
                                  source="cia_factbook"))
        leg = ((entry.get("legislative_branch") or {}).get("legislature name") or {}).get("text", "")
        if leg:
            main = leg.split("(")[0].strip()
            alias = leg[leg.find("(") + 1 : leg.find(")")].strip() if "(" in leg else ""
            if main and main.lower() not in {"congress", "parliament", "national assembly"}:
                orgs.append(_row(ORG_FIELDS, name=main, aliases=alias, code=code, sector="LEG",
                                 kind="org", source="cia_factbook"))
        nat = entry.get("nationality") or {}
        for key in ("adjective", "noun"):
            text = (nat.get(key) or {}).get("text", "")
            for word in re.split(r",|\bor\b|;", re.sub(r"\(s\)|\(es\)", "", text)):
                word = word.strip()
                if word and len(word) < 30 and word[0].isupper():
                    places.append(_row(PLACE_FIELDS, name=word, country=code, kind="demonym",
                                       source="cia_factbook"))
        cap = ((entry.get("capital") or {}).get("name") or {}).get("text", "")
        for part in re.split(r";|\bnote\b", cap)[:1]:
            name = part.split("(")[0].strip().rstrip(",")
            if name and len(name) < 40:
                places.append(_row(PLACE_FIELDS, name=name, country=code, kind="capital",
                                   source="cia_factbook"))
    by_name: dict[str, list[list[str]]] = {}
    for row in heads:
        by_name.setdefault(row[0], []).append(row)
    kept: list[list[str]] = []
    for rows in by_name.values():
        codes = {r[2] for r in rows}
        if len(codes) > 1:
            best = next((c for c in TERRITORY_PREFERENCE if c in codes), sorted(codes)[0])
            rows = [r for r in rows if r[2] == best]
        kept.extend(rows)
    return kept, since_by_office, orgs, places


_TITLE_WORDS = {"president", "prime", "minister", "chancellor", "premier", "king", "queen",
                "emir", "sultan", "state", "affairs", "commission", "supreme", "leader", "of", "the",
                "federal", "council", "chairman", "chairwoman", "governor", "general", "grand",
                "duke", "prince", "princess", "sheikh", "amir", "co", "executive", "first", "vice",
                "head", "government", "assembly", "people's", "peoples", "interim", "acting",
                "transitional", "military", "sovereign", "presidential", "captain", "regent",
                "chief", "national", "pope", "emperor", "tsar", "crown", "secretary", "party"}


def _caps_alias(given: str, surname: str) -> str:
    """The name as news writes it, from a CIA-style name whose family name is in capitals:
    ('Nicolas', 'MADURO Moros') -> 'Nicolas Maduro' (the second, maternal surname dropped)."""
    first = next((w for w in given.split() if w.lower().strip(".") not in _TITLE_WORDS), "")
    caps = [w for w in surname.split() if len(w) > 1 and w.replace("-", "").isupper()]
    if not first or not caps or len(caps) == len(surname.split()):
        return ""
    return _cia_name(" ".join([first, *caps]))


def _split_title_name(text: str) -> tuple[str, str]:
    """'President Donald J. TRUMP' -> ('President', 'Donald J. Trump')."""
    words = text.replace(",", " ").split()
    caps = [i for i, w in enumerate(words) if len(w) > 1 and w.replace("-", "").isupper()
            and w.replace("-", "").isalpha() and w.lower() not in _TITLE_WORDS]
    if not caps:
        return "", ""
    first = caps[0]
    while first > 0 and words[first - 1][:1].isupper() and \
            words[first - 1].lower().strip(".") not in _TITLE_WORDS:
        first -= 1
    last = caps[-1] + 1
    while last < len(words) and words[last][:1].isupper() and words[last].lower() not in _TITLE_WORDS:
        last += 1
    return " ".join(words[:first]), _cia_name(" ".join(words[first:last]))


def _fips_to_iso(kb: Path) -> dict[str, str]:
    data = json.loads((kb / "countryinfo" / "countryinfo_countries.json").read_text("utf-8"))
    out = {}
    for c in data:
        if c.get("fips10") and c.get("iso3"):
            out[c["fips10"].upper()] = c["iso3"]
    out.update({"KV": "XKX", "TW": "TWN", "WE": "PSE", "GZ": "PSE", "RI": "SRB", "MJ": "MNE",
                "OD": "SSD", "UC": "CUW", "NN": "SXM"})
    return out


def cia_2019(kb: Path, since_by_office: dict[tuple[str, str], str]) -> Iterable[list[str]]:
    countries = {}
    for c in json.loads((kb / "countryinfo" / "countryinfo_countries.json").read_text("utf-8")):
        countries[normalize(c["name"])] = c["iso3"]
    extra = {"korea north": "PRK", "korea south": "KOR", "congo democratic republic of the": "COD",
             "congo republic of the": "COG", "bahamas the": "BHS", "gambia the": "GMB",
             "burma": "MMR", "kosovo": "XKX", "taiwan": "TWN", "cote d ivoire": "CIV",
             "czechia": "CZE", "eswatini": "SWZ", "micronesia federated states of": "FSM",
             "macedonia": "MKD", "north macedonia": "MKD", "timor leste": "TLS",
             "cabo verde": "CPV", "holy see vatican city": "VAT", "vatican city": "VAT",
             "russia": "RUS", "vietnam": "VNM", "laos": "LAO", "syria": "SYR", "iran": "IRN",
             "brunei": "BRN", "bolivia": "BOL", "venezuela": "VEN", "tanzania": "TZA",
             "moldova": "MDA", "united kingdom": "GBR", "palestinian authority": "PSE"}
    countries.update(extra)
    start = date(CIA_SNAPSHOT.year - SOFT_YEARS, CIA_SNAPSHOT.month, CIA_SNAPSHOT.day)
    soft_end = date(CIA_SNAPSHOT.year + SOFT_YEARS, CIA_SNAPSHOT.month, CIA_SNAPSHOT.day)
    with open(kb / "cia_world_leaders_2019" / "cia_world_leaders_2019-06.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            code = countries.get(normalize(r["country"]))
            name = _cia_name(r["name"])
            if not code or not name or "vacant" in name.lower():
                continue
            title = r["title"].strip()
            low = title.lower()
            end = soft_end
            is_head = low.startswith(HEAD_TITLES) and "deputy" not in low and "vice" not in low
            if is_head:
                succ = since_by_office.get((code, normalize(title).split(" of ")[0]), "")
                if succ and CIA_SNAPSHOT < date.fromisoformat(succ) < end:
                    end = date.fromisoformat(succ) - timedelta(days=1)
            sector = title_sector(title) or "GOV"
            alias = _caps_alias(r["first_name"], r["last_name_caps"])
            yield _row(PEOPLE_FIELDS, name=name, aliases=alias, country=code, sector=sector, title=title,
                       start=start.isoformat(), end=end.isoformat(), rank="1" if is_head else "2",
                       source="cia_world_leaders_2019", soft="1")


def uk_ifg(kb: Path) -> Iterable[list[str]]:
    base = kb / "uk_ifg_ministers"
    with open(base / "appointments_flat.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            title = r["post"]
            sector = title_sector(title) or "GOV"
            if sector == "LEG":  # whips and leaders of the House are ministers all the same
                sector = "GOV"
            yield _row(PEOPLE_FIELDS, name=r["person_name"], country="GBR", sector=sector,
                       title=title, start=_iso(r["start_date"]), end=_iso(r["end_date"]),
                       rank="1" if r["rank_equivalence"] == "PM" else "2", source="uk_ifg_ministers")
    names: dict[str, str] = {}
    with open(base / "person.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            names.setdefault(r["id"], r["display_name"] or r["name"])
    with open(base / "representation.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            name = names.get(r["person_id"])
            if name and r["house"] == "Commons":
                yield _row(PEOPLE_FIELDS, name=name, country="GBR", sector="LEG",
                           title="Member of Parliament", start=_iso(r["start_date"]),
                           end=_iso(r["end_date"]), rank="3", source="uk_ifg_ministers")


def phoenix(kb: Path) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    base = kb / "petrarch2_phoenix"
    people: list[list[str]] = []
    orgs: list[list[str]] = []
    places: list[list[str]] = []
    for file, kind in (("phoenix_countries_actors.tsv", "country"),
                       ("phoenix_international_actors.tsv", "igo"),
                       ("phoenix_milnonstate_actors.tsv", "group")):
        with open(base / file, encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        by_entry: dict[str, list[dict[str, str]]] = {}
        for r in rows:
            by_entry.setdefault(r["entry_id"], []).append(r)
        for entry in by_entry.values():
            first = entry[0]
            name = _titlecase(first["name"])
            aliases = "|".join(_titlecase(a) for a in first["aliases"].split("|") if a)
            is_person = kind != "group" and any(
                r["start"] or r["end"] or r["comment"].startswith("CountryInfo") for r in entry)
            for r in entry:
                code, sector = _split_code(r["code"])
                if not code:
                    continue
                if len(r["code"]) == 3 and kind == "country":
                    for alias in [first["name"], *first["aliases"].split("|")]:
                        if alias:
                            places.append(_row(PLACE_FIELDS, name=_titlecase(alias), country=code,
                                               kind="country-alias", source="petrarch2_phoenix"))
                    continue
                if is_person:
                    end = _iso(r["end"]) or (PHOENIX_CAP if r["start"] and sector == "GOV" else "")
                    people.append(_row(PEOPLE_FIELDS, name=name, aliases=aliases, country=code,
                                       sector=sector, start=_iso(r["start"]), end=end,
                                       rank="4", source="petrarch2_phoenix"))
                else:
                    okind = "group" if kind == "group" or code == "IMG" else "org"
                    if sector == "REB":
                        okind = "group"
                    orgs.append(_row(ORG_FIELDS, name=name, aliases=aliases, code=code,
                                     sector=sector, kind=okind, start=_iso(r["start"]),
                                     end=_iso(r["end"]), source="petrarch2_phoenix"))
    return people, orgs, places


_NOT_NATIONAL = ("governor", "administrator", "commissioner", "high representative",
                 "viceroy")
_PARTICLES = frozenset({"dos", "das", "da", "de", "del", "di", "do", "van", "von", "al", "el",
                        "le", "la", "bin", "ben", "ibn", "abu"})


def countryinfo_leaders(kb: Path) -> Iterable[list[str]]:
    """Heads of state and government, about 1960-2011, with their terms (CC BY-SA 3.0).

    Colonial and territorial offices (governors, administrators, commissioners) are left out:
    their holders are not the country's own. Presidents, prime ministers, monarchs and the like
    are rank 1 (a bare surname names them, and a former one is still coded by country as ELI);
    the rest (vice-presidents, party secretaries, councils) rank 2. A term open at the file's
    date is closed at the end of 2014 like the Phoenix entries built from the same file.
    """
    with open(kb / "countryinfo" / "countryinfo_leaders.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            group = r["office_group"].lower()
            code = r["iso3"].upper()
            if any(w in group for w in _NOT_NATIONAL) or code not in COUNTRIES or not r["name"]:
                continue
            head = any(t in group for t in ("president", "prime minister", "premier", "king",
                                            "queen", "chancellor", "head", "emir", "sultan",
                                            "ruler", "monarch", "captains-regent", "chairm"))
            if "vice" in group or "deputy" in group:
                head = False
            name = _titlecase(r["name"])
            variants = [_titlecase(v) for v in r["name_variants"].split("|") if v]
            words = name.split()
            if len(words) >= 3 and words[-2].lower() in _PARTICLES:
                variants.append(" ".join(words[-2:]))  # "Dos Santos", "Al Bashir"
            start = _iso(r["start"])
            end = _iso(r["end"]) or (PHOENIX_CAP if r["end_open_in_office_at_file_date"] == "1"
                                     else "")
            title = r["office_group"].split("(")[0].strip()
            title = title[:-1] if title.endswith("s") and not title.endswith("ss") else title
            yield _row(PEOPLE_FIELDS, name=name, aliases="|".join(variants), country=code,
                       sector="GOV", title=title.capitalize(), start=start, end=end,
                       rank="1" if head else "2", source="countryinfo")


def countryinfo_places(kb: Path) -> Iterable[list[str]]:
    for c in json.loads((kb / "countryinfo" / "countryinfo_countries.json").read_text("utf-8")):
        for cap in c.get("capital") or []:
            yield _row(PLACE_FIELDS, name=_titlecase(cap), country=c["iso3"], kind="capital",
                       source="countryinfo")
        for city in c.get("major_cities") or []:
            yield _row(PLACE_FIELDS, name=_titlecase(city), country=c["iso3"], kind="city",
                       source="countryinfo")


def write(path: Path, fields: tuple[str, ...], rows: Iterable[list[str]]) -> int:
    seen: set[tuple[str, ...]] = set()
    n = 0
    with gzip.open(path, "wt", encoding="utf-8", newline="", compresslevel=9) as fh:
        fh.write("\t".join(fields) + "\n")
        for row in rows:
            key = tuple(row)
            if key in seen or not row[0]:
                continue
            seen.add(key)
            fh.write("\t".join(row) + "\n")
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kb", type=Path, default=ROOT.parent / "shared" / "data" / "kb")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "dateline" / "data" / "kb")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    heads, since, legislatures, fb_places = factbook(args.kb)
    ph_people, ph_orgs, ph_places = phoenix(args.kb)
    people = [*us_people(args.kb), *heads, *cia_2019(args.kb, since), *uk_ifg(args.kb),
              *countryinfo_leaders(args.kb), *ph_people]
    n_people = write(args.out / "people.tsv.gz", PEOPLE_FIELDS, people)
    n_orgs = write(args.out / "orgs.tsv.gz", ORG_FIELDS, [*legislatures, *ph_orgs])
    n_places = write(args.out / "places.tsv.gz", PLACE_FIELDS,
                     [*fb_places, *countryinfo_places(args.kb), *ph_places])
    for name, n in (("people", n_people), ("orgs", n_orgs), ("places", n_places)):
        size = (args.out / f"{name}.tsv.gz").stat().st_size
        print(f"{name}.tsv.gz: {n} rows, {size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
