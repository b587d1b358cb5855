"""Who and whom (``dateline.eventroles``): recipients behind nouns, complements and purposes.

The sentences are invented for these tests; each checks one rule of role assignment through
the whole actors + events pipeline (spaCy sm).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from spacy.language import Language

from _events import run_events
from dateline.config import Config
from dateline.records import Event

PUBLISHED = datetime(2018, 10, 7, 12, tzinfo=UTC)


def _events(nlp: Language, cfg: Config, text: str, published: datetime = PUBLISHED) -> tuple[Event, ...]:
    return run_events(nlp, cfg, text, published=published)


# sentence -> (PLOVER event, source country, recipient country)
ROLES = [
    # the recipient is the agent or owner of the object noun
    ("Kenya welcomed an admission by Uganda that its troops had crossed the border.", "SUPPORT", "KEN", "UGA"),
    ("The Indian government demanded an explanation from Pakistan.", "REQUEST", "IND", "PAK"),
    ("Brazil condemned the killings of civilians by Venezuelan soldiers.", "ACCUSE", "BRA", "VEN"),
    # behind a preposition and a possessive pronoun: "his promise to X"
    ("The Chilean president reneged on his promise to the Argentine government.", "REJECT", "CHL", "ARG"),
    # the object of an infinitival complement
    ("Egypt threatened to bomb Libyan towns.", "THREATEN", "EGY", "LBY"),
    # "is opposed to": a stance, not a passive
    ("Norway is opposed to Swedish mediation in the dispute.", "REJECT", "NOR", "SWE"),
    # the one summoned hears the complaint
    ("Kenya summoned Uganda's ambassador to complain about the raid.", "ACCUSE", "KEN", "UGA"),
    # the actor's own troops are moved; the recipient is where from
    ("Chad said it is willing to withdraw its troops from neighbouring Niger.", "AGREE", "TCD", "NER"),
    # "X operating in Y said", parsed with the participle as the subject: X, not Y, speaks
    ("The Red Crescent operating in Yemen said Saudi forces must allow aid convoys to reach the port.",
     "REQUEST", "NGO", "SAU"),
    # the agent of a passive accusation, hung by the parser on a later verb
    ("Former leader Yahya Jammeh has been accused of stealing up to US $50 million in state funds, much of "
     "it believed to have been laundered, by current Gambian government officials.", "ACCUSE", "GMB", "GMB"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "source", "target"), ROLES)
def test_eventroles_recipient(
    nlp: Language, cfg: Config, text: str, event: str, source: str, target: str
) -> None:
    events = [e for e in _events(nlp, cfg, text) if e.event == event]
    assert events, f"no {event} in {text!r}"
    e = events[0]
    assert source in {p.code for p in e.actor}, e.actor
    assert target in {p.code for p in e.recipient}, e.recipient


# sentence -> (PLOVER event, source country or None, recipient country)
CONTEXT = [
    # an uncoded group facing one country's government in a political exchange is of that country
    ("The Chadian government accepted demands from rebels that it hold elections.", "CONCEDE", "TCD", "TCD"),
    # leaders of a body take its sector, and then the domestic rule its country
    ("Leaders of the main opposition coalition agreed to postpone the rally in Nairobi.", "AGREE", "KEN", "KEN"),
    # a place behind direction words: "east Togo"
    ("Ghana demanded a truce with militias in east Togo.", "REQUEST", "GHA", "TGO"),
    # a former name of a state
    ("Thai troops fired on Kampuchean guerrillas near the border.", "ASSAULT", "THA", "KHM"),
    # a complaint is aimed at whom it is about, not at whom it is addressed to; a lone country
    # name is the country, though a US senator bears it as a surname
    ("Jordan complained to the United Nations on Monday over two Syrian air strikes.", "ACCUSE", "JOR", "SYR"),
    # sent somewhere to investigate: the place is investigated
    ("The African Union has sent 30 observers to Burundi to investigate the killings.", "ACCUSE", "IGO", "BDI"),
    # the agent of a participle: "abuses committed by X"
    ("Kenyan police have opened an investigation into alleged abuses committed by Ugandan soldiers.",
     "ACCUSE", "KEN", "UGA"),
    # down a chain of infinitives to the first party: "willing to send equipment to help defend X"
    ("Norway is willing to send equipment to help defend Lithuania if it is attacked.", "SUPPORT", "NOR", "LTU"),
    # a country inside a purpose clause does not code the noun phrase ("students ... to protest
    # the decision to send troops to Yemen" are not Yemen's)
    ("Egyptian police prevented a rally staged by students at Cairo University to protest the decision to "
     "send troops to Yemen.", "COERCE", "EGY", "EGY"),
    # down to the subject of "allow X to ...": "refused to allow Pakistani planes to use its airspace"
    ("India refused to allow Pakistani planes to use its airspace.", "REJECT", "IND", "PAK"),
    # an ethnic adjective is no nationality: the victims are coded by where they are
    ("Serbian forces killed three ethnic Albanian villagers in Kosovo.", "ASSAULT", "SRB", "XKX"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "source", "target"), CONTEXT)
def test_eventroles_context_codes(
    nlp: Language, cfg: Config, text: str, event: str, source: str, target: str
) -> None:
    events = [e for e in _events(nlp, cfg, text) if e.event == event]
    assert events, f"no {event} in {text!r}"
    assert source in {p.code for p in events[0].actor}, events[0].actor
    assert target in {p.code for p in events[0].recipient}, events[0].recipient


def test_eventroles_attackers_are_not_coded_by_their_victims(nlp: Language, cfg: Config) -> None:
    # in violence, an uncoded attacker does not take its victim's country
    events = [
        e for e in _events(nlp, cfg, "Gunmen attacked a Kenyan army base on Monday.") if e.event == "ASSAULT"
    ]
    assert events
    assert {p.code for p in events[0].actor} == {None}
    assert "KEN" in {p.code for p in events[0].recipient}


@pytest.mark.parametrize(("published", "country"), [(datetime(2005, 3, 1, tzinfo=UTC), "SDN"),
                                                    (datetime(2015, 3, 1, tzinfo=UTC), "SSD")])  # fmt: skip
def test_eventroles_place_country_is_dated(
    nlp: Language, cfg: Config, published: datetime, country: str
) -> None:
    events = [
        e for e in _events(nlp, cfg, "Rebels shelled Juba on Sunday.", published) if e.event == "ASSAULT"
    ]
    assert events
    assert country in {p.code for p in events[0].recipient}


# coordinated objects of the phrase that names the recipients: one recipient each
COORDINATED = [
    ("Egypt hosted talks between Sudan and South Sudan.", {"SDN", "SSD"}),
    ("Rwanda signed an agreement with Burundi and Uganda to fight the rebels.", {"BDI", "UGA"}),
    ("The Chinese foreign minister met his counterparts from Japan and South Korea in Beijing.", {"JPN", "KOR"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "targets"), COORDINATED)
def test_eventroles_coordinated_recipients(nlp: Language, cfg: Config, text: str, targets: set[str]) -> None:
    events = [e for e in _events(nlp, cfg, text) if e.recipient]
    assert events, text
    assert targets <= {p.code for p in events[0].recipient}, events[0].recipient
