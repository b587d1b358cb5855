"""The actors stage: coding descriptions, the dated KB, and in-document coreference."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from spacy.language import Language

from dateline.actors import extract_actors, resolve
from dateline.config import Config
from dateline.kb import KnowledgeBase, Role, import_kb, load_kb
from dateline.records import Document


@pytest.mark.parametrize(
    ("text", "when", "expected"),
    [
        ("Britain's Defense Ministry", date(2018, 10, 7), ("GBR", "GOV")),
        ("the US Secretary of State", date(2018, 10, 7), ("USA", "GOV")),
        ("North Korean leader", date(2018, 10, 7), ("PRK", "GOV")),
        ("One US official", date(2018, 10, 7), ("USA", "GOV")),
        ("South Korea's presidential office", date(2018, 10, 7), ("KOR", "GOV")),
        ("Pakistani Army", date(2020, 1, 1), ("PAK", "MIL")),
        ("Kyiv police", date(2022, 1, 1), ("UKR", "COP")),
        ("United Nations Security Council", date(2020, 1, 1), ("UNO", None)),
        ("the European Union", date(2020, 1, 1), ("EUR", None)),
        ("NATO", date(2020, 1, 1), ("IGO", "MIL")),
        ("Pyongyang", date(2018, 10, 7), ("PRK", "GOV")),
        ("Abkhazia", date(2020, 1, 1), ("GEO", "PRE")),
        ("Trump", date(2018, 10, 7), ("USA", "GOV")),
        ("Trump", date(2022, 4, 1), ("USA", "ELI")),
        ("Angela Merkel", date(2017, 4, 1), ("DEU", "GOV")),
        ("Uhuru Kenyatta", date(2023, 6, 1), ("KEN", "ELI")),
        ("Kim Jong Un", date(2018, 10, 7), ("PRK", "GOV")),
        ("Kim Jong-un", date(2018, 10, 7), ("PRK", "GOV")),
        ("a former White House official", date(2020, 1, 1), ("USA", "ELI")),
        ("Canadian Ambassador to the United Nations", date(2020, 1, 1), ("CAN", "GOV")),
        ("Mugabe", date(2000, 1, 1), ("ZWE", "GOV")),
        ("Habyarimana", date(2000, 1, 1), ("RWA", "ELI")),
        ("President Mitterrand", date(1990, 1, 1), ("FRA", "GOV")),
        ("Jose Eduardo dos Santos", date(2005, 1, 1), ("AGO", "GOV")),
        ("EC foreign ministers", date(1991, 1, 1), ("EUR", "GOV")),
        ("European Community", date(1991, 1, 1), ("EUR", None)),
        ("UN mediator", date(1991, 1, 1), ("UNO", "GOV")),
        ("Kremlin-backed separatists", date(2015, 1, 1), (None, "REB")),
        ("Pompeo", date(2018, 10, 7), ("USA", "GOV")),
        ("Pompeo", date(2017, 6, 1), ("USA", "SPY")),
        ("the Somali militant group linked to Al Qaeda", date(2015, 1, 1), ("SOM", "REB")),
        # a province after a role's "of" places the role (ISO 3166-2 provinces)
        ("the government of Balochistan province", date(2010, 1, 1), ("PAK", "GOV")),
        ("the governor of Helmand", date(2010, 1, 1), ("AFG", "GOV")),
        # an ethnic group is coded by where it lives, not by its demonym
        ("ethnic Hungarians", date(2010, 1, 1), (None, "CVL")),
        ("ethnic Hungarians in Slovakia", date(2010, 1, 1), ("SVK", "CVL")),
        ("the Hungarians of southern Romania", date(2010, 1, 1), ("ROU", None)),
        # a stance is not a nationality
        ("anti-Iran protesters", date(2010, 1, 1), (None, "OPP")),
        # a person the KB knows only from a later office is of that country all the same;
        # the title in the text gives the sector
        ("Vice-President Moody Awori", date(2000, 1, 1), ("KEN", "GOV")),
        ("Moody Awori", date(2000, 1, 1), ("KEN", "ELI")),
        # a doubled or single letter where the KB has the other
        ("Francois Mitterand", date(1990, 1, 1), ("FRA", "GOV")),
        # "al-Thani": each part of a hyphenated name keeps its own capital
        ("Hamad bin Khalifa al-Thani", date(2005, 1, 1), ("QAT", "GOV")),
        # a religious title is no office: no minister's surname after it
        ("Imam Khan", date(2020, 1, 1), (None, "REL")),
        # a curated organisation is no person the KB lists under the same name
        ("the Palestinian Authority", date(2020, 1, 1), ("PSE", "GOV")),
        # a few months before a snapshot's guessed start is in office
        ("Heiko Maas", date(2015, 3, 1), ("DEU", "GOV")),
        # a CIA-style name with two surnames is also found by the first ("Nicolas MADURO Moros"),
        # and an alias ("President Maduro") by the terms of the name it stands for
        ("Nicolas Maduro", date(2018, 10, 7), ("VEN", "GOV")),
        ("President Maduro", date(2018, 10, 7), ("VEN", "GOV")),
        ("Maduro", date(2018, 10, 7), ("VEN", "GOV")),
        # transliteration variants: y for i, a doubled letter ("Zelensky"/"Zelenskyy",
        # "Sergei Shoigu"/"Sergey Shoygu"), a given name's other spelling ("Benjamin"/"Benyamin")
        ("Zelensky", date(2023, 6, 1), ("UKR", "GOV")),
        ("Sergei Shoigu", date(2020, 1, 1), ("RUS", "GOV")),
        ("Benjamin Netanyahu", date(2023, 6, 1), ("ISR", "GOV")),
        # a head of state's two-letter family name
        ("President Xi", date(2018, 10, 7), ("CHN", "GOV")),
        # curated armed groups of the news, with their countries
        ("Houthi rebels", date(2023, 6, 1), ("YEM", "REB")),
        ("the Pakistani Taliban", date(2023, 6, 1), ("PAK", "REB")),
        # leaders of a community are of its sector
        ("Hindu leaders in India", date(2020, 1, 1), ("IND", "REL")),
        # former names of states: the ISO state that continues them
        ("Kampuchean guerrillas", date(1985, 1, 1), ("KHM", "REB")),
        ("Soviet troops", date(1985, 1, 1), ("RUS", "MIL")),
        # a place in a state that did not exist yet belongs to the state it was part of
        ("Juba", date(2005, 1, 1), ("SDN", None)),
        ("Juba", date(2015, 1, 1), ("SSD", "GOV")),
    ],
)
def test_actors_resolve_codes_descriptions(
    cfg: Config, text: str, when: date, expected: tuple[str | None, str | None]
) -> None:
    actor = resolve(text, when=when, cfg=cfg)
    assert actor is not None
    assert (actor.code, actor.sector) == expected


@pytest.mark.parametrize(
    "text",
    [
        "puppies",
        "Marcus Beam",
        "was, expected",
        "the Council",  # a body's word is no one's surname
        "Christian Democrats",  # not the US Democrats: a party of a name many share
        "Iraqi Kurdistan Democratic Party",
    ],
)
def test_actors_resolve_returns_none_for_non_actors(cfg: Config, text: str) -> None:
    assert resolve(text, when=date(2023, 6, 1), cfg=cfg) is None


SENTENCES = [
    (
        "US Secretary of State Mike Pompeo met North Korean leader Kim Jong-un in Pyongyang. "
        "Pompeo said he had good talks with Kim.",
        {
            "Pompeo": ("Mike Pompeo", "USA", "GOV"),
            "Kim": ("Kim Jong-un", "PRK", "GOV"),
            "he": ("Mike Pompeo", "USA", "GOV"),
        },
    ),
    (
        "South Korea's President Moon Jae-in welcomed the talks. Moon said the North would open its sites.",
        {"Moon": ("Moon Jae-in", "KOR", "GOV")},
    ),
    (
        "White House national security adviser John Bolton and chief of staff John Kelly "
        "were briefed. Bolton said nothing.",
        {"Bolton": ("John Bolton", "USA", "GOV"), "Kelly": ("John Kelly", "USA", "GOV")},
    ),
    (
        "One US official said the meeting was better than the last time.",
        {"One US official": ("One US official", "USA", "GOV")},
    ),
    (
        "North Korea wants a deal. The North has accused Washington of making gangster-like demands.",
        {"North": ("North Korea", "PRK", "GOV"), "Washington": ("Washington", "USA", "GOV")},
    ),
    (
        "South Korea's presidential office later said that talks would resume.",
        {"South Korea's presidential office": ("South Korea's presidential office", "KOR", "GOV")},
    ),
    (
        "Mike Pompeo landed in Seoul. The US Secretary of State said the talks went well.",
        {"The US Secretary of State": ("Mike Pompeo", "USA", "GOV")},
    ),
    ("Sri Lanka opened an embassy in Oslo on Monday.", {"Sri Lanka": ("Sri Lanka", "LKA", None)}),
    ("Bosnian Serbs rejected the peace plan on Monday.", {"Bosnian Serbs": ("Bosnian Serbs", "BIH", None)}),
    ("The Netherlands said its soldiers would leave.", {"its soldiers": ("its soldiers", "NLD", "MIL")}),
    # "<title> <name> of <country>": the title's country, over a namesake in the KB
    ("King Hassan of Morocco said he would host the talks.", {"Hassan": ("Hassan", "MAR", "GOV")}),
    # everyday short names of states are the states, not regions of them
    ("Britain said it would expel two diplomats.", {"Britain": ("Britain", "GBR", None)}),
    ("America will not sign the treaty, an aide said.", {"America": ("America", "USA", None)}),
    ("Kosovo asked the court to rule on the border.", {"Kosovo": ("Kosovo", "XKX", None)}),
    # a group the model takes for a person's name is the group the KB knows
    ("Boko Haram said on Monday it had freed the girls.", {"Boko Haram": ("Boko Haram", "NGA", "REB")}),
    # a hyphenated title in front of a name is the title, over a past office in the KB
    (
        "UN Secretary-General Antonio Guterres condemned the launch.",
        {"Antonio Guterres": ("Antonio Guterres", "UNO", "GOV")},
    ),
    # a known leader coordinated after another country's leader keeps his own country
    ("Russian leader Vladimir Putin and President Xi met on Monday.", {"Xi": ("Xi", "CHN", "GOV")}),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_actors_extract_links_and_codes(
    nlp: Language, cfg: Config, text: str, expected: dict[str, tuple[str, str, str]]
) -> None:
    document = Document(id="t", text=text, published=datetime(2018, 10, 7, tzinfo=UTC))
    mentions, actors = extract_actors(nlp(text), document=document, cfg=cfg)
    by_id = {a.id: a for a in actors}
    for m in mentions:
        assert text[m.start : m.end] == m.text
    for surface, (name, code, sector) in expected.items():
        linked = [by_id[m.actor] for m in mentions if m.text.endswith(surface) and m.actor]
        assert linked, surface
        assert {(a.name, a.code, a.sector) for a in linked} == {(name, code, sector)}


def test_actors_ids_follow_first_mention(nlp: Language, cfg: Config) -> None:
    text = "Kim met Mike Pompeo. Pompeo thanked Kim Jong-un."
    document = Document(id="t", text=text, published=datetime(2018, 10, 7))
    mentions, actors = extract_actors(nlp(text), document=document, cfg=cfg)
    assert [a.id for a in actors] == [f"a{n}" for n in range(1, len(actors) + 1)]
    assert mentions[0].actor == "a1"
    assert actors[0].name == "Kim Jong-un"


def test_actors_local_kb_takes_precedence(tmp_path: Path, cfg: Config) -> None:
    user = tmp_path / "mine.tsv"
    user.write_text(
        "name\taliases\tcode\tsector\tkind\ttitle\tstart\tend\n"
        "Zorba Quillfeather\tQuillfeather\tGRC\tMIL\tperson\tGeneral\t2010-01-01\t\n",
        encoding="utf-8",
    )
    out = tmp_path / "kb.sqlite"
    counts = import_kb([user], out=out)
    assert counts == {"mine.tsv": 3}
    kb = load_kb(out, dictionaries=())
    actor = resolve("Zorba Quillfeather", when=date(2020, 1, 1), cfg=cfg, kb=kb)
    assert actor is not None and (actor.code, actor.sector) == ("GRC", "MIL")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["Britain's Defense Ministry", "--date", "2018-10-07"], {"code": "GBR", "sector": "GOV"}),
        (["Trump", "--date", "2018-10-07"], {"code": "USA", "sector": "GOV", "kind": "person"}),
        (["Trump", "--date", "2022-04-01"], {"code": "USA", "sector": "ELI"}),
    ],
)
def test_actors_cli_resolve_prints_json(args: list[str], expected: dict[str, str]) -> None:
    import json

    from click.testing import CliRunner

    from dateline.cli import main

    result = CliRunner().invoke(main, ["resolve", *args])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {k: data[k] for k in expected} == expected
    assert set(data) >= {"name", "code", "sector", "kind"}


def test_actors_cli_resolve_bad_date_is_usage_error() -> None:
    from click.testing import CliRunner

    from dateline.cli import main

    result = CliRunner().invoke(main, ["resolve", "Trump", "--date", "2018-13-01"])
    assert result.exit_code == 2
    assert "2018-13-01" in result.output


def test_actors_cli_kb_import_builds_and_rejects(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dateline.cli import main

    good = tmp_path / "mine.yaml"
    good.write_text("- {name: Zorba Quillfeather, code: GRC, sector: MIL, kind: person}\n", encoding="utf-8")
    out = tmp_path / "kb.sqlite"
    result = CliRunner().invoke(main, ["kb", "import", str(good), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file()
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["kb", "import", str(bad), "--output", str(out)])
    assert result.exit_code == 1
    assert "E130" in result.output


def test_actors_user_dictionary_overrides_packaged(tmp_path: Path, cfg: Config) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "- {name: Donald Trump, aliases: [Trump], code: USA, sector: BUS, kind: person,"
        " start: 2000-01-01, end: 2030-01-01}\n"
        "- {name: Blue Lantern Front, aliases: [BLF], code: PHL, sector: REB, kind: group}\n",
        encoding="utf-8",
    )
    kb = load_kb(tmp_path / "none.sqlite", dictionaries=[mine])
    trump = resolve("Donald Trump", when=date(2018, 10, 7), cfg=cfg, kb=kb)
    assert trump is not None and (trump.code, trump.sector) == ("USA", "BUS")
    group = resolve("BLF", when=date(2018, 10, 7), cfg=cfg, kb=kb)
    assert group is not None and (group.code, group.sector) == ("PHL", "REB")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Pompeo spent several hours in Pyongyang on Sunday.", "Pyongyang"),
        ("The talks were held in Seoul.", "Seoul"),
    ],
)
def test_actors_capital_as_location_is_no_actor(nlp: Language, cfg: Config, text: str, surface: str) -> None:
    document = Document(id="t", text=text, published=datetime(2018, 10, 7))
    mentions, _actors = extract_actors(nlp(text), document=document, cfg=cfg)
    assert surface not in {m.text for m in mentions}


@pytest.mark.parametrize(
    ("word", "expected"),
    [("office", True), ("minister", True), ("officials", False), ("presidential", False), ("", False)],
)
def test_actors_kb_knows_the_last_words_of_longer_roles(word: str, expected: bool) -> None:
    roles = {
        "presidential office": Role("GOV", "org", 2),
        "prime minister": Role("GOV", "person", 3),
        "officials": Role("GOV", "group", 1),
    }
    assert KnowledgeBase(roles=roles).ends_a_longer_role(word) is expected
