"""Events in the wording of real news (benchmarks/realnews_eval.py): explosions, shootings,
battles and the other words of the lexicon, and words that look like events but are none.
Invented sentences, real country names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from spacy.language import Language

from _events import run_events
from dateline.config import Config
from dateline.records import Event

PUBLISHED = datetime(2019, 3, 10, 12, 0, tzinfo=UTC)


def _events(nlp: Language, cfg: Config, text: str) -> tuple[Event, ...]:
    return run_events(nlp, cfg, text, published=PUBLISHED)


def _codes(parties: tuple[object, ...]) -> set[str | None]:
    return {getattr(p, "code", None) for p in parties}


# sentence -> (PLOVER event, CAMEO code, a source code or None, a target code or None)
CODING = [
    # explosions set off by a party, or of a weapon
    ("Nigerian militants detonated two bombs at a market in Maiduguri.", "ASSAULT", "183", "NGA", None),
    ("A Taliban bomb exploded near a police station in Kabul.", "ASSAULT", "183", "AFG", None),
    ("A bomb went off near the Turkish embassy in Kabul, killing two Afghan guards.", "ASSAULT", "183", None, "AFG"),
    ("A car bomb blast killed ten Iraqi soldiers.", "ASSAULT", "183", None, "IRQ"),
    ("Islamic State claimed responsibility for the blast in Baghdad.", "ASSAULT", "183", "IMG", "IRQ"),
    # a nuclear device set off is a show of force, not an attack
    ("North Korea detonated a nuclear device.", "MOBILIZE", "150", "PRK", None),
    # small arms, knives, poison, mass killing
    ("Al-Shabab fighters stabbed two Kenyan soldiers.", "ASSAULT", "182", "SOM", "KEN"),
    ("Russian agents poisoned a Ukrainian journalist.", "ASSAULT", "182", "RUS", "UKR"),
    ("Sudanese forces slaughtered villagers in Darfur.", "ASSAULT", "202", "SDN", None),
    ("Syria's army annihilated the rebels.", "ASSAULT", "190", "SYR", None),
    ("Iraqi forces combat Islamic State fighters in Mosul.", "ASSAULT", "190", "IRQ", None),
    # battles, skirmishes and wars between parties
    ("A battle between Iraqi troops and Islamic State fighters raged in Mosul.", "ASSAULT", "190", "IRQ", None),
    ("Syrian troops fought a fierce battle against Turkish soldiers.", "ASSAULT", "190", "SYR", "TUR"),
    ("The war between Ethiopia and Eritrea killed thousands.", "ASSAULT", "190", "ETH", None),
    ("Indian and Pakistani troops skirmished along the border.", "ASSAULT", "190", "IND", None),
    # an army on the march occupies or deploys; it does not protest
    ("German troops marched into Paris.", "COERCE", "192", "DEU", "FRA"),
    # a court ordering someone held: a detention, aimed at whom it holds
    ("A Kenyan judge ordered the Ugandan man held until trial.", "COERCE", "173", "KEN", "UGA"),
    ("An Egyptian court ordered the Sudanese journalist detained.", "COERCE", "173", "EGY", "SDN"),
    # pleading with a party is an appeal to it
    ("Egypt pleaded with Ethiopia to share the waters of the Nile.", "REQUEST", "020", "EGY", "ETH"),
    # officials visit; a private person meeting an official consults
    ("The German chancellor visited China.", "CONSULT", "042", "DEU", "CHN"),
    ("Villagers met with the Kenyan governor.", "CONSULT", "040", None, "KEN"),
    # a vow is a pledge: to cooperate AGREE, to use force a threat
    ("Turkey vowed to help Azerbaijan.", "AGREE", "033", "TUR", "AZE"),
    ("Iran vowed to attack Israel.", "THREATEN", "138", "IRN", "ISR"),
    ("Iran vowed revenge against Israel.", "THREATEN", "138", "IRN", "ISR"),
    # a body that convenes meets; advising or recommending a party to act appeals to it
    ("The UN Security Council convened an emergency meeting on Syria.", "CONSULT", "040", "UNO", None),
    ("The Russian foreign minister advised the Syrian government to accept the plan.", "REQUEST", "020", "RUS", "SYR"),
    ("The Kenyan parliament recommended that Uganda reopen the border.", "REQUEST", "020", "KEN", "UGA"),
    # paying for a party is economic aid
    ("Saudi Arabia funded the Syrian rebels.", "AID", "071", "SAU", "SYR"),
    # blackmail threatens; intimidation coerces; incarceration is detention
    ("Russian agents blackmailed a Ukrainian official.", "THREATEN", "130", "RUS", "UKR"),
    ("Zimbabwean soldiers intimidated opposition supporters.", "COERCE", "170", "ZWE", None),
    ("Egypt incarcerated the Sudanese activists.", "COERCE", "173", "EGY", "SDN"),
    # planting bombs; an attempt on a life; begging, instructing, obliging; hunting the culprit
    ("Kurdish militants planted a bomb at a Turkish army post.", "ASSAULT", "183", None, "TUR"),
    ("Colombian rebels carried out the failed assassination attempt on Venezuela's president.", "ASSAULT", "185", None, "VEN"),
    ("Venezuelan opposition leaders begged Brazil to close the border.", "REQUEST", "020", "VEN", "BRA"),
    ("The French interior minister instructed the Belgian police to reinforce security.", "REQUEST", "100", "FRA", "BEL"),
    ("Zimbabwean soldiers compelled opposition supporters to vote.", "COERCE", "170", "ZWE", None),
    ("Zimbabwean soldiers obliged opposition supporters to vote.", "COERCE", "170", "ZWE", None),
    ("French police are hunting the gunman.", "ACCUSE", "090", "FRA", None),
    # a step of the news after "before"/"after" is an event of its own
    ("Syrian rebels carried the bombs to the street before detonating them.", "ASSAULT", "183", "SYR", None),
    ("The Syrian army accused Turkey of shelling before it attacked Turkish troops.", "ACCUSE", "112", "SYR", "TUR"),
    # police raids and operations are searches, not fighting
    ("The Spanish police launched an operation against ETA in Madrid.", "COERCE", "171", "ESP", None),
    ("British police launched raids in east London.", "COERCE", "171", "GBR", None),
    # suggesting that a party do something appeals to it; pressure is exerted
    ("The Russian foreign minister suggested that Iran halt uranium enrichment.", "REQUEST", "020", "RUS", "IRN"),
    ("Germany proposed that Greece should leave the euro zone.", "REQUEST", "020", "DEU", "GRC"),
    ("The European Union exerted pressure on Hungary.", "REQUEST", "100", "EUR", "HUN"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "cameo", "source", "target"), CODING)
def test_realnews_coding(
    nlp: Language, cfg: Config, text: str, event: str, cameo: str, source: str | None, target: str | None
) -> None:
    events = _events(nlp, cfg, text)
    match = [e for e in events if e.cameo == cameo]
    assert match, f"no {cameo} in {[(e.cameo, e.event) for e in events]}"
    e = match[0]
    assert e.event == event
    if source is not None:
        assert source in _codes(e.actor)
    if target is not None:
        assert target in _codes(e.recipient)


# sentence -> a PLOVER event type it must not have
NOT_EVENTS = [
    # accidents and figures of speech
    ("A gas cylinder exploded in a restaurant in Moscow, killing three Russian soldiers.", "ASSAULT"),
    ("An explosion at a Chinese chemical plant killed 40 workers.", "ASSAULT"),
    ("A gas explosion killed three Russian soldiers in Moscow.", "ASSAULT"),
    ("Tensions between Russia and Ukraine exploded after the vote.", "ASSAULT"),
    ("An explosion of anger swept Iran after the Iraqi vote.", "ASSAULT"),
    ("The alarm went off at the Russian embassy in Oslo.", "ASSAULT"),
    ("Iraqi troops went into the village on Monday.", "ASSAULT"),
    ("A Russian rocket engine exploded during a test in Siberia.", "ASSAULT"),
    ("His blast landed in the bleachers as Cuba beat Mexico.", "ASSAULT"),
    ("The size of the Russian deficit was intimidating.", "COERCE"),
    ("A Turkish advert shows two actors in a rap battle.", "ASSAULT"),
    ("The Brazilian striker is going to have a blast in Madrid.", "ASSAULT"),
    ("Other teams in the battle for the Brazilian striker are Real Madrid and Chelsea.", "ASSAULT"),
    ("The Kenyan team obliged the crowd with a win.", "COERCE"),
    # battles and wars that are no fighting
    ("The legal battle between Apple and the US government continued.", "ASSAULT"),
    ("The trade war between China and the United States hurt Brazilian farmers.", "ASSAULT"),
    ("Kenya's president lost his battle against cancer.", "ASSAULT"),
    ("Iraqi forces combat terrorism.", "ASSAULT"),
    ("Kenyan farmers slaughtered cattle for the festival.", "ASSAULT"),
    ("The shooting of the Turkish film ended in Egypt.", "ASSAULT"),
    # a plea in court is no appeal; a court's order to hold someone is no request
    ("A Kyrgyz citizen pleaded not guilty to charges of lying to American investigators.", "REQUEST"),
    ("A Kenyan judge ordered the Ugandan man held until trial.", "REQUEST"),
    ("German troops marched into Paris.", "PROTEST"),
    # the trips, calls and conversations of private people are no diplomacy
    ("A gunman arrived in Lyon on Friday.", "CONSULT"),
    ("Brazilian tourists visited Egypt.", "CONSULT"),
    ("A woman telephoned the police in Belfast.", "CONSULT"),
    ("A British man phoned the anti-terror hotline.", "CONSULT"),
    ("We talk about drone warfare with regard to Russian drones.", "CONSULT"),
    ("There is talk of a Saudi ground intervention in Syria.", "CONSULT"),
    # a travel warning threatens no one; information withheld is no aid
    ("The United States issued a travel warning for Venezuela.", "THREATEN"),
    ("The Kenyan police said they do not provide information regarding investigations.", "AID"),
    # an opinion suggested is no appeal
    ("An American expert suggests that an apology to China could open old wounds.", "REQUEST"),
    ("France suggested that Russia was behind the attack.", "REQUEST"),
    # paying for one's own plans is no aid; attacking someone's words is criticism
    ("Labour cannot say how they would fund their tax and spending commitments.", "AID"),
    ("Labour cannot say how they would fund their tax and spending commitments.", "AGREE"),
    ("The Liberal Democrat leader attacked the British prime minister's words.", "ASSAULT"),
    # a bare vow is coded by what is vowed; "to punish" names no event
    ("Britain vowed to punish North Korea.", "AGREE"),
    # the aim of an attack is no intent to attack
    ("An IRA leader said the aim of the attacks on Belfast had been to cause damage.", "THREATEN"),
    # what a party is asked to help do is no event yet
    ("Russia asked the Asian Development Bank to help finance a gas pipeline to China.", "AID"),
]  # fmt: skip


def test_realnews_explosions_support_the_bombing(nlp: Language, cfg: Config) -> None:
    text = (
        "The IRA planted 20 bombs in Belfast on Friday. The bombs began to explode before noon. "
        "Then they exploded at one a minute."
    )
    (e,) = [e for e in _events(nlp, cfg, text) if e.event == "ASSAULT"]
    assert e.cameo == "183" and len(e.support) == 2


@pytest.mark.parametrize(("text", "event"), NOT_EVENTS)
def test_realnews_not_events(nlp: Language, cfg: Config, text: str, event: str) -> None:
    got = [(e.event, e.cameo) for e in _events(nlp, cfg, text)]
    assert all(ev != event for ev, _c in got), got


# sentence -> (CAMEO root of an event it has, whether that event is hypothetical)
MOOD = [
    ("A war between India and Pakistan looms.", "19", True),
    ("British police foiled an attempt to blow up the Russian embassy.", "19", True),
    ("Thousands of Nigerians gathered for a rally in Lagos to protest the law.", "14", False),
    ("Duterte offered to send troops to Jordan to help combat Islamist militants.", "19", True),
]  # fmt: skip


@pytest.mark.parametrize(("text", "root", "hypothetical"), MOOD)
def test_realnews_mood(nlp: Language, cfg: Config, text: str, root: str, hypothetical: bool) -> None:
    events = [e for e in _events(nlp, cfg, text) if e.cameo.startswith(root)]
    assert events, f"no {root}x event in {text!r}"
    assert events[0].hypothetical is hypothetical
