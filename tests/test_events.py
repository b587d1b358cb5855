"""Tests of the events stage: coding tables, who/whom, mood, dates, places, merging, lexicon."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from spacy.language import Language

from _events import run_events
from dateline.actors import extract_actors
from dateline.config import Config
from dateline.errors import ConfigError
from dateline.events import event_triples, extract_events
from dateline.geo import geocode
from dateline.lexicon import load_lexicon
from dateline.records import Document, Event, Paragraph, Span, from_json, to_json
from dateline.timexp import resolve_timex

PUBLISHED = datetime(2018, 10, 7, 19, 38, tzinfo=UTC)  # a Sunday


def _events(nlp: Language, cfg: Config, text: str, published: datetime = PUBLISHED) -> tuple[Event, ...]:
    return run_events(nlp, cfg, text, published=published)


def _codes(parties: tuple[object, ...]) -> set[str | None]:
    return {getattr(p, "code", None) for p in parties}


# sentence -> (PLOVER event, CAMEO code, a source code, a target code or None)
CODING = [
    ("Turkey on Monday released the mayor of the Syrian town of Azaz.", "RETREAT", "0841", "TUR", "SYR"),
    ("France fired rockets at Libya on Monday.", "ASSAULT", "194", "FRA", "LBY"),
    ("Jordan's foreign minister met with Egyptian President Abdel Fattah el-Sisi on Monday.", "CONSULT", "040", "JOR", "EGY"),
    ("Moldova signed a trade agreement with the European Union in June.", "SUPPORT", "057", "MDA", "EUR"),
    ("Britain presented evidence against Iran.", "ACCUSE", "1124", "GBR", "IRN"),
    ("Evidence against Iran was presented by Britain.", "ACCUSE", "1124", "GBR", "IRN"),
    ("Germany ordered an investigation against Turkey.", "REQUEST", "1014", "DEU", "TUR"),
    ("Russia is conducting military drills in Belarus.", "MOBILIZE", "150", "RUS", "BLR"),
    ("The German chancellor wants to help Ukraine.", "AGREE", "033", "DEU", "UKR"),
    ("Iran wants to attack Israel.", "THREATEN", "138", "IRN", "ISR"),
    ("A Kenyan court jailed a Ugandan journalist for three years.", "COERCE", "173", "KEN", "UGA"),
    ("Sudan has pledged to expel the leaders of Chad's rebel movement.", "COERCE", "174", "SDN", "TCD"),
    ("The North Korean army shelled the South Korean island of Yeonpyeong.", "ASSAULT", "194", "PRK", "KOR"),
    ("France accused Germany of violating the treaty.", "ACCUSE", "112", "FRA", "DEU"),
    ("Japan imposed sanctions on North Korea.", "SANCTION", "163", "JPN", "PRK"),
    ("The UN Security Council called an emergency meeting to discuss the crisis.", "CONSULT", "040", "UNO", None),
    ("Russia expelled two British diplomats.", "SANCTION", "166", "RUS", "GBR"),
    ("The Kenyan government rejected the proposal from Somalia.", "REJECT", "120", "KEN", None),
    ("Turkey claimed that they had attacked Syria.", "ASSAULT", "190", "TUR", "SYR"),
    ("French and German students staged a protest in Brussels on Friday.", "PROTEST", "141", "DEU", "BEL"),
    ("Japan's prime minister held talks with Chinese President Xi Jinping in Beijing.", "CONSULT", "046", "JPN", None),
    ("Chad threatened to close the border unless Niger paid its debts.", "THREATEN", "132", "TCD", "NER"),
    ("Egypt has strengthened its forces in Libya.", "MOBILIZE", "154", "EGY", "LBY"),
    ("Ten people were killed in an air strike by Turkish forces.", "ASSAULT", "190", "TUR", None),
    ("The Kenyan president met with dissidents from war-torn Yemen on Friday.", "CONSULT", "040", "KEN", "YEM"),
    ("Ugandan protesters set fire to the Kenyan embassy.", "PROTEST", "145", "UGA", "KEN"),
    ("Kenya mobilised army reservists for a possible war against Somalia on Tuesday.", "MOBILIZE", "154", "KEN", "SOM"),
    ("The Zambian government ordered the opposition newspaper The Post to stop publication.", "COERCE", "1721", "ZMB", "ZMB"),
    ("Ugandan police opened fire to disperse student demonstrators on Monday.", "ASSAULT", "190", "UGA", "UGA"),
    ("Kenyan farmers began a hunger strike on Monday to protest against Uganda's decision to close the border.", "PROTEST", "142", "KEN", "UGA"),
    ("Nigerian students are continuing a hunger strike in protest at the Ghanaian government's refusal to open the border.", "PROTEST", "142", "NGA", "GHA"),
    ("The Afghan army pounded Taliban hideouts with heavy artillery.", "ASSAULT", "194", "AFG", None),
    ("A Danish court found the former minister guilty of corruption.", "SANCTION", "116", "DNK", None),
    ("Bolivian police fired teargas at protesters in La Paz.", "ASSAULT", "175", "BOL", "BOL"),
    ("The European Commission launched legal action against Poland.", "ACCUSE", "115", "EUR", "POL"),
    ("Workers at a copper mine in Peru went on strike on Thursday.", "PROTEST", "143", "PER", None),
    ("Germany allocated 50 million euros in aid to Yemen.", "AID", "071", "DEU", "YEM"),
    ("The Turkish army declared martial law in the province.", "COERCE", "1724", "TUR", None),
    ("The US military gave 600 rifles to the Philippine Marines.", "AID", "072", "USA", "PHL"),
    # troops that arrive are deployed, not visiting; a decision to act is the act
    ("Hundreds of British troops have arrived in Mali.", "MOBILIZE", "154", "GBR", "MLI"),
    ("Chinese peacekeepers arrived in South Sudan on Thursday.", "AID", "074", "CHN", "SSD"),
    ("Japan decided on Thursday to ease sanctions on North Korea.", "RETREAT", "085", "JPN", "PRK"),
    ("Germany accepted 1,500 refugees from Greece.", "AID", "075", "DEU", None),
    ("Two UN inspectors have been expelled from North Korea.", "SANCTION", "1662", "PRK", None),
    ("Ghana closed its borders with Togo.", "COERCE", "172", "GHA", "TGO"),
    ("Bolivian President Evo Morales declared a state of siege on Friday.", "COERCE", "1724", "BOL", None),
    ("Russia launched cyber attacks against Estonia.", "COERCE", "170", "RUS", "EST"),
    ("Afghan President Ashraf Ghani announced a weeklong cease-fire with the Taliban.", "RETREAT", "0871", "AFG", None),
    ("The Ethiopian prime minister held bilateral discussions with the Somali president.", "CONSULT", "040", "ETH", "SOM"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "cameo", "source", "target"), CODING)
def test_events_coding_table(
    nlp: Language, cfg: Config, text: str, event: str, cameo: str, source: str, target: str | None
) -> None:
    events = _events(nlp, cfg, text)
    match = [e for e in events if e.cameo == cameo]
    assert match, f"no {cameo} in {[(e.cameo, e.event) for e in events]}"
    e = match[0]
    assert e.event == event
    assert source in _codes(e.actor)
    if target is not None:
        assert target in _codes(e.recipient)
    assert e.quad in (1, 2, 3, 4) and isinstance(e.goldstein, float)
    assert e.evidence is not None and e.evidence.text == text[e.evidence.start : e.evidence.end]


# sentence -> (expected CAMEO root, negated, hypothetical)
MOOD = [
    ("Putin said he would not provide support to Serbia.", "12", False, False),
    ("Kim Jong-un did not meet the Chinese envoy during the spring visit.", "04", True, False),
    ("Canada has agreed to lift the sanctions on Cuba.", "03", False, False),
    ("Trump cancelled the planned visit to North Korea.", "12", False, False),
    ("Iran refused to meet the European negotiators.", "12", False, False),
    ("If Iran attacks Israel, the United States would respond.", "19", False, True),
    ("Britain says it will not accept the proposal.", "12", False, False),
    ("Chad announced it will withdraw its troops from Niger unless the junta holds elections.", "13", False, False),
    ("Bangladesh said it cannot accept more refugees from Myanmar.", "12", False, False),
]  # fmt: skip


@pytest.mark.parametrize(("text", "root", "negated", "hypothetical"), MOOD)
def test_events_mood(
    nlp: Language, cfg: Config, text: str, root: str, negated: bool, hypothetical: bool
) -> None:
    events = [e for e in _events(nlp, cfg, text) if e.cameo.startswith(root)]
    assert events, f"no {root}x event in {text!r}"
    assert events[0].negated is negated
    assert events[0].hypothetical is hypothetical


def test_events_refusal_is_one_event(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "Iran refused to meet the European negotiators.")
    assert [e.cameo for e in events] == ["125"]
    assert events[0].event == "REJECT" and events[0].mode == "meet"


def test_events_passive_swaps_roles(nlp: Language, cfg: Config) -> None:
    (e,) = [e for e in _events(nlp, cfg, "Evidence against Iran was presented by Britain.") if e.event]
    assert _codes(e.actor) == {"GBR"} and "IRN" in _codes(e.recipient)


def test_events_coordination_gives_compound_actors(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "India and Japan are seeking to deepen a partnership in shipbuilding.")
    e = next(e for e in events if e.event == "AGREE")
    assert {"IND", "JPN"} <= _codes(e.actor)
    assert ("IND", "JPN", e.cameo) in event_triples(e) and ("JPN", "IND", e.cameo) in event_triples(e)


def test_events_triples_need_a_coded_party(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "A man set fire to the warehouse on Monday.")
    assert events and all(not e.actor or e.actor[0].code is None for e in events)
    assert all(event_triples(e) == [] for e in events)


def test_events_reported_speech_keeps_the_clause_actor(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "Iraqi state television said militants shelled Mosul overnight.")
    e = next(e for e in events if e.cameo.startswith("19"))
    assert "IRQ" not in _codes(e.actor)  # the speaker is not the attacker
    assert "IRQ" in _codes(e.recipient)


# sentence -> every (source, target, CAMEO code) triple of its events that are not negated
TRIPLES = [
    # a party's own fronted report of violence: an accusation, or a claim of responsibility
    ("Turkey said a rocket was fired at it from Syria on Monday.",
     {("TUR", "SYR", "112"), ("SYR", "TUR", "194")}),
    ("Germany claimed that Iran had attacked Iraq.", {("DEU", "IRN", "112"), ("IRN", "IRQ", "190")}),
    ("Pakistan claimed that it had attacked India.", {("PAK", "IND", "015"), ("PAK", "IND", "190")}),
    # who claims an attack made it; the claim is aimed where the attack happened
    ("A Ugandan rebel group claimed responsibility for a bombing at a market in Tanzania's capital.",
     {("UGA", "TZA", "015"), ("UGA", "TZA", "183")}),
    # an unattributed attack on foreigners is the host country's (the PLOVER and PETRARCH reading)
    ("There were five Egyptian soldiers killed in Libya yesterday.", {("LBY", "EGY", "190")}),
    ("A roadside bombing near the town of Samarra killed two US soldiers.", {("IRQ", "USA", "183")}),
    # an attack named as the subject of a killing is one event with the attack's own attacker
    ("US air strikes killed ten militants.", {("USA", "---", "195")}),
    ("Sudanese rebels opened fire, killing ten Chadian soldiers.", {("SDN", "TCD", "190")}),
    ("Two farmers were killed in Turkish tank shelling near the border.", {("TUR", "---", "190")}),
    # wanting another party to act is an appeal to it; what is wanted is no event
    ("Germany wants Poland to attack Russia.", {("DEU", "POL", "020")}),
    # what a permission is for is no event of its own
    ("Chile said it would not give permission to Peru to help Bolivia.", {("CHL", "PER", "1245")}),
    # the condemned allegations name whom the condemnation is aimed at
    ("Spain condemned as false allegations by Morocco that it had mistreated migrants.",
     {("ESP", "MAR", "111")}),
    # rejecting an accusation denies responsibility (CAMEO 016), aimed at the accuser
    ("Ethiopia rejected accusations by the United States of ethnic cleansing.", {("ETH", "USA", "016")}),
    # what someone is accused of is not a second event
    ("Spain accused Morocco of making false accusations.", {("ESP", "MAR", "112")}),
    # several actors of a one-sided event are not each other's targets; joint ones are
    ("The United Kingdom and France have opposed the resolutions.", {("GBR", "---", "120"), ("FRA", "---", "120")}),
    ("Jordan and the United States began a new round of joint military exercises.",
     {("JOR", "USA", "062"), ("USA", "JOR", "062")}),
    # a promise to send help: intent to give aid (PLOVER AGREE)
    ("Norway said it will send a team to help identify the victims.", {("NOR", "---", "0333")}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "triples"), TRIPLES)
def test_events_triples_table(
    nlp: Language, cfg: Config, text: str, triples: set[tuple[str, str, str]]
) -> None:
    got = {t for e in _events(nlp, cfg, text) if not e.negated for t in event_triples(e)}
    assert got == triples


@pytest.mark.parametrize(
    "text",
    [
        "Militants shelled Mosul overnight, the Iraqi government said.",  # a trailing source
        "Iraqi state television said militants shelled Mosul overnight.",  # the media
        "Officials and witnesses said militants shelled Mosul overnight.",  # no named party
    ],
)
def test_events_reported_attack_without_accusation(nlp: Language, cfg: Config, text: str) -> None:
    cameos = [e.cameo for e in _events(nlp, cfg, text)]
    assert "194" in cameos and not any(c.startswith("11") for c in cameos)


def test_events_talks_during_a_visit_are_one_event_placed_by_the_visit(nlp: Language, cfg: Config) -> None:
    text = "The US commander in Iraq held talks with the Lebanese president during a visit to Beirut on Wednesday."
    consult = [e for e in _events(nlp, cfg, text) if e.event == "CONSULT"]
    assert len(consult) == 1
    e = consult[0]
    assert e.location is not None and e.location.country == "LBN"  # not Iraq, where he serves
    assert e.date is not None and e.date.isoformat() == "2018-10-03" and e.date_source == "text"


def test_events_prepositional_object_of_a_coded_verb_stays_an_event(nlp: Language, cfg: Config) -> None:
    text = "Russia closed its borders with Iran because of fighting between Azerbaijanis and Armenians."
    assert {"172", "190"} <= {e.cameo for e in _events(nlp, cfg, text)}


def test_events_reported_attack_keeps_its_own_parties(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "Turkey said a rocket was fired at it from Syria on Monday.")
    accuse = next(e for e in events if e.event == "ACCUSE")
    attack = next(e for e in events if e.event == "ASSAULT")
    assert _codes(accuse.actor) == {"TUR"} and _codes(accuse.recipient) == {"SYR"}
    assert attack.date is not None and attack.date.isoformat() == "2018-10-01"


# date resolution: expression, anchor -> (date, precision)
DATES = [
    ("on Sunday", date(2018, 10, 7), date(2018, 10, 7), "day"),
    ("Sunday's", date(2018, 10, 7), date(2018, 10, 7), "day"),
    ("on Wednesday", date(2018, 10, 7), date(2018, 10, 3), "day"),
    ("last month", date(2018, 10, 7), date(2018, 9, 1), "month"),
    ("last month", date(2018, 1, 15), date(2017, 12, 1), "month"),
    ("in April", date(2018, 10, 7), date(2018, 4, 1), "month"),
    ("since April", date(2018, 10, 7), date(2018, 4, 1), "month"),
    ("in November", date(2018, 10, 7), date(2017, 11, 1), "month"),
    ("June 12", date(2018, 10, 7), date(2018, 6, 12), "day"),
    ("the June 12", date(2018, 10, 7), date(2018, 6, 12), "day"),
    ("12 June 2016", date(2018, 10, 7), date(2016, 6, 12), "day"),
    ("Dec 30", date(2019, 1, 2), date(2018, 12, 30), "day"),
    ("yesterday", date(2018, 10, 7), date(2018, 10, 6), "day"),
    ("this morning", date(2018, 10, 7), date(2018, 10, 7), "day"),
    ("three years ago", date(2018, 10, 7), date(2015, 1, 1), "year"),
    ("15 months ago", date(2018, 10, 7), date(2017, 7, 1), "month"),
    ("in 2015", date(2018, 10, 7), date(2015, 1, 1), "year"),
    ("in May 2017", date(2018, 10, 7), date(2017, 5, 1), "month"),
    ("next Monday", date(2018, 10, 7), date(2018, 10, 8), "day"),
    ("2018-06-12", date(2018, 10, 7), date(2018, 6, 12), "day"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "anchor", "expected", "precision"), DATES)
def test_events_timex_table(text: str, anchor: date, expected: date, precision: str) -> None:
    found = resolve_timex(text, anchor=anchor)
    assert found is not None
    assert (found.date, found.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("in November", date(2018, 11, 1)), ("in March", date(2019, 3, 1)), ("on Friday", date(2018, 10, 12)),
     ("on Sunday", date(2018, 10, 7)), ("last Friday", date(2018, 10, 5))],
)  # fmt: skip
def test_events_timex_ahead_for_planned_events(text: str, expected: date) -> None:
    found = resolve_timex(text, anchor=date(2018, 10, 7), ahead=True)
    assert found is not None and found.date == expected


@pytest.mark.parametrize("text", ["may", "the talks", "several", ""])
def test_events_timex_rejects_non_dates(text: str) -> None:
    assert resolve_timex(text, anchor=date(2018, 10, 7)) is None


# sentence (published Sunday 2018-10-07) -> (CAMEO root, date, precision, source)
EVENT_DATES = [
    ("Turkey on Wednesday released the mayor of Azaz.", "08", "2018-10-03", "day", "text"),
    ("Trump called off the planned trip to North Korea last month.", "12", "2018-09-01", "month", "text"),
    ("US Secretary of State Mike Pompeo met Kim Jong-un in Pyongyang on Sunday.", "04", "2018-10-07", "day", "text"),
    ("Iran freed two British prisoners.", "08", "2018-10-07", "day", "published"),
    ("Egypt freed two Sudanese fishermen, officials said Wednesday.", "08", "2018-10-03", "day", "report"),
    # planned events: the coming weekday or month
    ("Obama and Putin will meet on Friday in Geneva.", "03", "2018-10-12", "day", "text"),
    ("Trump said he plans to visit Japan in November.", "03", "2018-11-01", "month", "text"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "root", "when", "precision", "source"), EVENT_DATES)
def test_events_dates_against_publication(
    nlp: Language, cfg: Config, text: str, root: str, when: str, precision: str, source: str
) -> None:
    e = next(e for e in _events(nlp, cfg, text) if e.cameo.startswith(root))
    assert e.date is not None
    assert (e.date.isoformat(), e.date_precision, e.date_source) == (when, precision, source)


def test_events_place_from_clause_is_geocoded(nlp: Language, cfg: Config) -> None:
    e = next(
        e
        for e in _events(
            nlp, cfg, "Mike Pompeo, the US Secretary of State, met Kim Jong-un in Pyongyang on Sunday."
        )
        if e.event == "CONSULT"
    )
    assert e.location is not None
    assert (e.location.place, e.location.country) == ("Pyongyang", "PRK")
    assert e.location.lat is not None and abs(e.location.lat - 39.03) < 0.1


@pytest.mark.parametrize(
    ("name", "country", "has_point"),
    [
        ("Seoul", "KOR", True),
        ("South Korea", "KOR", False),
        ("Singapore", "SGP", True),
        ("Alaska", "USA", False),
    ],
)
def test_events_geocode_table(name: str, country: str, has_point: bool) -> None:
    loc = geocode(name)
    assert loc is not None and loc.country == country
    assert (loc.lat is not None) is has_point


def test_events_geocode_unknown_is_none() -> None:
    assert geocode("Nowhereville-on-Sea") is None
    assert geocode("North") is None


def test_events_repeated_meeting_is_one_event(nlp: Language, cfg: Config) -> None:
    text = (
        "US Secretary of State Mike Pompeo met Kim Jong-un in Pyongyang on Sunday. "
        "The North Korean leader hosted Pompeo for lunch. "
        "Pompeo and Kim met for nearly four hours."
    )
    consult = [e for e in _events(nlp, cfg, text) if e.event == "CONSULT"]
    assert len(consult) == 1
    e = consult[0]
    assert e.evidence is not None and len(e.support) >= 1
    assert e.location is not None and e.location.place == "Pyongyang"


def test_events_ids_and_json_round_trip(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "Japan imposed sanctions on North Korea. Turkey released the mayor of Azaz.")
    assert [e.id for e in events] == [f"e{i}" for i in range(1, len(events) + 1)]
    for e in events:
        assert from_json(Event, to_json(e)) == e
        assert isinstance(e.evidence, Span)


@pytest.mark.parametrize(
    "text",
    [
        "The weather in Paris was mild and sunny on Sunday.",
        "The British chancellor said he would meet his fiscal rules.",
        "The business lobby warned that small firms would struggle.",
        "The French prime minister said it was a fight for the future of the country.",
        "The minister offered no details.",
        "The minister stormed out of the meeting.",
        "The firm released a statement on Monday.",
        "He asked about the weather.",
        "North Korea demonstrated that it could reach Guam.",
        "Analysts discussed the country's missile attack capability.",
        "The earthquake killed 300 people in Nepal.",
        "Ten people were killed in a fire in Lagos.",
        "The group introduced an alleged rebel leader in the summer.",
        "The French minister returned to Paris on Monday.",
        "Voters returned the Labour party to power in Britain.",
        "Heavy rains contributed to the decline of the harvest.",
        "The Nigerian government fought the Ebola epidemic in Lagos.",
        "The singer made a great contribution to the music of Chile.",
    ],
)
def test_events_no_event_sentence(nlp: Language, cfg: Config, text: str) -> None:
    assert [e.cameo for e in _events(nlp, cfg, text)] == []


def test_events_crosswalk_fixes_shifted_modes() -> None:
    lex = load_lexicon()
    assert (lex.codes["106"].event, lex.codes["106"].mode) == ("REQUEST", "yield")
    assert (lex.codes["042"].event, lex.codes["042"].mode, lex.codes["042"].quad) == ("CONSULT", "visit", 1)
    assert lex.codes["0841"].mode == "release" and lex.codes["0841"].goldstein == 7.0
    assert lex.codes["010"].event is None
    assert lex.codes["021"].event == "REQUEST"


def test_events_user_patterns_extend_the_lexicon(nlp: Language, cfg: Config, tmp_path: Path) -> None:
    extra = tmp_path / "mine.txt"
    extra.write_text("verb  snub  125\n", encoding="utf-8")
    lex = load_lexicon([extra])
    text = "Japan snubbed North Korea."
    document = Document(id="t", text=text, paragraphs=(Paragraph(0, len(text), "body"),), published=PUBLISHED)
    doc = nlp(text)
    mentions, actors = extract_actors(doc, document=document, cfg=cfg)
    events = extract_events(
        doc, document=document, mentions=mentions, actors=actors, quotes=(), cfg=cfg, lexicon=lex
    )
    assert [(e.cameo, e.event) for e in events] == [("125", "REJECT")]


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("verb snub 999\n", "unknown CAMEO code"),
        ("verb snub 125 colour=red\n", "unknown condition"),
        ("adverb x 120\n", "expected"),
    ],
)
def test_events_bad_pattern_file_raises(tmp_path: Path, line: str, why: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(line, encoding="utf-8")
    with pytest.raises(ConfigError, match=why) as info:
        load_lexicon([bad])
    assert info.value.code == "E204" and "bad.txt:1" in str(info.value)


# statements (CAMEO 01: no PLOVER type), appeals (02: REQUEST), considered options (014) and
# light-verb or phrasal constructions, with the code and a source country
CONSTRUCTIONS = [
    ("The Spanish foreign minister expressed deep concern about the fighting.", "012", None, "ESP"),
    ("The Dutch government voiced optimism about the negotiations.", "013", None, "NLD"),
    ("The Polish president sent a condolence message to the Czech prime minister.", "018", None, "POL"),
    ("The Danish government is considering the possibility of sending troops.", "014", None, "DNK"),
    ("The Swiss government is weighing sanctions against Belarus.", "014", None, "CHE"),
    ("Amnesty International issued a statement calling on the Peruvian government to free the activists.",
     "020", "REQUEST", "NGO"),
    ("The Afghan president issued a plea to the Taliban to stop fighting.", "020", "REQUEST", "AFG"),
    ("Austria opened its borders to Hungarian refugees.", "075", "AID", "AUT"),
    ("Norway made a contribution of 20 million dollars to the fund.", "071", "AID", "NOR"),
    ("Sweden lifted its boycott of Israeli goods.", "085", "RETREAT", "SWE"),
    ("The Belgian police returned the stolen statues to Greece.", "0842", "RETREAT", "BEL"),
    ("The Finnish ministry said it was skeptical about the plan.", "012", None, "FIN"),
    ("The Irish government is optimistic about the talks.", "013", None, "IRL"),
    ("The Turkish army seized two villages on the border.", "171", "COERCE", "TUR"),
    ("The Austrian government withdrew its peacekeepers from Lebanon.", "1661", "SANCTION", "AUT"),
    ("The Chadian government expelled the foreign aid workers.", "1663", "SANCTION", "TCD"),
    ("The Greek minister said he agreed with the Cypriot president that the plan was flawed.", "019", None, "GRC"),
    ("The Irish army is deploying 300 troops to the UN peacekeeping mission in Mali.", "074", "AID", "IRL"),
    ("The Indian army was guilty of violating the ceasefire agreement along the border.", "196", "ASSAULT", "IND"),
    ("The Serbian militia is responsible for mass killings in Bosnia.", "190", "ASSAULT", "SRB"),
    ("Vietnam contributed troops to the UN peacekeeping operation in Sudan.", "074", "AID", "VNM"),
    ("Iran broke off talks with the European Union.", "164", "SANCTION", "IRN"),
    ("The Ethiopian government set free 74 political prisoners.", "0841", "RETREAT", "ETH"),
    ("The Russian army pulled back its troops from the border.", "087", "RETREAT", "RUS"),
    ("The Turkish army laid siege to the Kurdish town.", "191", "COERCE", "TUR"),
    ("The Chinese government shut down the newspaper in Hong Kong.", "1721", "COERCE", "CHN"),
    ("Japan turned over the suspect to US authorities.", "063", "COOPERATE", "JPN"),
    ("The British government lodged a protest with the Chinese embassy.", "114", "ACCUSE", "GBR"),
    ("The Syrian rebels handed over three prisoners to the Red Cross.", "0841", "RETREAT", "SYR"),
    ("Colombian rebel leaders said they will release the Venezuelan soldiers.", "0353", "AGREE", "COL"),
    ("The Syrian army has ceased its military operations near Homs.", "087", "RETREAT", "SYR"),
    ("The Ethiopian government struck a deal with the United Nations.", "030", "AGREE", "ETH"),
    ("The European Union is mobilising additional funds for Colombia.", "071", "AID", "EUR"),
    ("The Colombian rebels agreed to lay down their arms.", "0356", "AGREE", "COL"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cameo", "event", "source"), CONSTRUCTIONS)
def test_events_constructions(
    nlp: Language, cfg: Config, text: str, cameo: str, event: str | None, source: str
) -> None:
    events = _events(nlp, cfg, text)
    match = [e for e in events if e.cameo == cameo]
    assert match, f"no {cameo} in {[(e.cameo, e.event) for e in events]}"
    assert match[0].event == event
    assert source in _codes(match[0].actor)


def test_events_considered_option_is_hypothetical(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "The Japanese government is considering sending aid to Nepal.")
    assert events and events[0].cameo == "014"
    aid = [e for e in events if e.event == "AID"]
    assert aid and all(e.hypothetical for e in aid)


def test_events_alleged_violence_is_the_allegation(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "The Dutch report alleged that the Belgian army helped carry out killings.")
    assert [e.cameo for e in events] == ["112"]


def test_events_agreeing_with_a_party_to_act_is_an_agreement(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "Germany agreed with France to hold talks on Monday.")
    assert [e.event for e in events] == ["AGREE"]


def test_events_named_group_claims_its_own_attack(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "The Taliban claimed that they had attacked the army base in Kandahar.")
    assert [e.cameo for e in events][:1] == ["015"]
    assert any(e.event == "ASSAULT" for e in events)


def test_events_a_groups_report_of_violence_is_no_accusation(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "Officials claimed that gunmen had attacked the school in Kano.")
    assert not [e for e in events if e.cameo.startswith("11")]


def test_events_coordinated_north_is_no_direction(nlp: Language, cfg: Config) -> None:
    """'the North' coordinated with a state is a party, so 'the US' after it is no place."""
    text = "Seoul said Kim and Pompeo had agreed to hold a second summit between the North and the US."
    agreed = [e for e in _events(nlp, cfg, text) if e.event == "AGREE"]
    assert agreed
    assert all(e.location is None or e.location.country != "USA" for e in agreed)


def test_events_arrival_wins_over_an_earlier_trip_for_where_the_actor_is(nlp: Language, cfg: Config) -> None:
    """'Arriving in Seoul after a trip to Japan': the actor's next unplaced event is in Seoul."""
    text = (
        "Arriving in Seoul after his second trip to Japan, Pompeo said the talks went well. "
        "Pompeo rejected the proposal."
    )
    rejected = [e for e in _events(nlp, cfg, text) if e.event == "REJECT"]
    assert rejected and rejected[0].location is not None
    assert (rejected[0].location.place, rejected[0].location.country) == ("Seoul", "KOR")


@pytest.mark.parametrize(
    ("text", "event", "cameo"),
    [
        ("Pakistan test-fired two ballistic missiles into the sea on Friday.", "MOBILIZE", "150"),
        ("Iran launched a long-range rocket over Iraq.", "MOBILIZE", "150"),
        ("Iran fired missiles at Iraqi warships.", "ASSAULT", "194"),
        ("Militants fired rockets into Israel, killing two soldiers.", "ASSAULT", "194"),
    ],
)
def test_events_a_missile_fired_at_no_one_is_a_show_of_force(
    nlp: Language, cfg: Config, text: str, event: str, cameo: str
) -> None:
    events = _events(nlp, cfg, text)
    assert [(e.event, e.cameo) for e in events] == [(event, cameo)]
    if event == "MOBILIZE":
        assert events[0].mode == "weapons"


def test_events_a_party_behind_a_non_party_word_is_shown_by_its_own_words(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "Japan called on all nations to take new measures against North Korea.")
    assert [p.text for e in events for p in e.recipient if p.code == "PRK"] == ["North Korea"]


def test_events_a_forecast_attack_is_no_threat_by_the_attacker(nlp: Language, cfg: Config) -> None:
    foretold = _events(nlp, cfg, "Germany said Russia will attack Ukraine.")
    assert [(e.event, e.hypothetical) for e in foretold] == [("ASSAULT", True)]
    announced = _events(nlp, cfg, "Iran said it will attack Israel.")
    assert [e.event for e in announced] == ["THREATEN"]


@pytest.mark.parametrize(
    "text",
    [
        "The French president asked how it was possible that the attacker breached security.",
        "Germany asked Poland whether it would attend the summit.",
        "The German newspaper released the biggest leak in its history.",
    ],
)
def test_events_questions_and_published_documents_are_no_events(
    nlp: Language, cfg: Config, text: str
) -> None:
    assert not [e for e in _events(nlp, cfg, text) if e.event in ("REQUEST", "RETREAT")]


def test_events_war_machines_that_arrive_are_deployed_weapons(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "Two Russian warships arrived in Havana on Monday.")
    assert [(e.event, e.cameo, e.mode) for e in events] == [("MOBILIZE", "154", "weapons")]


def test_events_a_person_named_before_a_noun_is_no_place(nlp: Language, cfg: Config) -> None:
    text = (
        "An American diplomat who led talks with North Korea during the Bush administration criticised Seoul."
    )
    events = _events(nlp, cfg, text)
    assert events and all(e.location is None or e.location.country != "EGY" for e in events)  # Būsh, Egypt


def test_events_a_standing_permission_is_no_event(nlp: Language, cfg: Config) -> None:
    assert not _events(nlp, cfg, "Under the deal, South Korea is allowed to build ballistic missiles.")


def test_events_no_longer_is_a_negation(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "The United States will no longer allow China to export steel.")
    assert events and all(e.event != "CONCEDE" for e in events)


def test_events_what_a_party_is_able_to_do_is_hypothetical(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "Iran has the ability to attack Israel.")
    assert [(e.event, e.hypothetical) for e in events] == [("ASSAULT", True)]


def test_events_a_partyless_mention_of_a_reported_happening_supports_it(nlp: Language, cfg: Config) -> None:
    text = (
        "Taliban militants attacked a police post in Kandahar on Saturday. "
        "The attack was the third this month. Officials counted the losses."
    )
    events = _events(nlp, cfg, text)
    assert [e.event for e in events] == ["ASSAULT"]
    assert [s.text for s in events[0].support] == ["The attack was the third this month."]


def test_events_civilians_killed_by_an_unnamed_attacker_are_of_the_place(nlp: Language, cfg: Config) -> None:
    events = _events(nlp, cfg, "A suicide bombing at a market in Baghdad killed 12 people on Monday.")
    assert [(e.event, _codes(e.actor), _codes(e.recipient)) for e in events] == [("ASSAULT", set(), {"IRQ"})]


@pytest.fixture(scope="module")
def petrarch_cfg(cfg: Config) -> Config:
    return cfg.model_copy(update={"event_convention": "petrarch"})


@pytest.mark.parametrize(
    ("text", "plover", "petrarch"),
    [
        # a future act: PLOVER's intent (AGREE), PETRARCH2's act (flagged hypothetical)
        ("Germany will supply arms to Ukraine.", {("DEU", "UKR", "0332")}, {("DEU", "UKR", "072")}),
        # an agreement to act: the same
        ("Chile has agreed to lift the sanctions on Peru.", {("CHL", "PER", "0354")}, {("CHL", "PER", "085")}),
        # a stated intent stays one in both
        ("Chile announced it would free 150 Peruvian prisoners.", {("CHL", "PER", "0353")}, {("CHL", "PER", "0353")}),
        # a party's report of violence: the accusation and the attack, or the accusation alone
        ("Turkey said a rocket was fired at it from Syria on Monday.",
         {("TUR", "SYR", "112"), ("SYR", "TUR", "194")}, {("TUR", "SYR", "112")}),
    ],
)  # fmt: skip
def test_events_petrarch_convention(
    nlp: Language,
    cfg: Config,
    petrarch_cfg: Config,
    text: str,
    plover: set[tuple[str, str, str]],
    petrarch: set[tuple[str, str, str]],
) -> None:
    for settings, want in ((cfg, plover), (petrarch_cfg, petrarch)):
        got = {t for e in run_events(nlp, settings, text, published=PUBLISHED) for t in event_triples(e)}
        assert got == want, settings.event_convention


def test_events_an_acronym_before_an_event_noun_is_its_party_not_a_town(nlp: Language, cfg: Config) -> None:
    events = _events(
        nlp, cfg, "Iran has issued a furious response after the UN sanctions on exports to Tehran."
    )
    sanctions = [e for e in events if e.event == "SANCTION"]
    assert sanctions and _codes(sanctions[0].actor) == {"UNO"}
    assert all(e.location is None or e.location.country != "IND" for e in events)  # Un, India
