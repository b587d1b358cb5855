"""Events as PLOVER records (the PLOVER data model's field names and scores)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from .database import Store
from .query import EventFilter

# PLOVER scores (event_scale), by type and by mode, from the PLOVER manual (facts).
PLOVER_SCORES: dict[str, float] = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10,
    "RETREAT": 6.5, "REQUEST": 0, "ACCUSE": -3, "REJECT": -2, "THREATEN": -3.5,
    "PROTEST": -5, "SANCTION": -6, "MOBILIZE": -5.5, "COERCE": -7, "ASSAULT": -9,
}  # fmt: skip

PLOVER_MODE_SCORES: dict[tuple[str, str], float] = {
    ("CONSULT", "visit"): 4, ("CONSULT", "third-party"): 1, ("CONSULT", "multilateral"): 4,
    ("CONSULT", "phone"): 1.5,
    ("RETREAT", "withdraw"): 8, ("RETREAT", "release"): 6.5, ("RETREAT", "disarm"): 10,
    ("RETREAT", "ceasefire"): 7.5, ("RETREAT", "access"): 6.5, ("RETREAT", "resign"): 4.5,
    ("REQUEST", "assist"): 0.5, ("REQUEST", "change"): -1, ("REQUEST", "yield"): -1,
    ("REQUEST", "meet"): 0,
    ("ACCUSE", "disapprove"): -2, ("ACCUSE", "investigate"): -3.5, ("ACCUSE", "allege"): -3.5,
    ("REJECT", "assist"): -1.5, ("REJECT", "change"): -2, ("REJECT", "yield"): -2,
    ("REJECT", "meet"): -2,
    ("THREATEN", "restrict"): -3, ("THREATEN", "arrest"): -3.5, ("THREATEN", "relations"): -3.5,
    ("THREATEN", "expel"): -3.5, ("THREATEN", "territory"): -4, ("THREATEN", "violence"): -3.5,
    ("PROTEST", "demo"): -5, ("PROTEST", "riot"): -7, ("PROTEST", "strike"): -5,
    ("PROTEST", "hunger"): -4.5, ("PROTEST", "boycott"): -4.5, ("PROTEST", "obstruct"): -4.5,
    ("SANCTION", "convict"): -6, ("SANCTION", "expel"): -5.5, ("SANCTION", "withdraw"): -6,
    ("SANCTION", "discontinue"): -6,
    ("MOBILIZE", "troops"): -6.5, ("MOBILIZE", "weapons"): -6.5, ("MOBILIZE", "police"): -5.5,
    ("MOBILIZE", "militia"): -6,
    ("COERCE", "seize"): -7, ("COERCE", "restrict"): -7, ("COERCE", "censor"): -6.5,
    ("COERCE", "curfew"): -6.5, ("COERCE", "martial-law"): -7.5, ("COERCE", "arrest"): -7,
    ("COERCE", "deport"): -7, ("COERCE", "withhold"): -7, ("COERCE", "misinformation"): -6.5,
    ("COERCE", "cyber"): -7,
    ("ASSAULT", "abduct"): -8.5, ("ASSAULT", "beat"): -7.5, ("ASSAULT", "torture"): -8.5,
    ("ASSAULT", "sexual"): -8.5, ("ASSAULT", "targeted"): -9.5, ("ASSAULT", "destroy"): -8.5,
    ("ASSAULT", "primitive"): -8, ("ASSAULT", "firearms"): -9, ("ASSAULT", "explosives"): -9,
    ("ASSAULT", "suicide-attack"): -9.5, ("ASSAULT", "aerial"): -9.5, ("ASSAULT", "drone"): -9.5,
    ("ASSAULT", "heavy-weapons"): -9.5, ("ASSAULT", "crowd-control"): -7.5,
    ("ASSAULT", "unconventional"): -10,
}  # fmt: skip


def _plover_entity(p: dict[str, Any], titles: dict[str, str | None]) -> dict[str, Any]:
    return {
        "code": p.get("code"),
        "sector": p.get("sector"),
        "entity_text": p.get("text"),
        "office": titles.get(p.get("actor") or ""),
    }


def plover_record(obj: dict[str, Any], *, coded: datetime | None = None) -> dict[str, Any]:
    """One event object (as ``Store.events`` yields) as a PLOVER JSON record, with PLOVER's
    field names. dateline's own ``cameo`` and ``goldstein`` ride along as extra fields;
    negated and hypothetical events get PLOVER's auxiliary modes ``negation``/``hypothetical``.
    """
    art = obj.get("article") or {}
    titles: dict[str, str | None] = obj.get("_titles") or {}
    event = obj.get("event")
    modes = [obj["mode"]] if obj.get("mode") else []
    if obj.get("negated"):
        modes.append("negation")
    if obj.get("hypothetical"):
        modes.append("hypothetical")
    scale: float | None = None
    if event:
        scale = PLOVER_MODE_SCORES.get((event, obj.get("mode") or ""), PLOVER_SCORES.get(event))
    loc = obj.get("location")
    evid = obj.get("evidence") or {}
    published = art.get("published")
    stamp = coded or datetime.now(UTC)
    record: dict[str, Any] = {
        "id": f"{art.get('id')}:{obj['id']}",
        "has_event": event is not None,
        "date": obj.get("date") or (published[:10] if published else None),
        "actor": [_plover_entity(p, titles) for p in obj.get("actor") or []],
        "recipient": [_plover_entity(p, titles) for p in obj.get("recipient") or []],
        "event": [event] if event else [],
        "event_loc": None
        if not loc
        else {
            "extracted_place": loc.get("place"),
            "lat": loc.get("lat"),
            "lon": loc.get("lon"),
            "country_code": loc.get("country"),
        },
        "event_text": [evid["text"]] if evid.get("text") else [],
        "quad_code": obj.get("quad"),
        "event_scale": scale,
        "mode": modes,
        "context": [],
        "link": f"story-{obj['story']['id']}" if obj.get("story") else None,
        "text": evid.get("text"),
        "text_info": {"start": evid.get("start"), "end": evid.get("end")} if evid else None,
        "cite_info": {"url": art.get("url"), "citation": art.get("id")},
        "coder": "dateline",
        "coded_date": stamp.date().isoformat(),
        "coded_time": stamp.time().replace(microsecond=0).isoformat(),
        "cameo": obj.get("cameo"),
        "goldstein": obj.get("goldstein"),
    }
    return record


def plover_records(store: Store, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Every (matching) event of ``store`` as a PLOVER record, entity ``office`` filled from
    the actor's title."""
    titles: dict[tuple[str, str], str | None] = {
        (r[0], r[1]): r[2]
        for r in store.conn.execute(
            "SELECT a.id, ac.id, ac.title FROM actors ac JOIN articles a ON a.pk = ac.article "
            "WHERE ac.title IS NOT NULL"
        )
    }
    stamp = datetime.now(UTC)
    for obj in store.events(flt):
        art_id = obj["article"]["id"]
        ids = {p.get("actor") for p in (obj.get("actor") or []) + (obj.get("recipient") or [])}
        obj["_titles"] = {i: titles.get((art_id, i)) for i in ids if i}
        yield plover_record(obj, coded=stamp)
