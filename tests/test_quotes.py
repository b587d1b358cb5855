"""The quotes stage: quote marks, kinds, speakers, cues and addressees, on hand-written text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from dateline.config import load_config
from dateline.quotes import extract_quotes, find_segments, load_cues
from dateline.quotes.reader import mostly_inside
from dateline.records import Document, Mention, Paragraph, Quote

CFG = load_config(environ={})


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for chunk in text.split("\n\n"):
        out.append((pos, pos + len(chunk)))
        pos += len(chunk) + 2
    return out


def _document(text: str, roles: tuple[str, ...] = ()) -> Document:
    paras = [
        Paragraph(s, e, roles[i] if i < len(roles) else "body") for i, (s, e) in enumerate(_paragraphs(text))
    ]
    return Document(id="t", text=text, paragraphs=tuple(paras))


def _quotes(
    nlp: Language, text: str, *, roles: tuple[str, ...] = (), mentions: tuple[Mention, ...] = ()
) -> tuple[Quote, ...]:
    return extract_quotes(nlp(text), document=_document(text, roles), mentions=mentions, actors=(), cfg=CFG)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will win this vote,” she said.", ["We will win this vote,"]),
        ("‘We will win this vote,’ she said.", ["We will win this vote,"]),
        ('"We will win this vote," she said.', ["We will win this vote,"]),
        ("'We will win this vote,' she said.", ["We will win this vote,"]),
        ("«We will win this vote», she said.", ["We will win this vote"]),
        ("„We will win this vote“, she said.", ["We will win this vote"]),
        ("''We will win this vote,'' she said.", ["We will win this vote,"]),
        ("“He told me ‘no way’ twice,” she said.", ["He told me ‘no way’ twice,"]),
        ("The workers' union said it’s time to strike.", []),
        ("The states’ rights were ‘not negotiable’, he said.", ["not negotiable"]),
        ("‘The states’ rights matter,’ he said.", ["The states’ rights matter,"]),
        ("“We will win, he said. “It is done,” she said.", ["It is done,"]),
        ("He said “yes. And she said no.", []),
        ("Sales rose in the ’90s, and ‘boomed’ later.", ["boomed"]),
    ],
)
def test_quotes_segments_mark_styles(text: str, expected: list[str]) -> None:
    groups = find_segments(text, _paragraphs(text))
    assert [text[g[0][0] : g[-1][1]] for g in groups] == expected


def test_quotes_segments_run_over_paragraphs() -> None:
    text = "“The first part of it ends here.\n\n“The second part follows,” the mayor said."
    groups = find_segments(text, _paragraphs(text))
    assert len(groups) == 1
    assert [text[s:e] for s, e in groups[0]] == [
        "The first part of it ends here.",
        "The second part follows,",
    ]


def test_quotes_segments_unclosed_paragraph_without_reopening_is_dropped() -> None:
    text = "“The first part never closes.\n\nThe mayor spoke. “Later words,” she said."
    groups = find_segments(text, _paragraphs(text))
    assert [text[g[0][0] : g[-1][1]] for g in groups] == ["Later words,"]


@pytest.mark.parametrize(
    ("text", "kind", "speaker", "cue", "segments"),
    [
        ("“We will win the vote next week,” Smith said.", "direct", "Smith", "say", 1),
        ("Smith said: “We will win the vote next week.”", "direct", "Smith", "say", 1),
        ("“We will win the vote next week,” said Smith.", "direct", "Smith", "say", 1),
        ("The minister said the talks had been “very productive”.", "mixed", "The minister", "say", 1),
        (
            "The senator tweeted that the bill was “dead on arrival” in the House.",
            "mixed",
            "The senator",
            "tweet",
            1,
        ),
        ("The minister said that the talks would resume next week.", "indirect", "The minister", "say", 0),
        (
            "According to the ministry, the talks will resume next week in Geneva.",
            "indirect",
            "the ministry",
            "according to",
            0,
        ),
        (
            "The opposition accused the government of hiding the audit report.",
            "indirect",
            "The opposition",
            "accuse",
            0,
        ),
        ("The general warned that the ceasefire could collapse soon.", "indirect", "The general", "warn", 0),
        ("She insisted that the plan was entirely legal.", "indirect", "She", "insist", 0),
        ("The mayor added that the budget was balanced this year.", "indirect", "The mayor", "add", 0),
        (
            "The new budget, the mayor said, would cut taxes for every family.",
            "indirect",
            "the mayor",
            "say",
            0,
        ),
        (
            "The senator's claim that the vote was rigged drew sharp criticism.",
            "indirect",
            "The senator",
            "claim",
            0,
        ),
        (
            "Jane Doe: The council ‘failed every family’ in the city this year.",
            "mixed",
            "Jane Doe",
            None,
            1,
        ),
        (
            "The governor tweeted, “Thank you Ohio! We won big” on Friday night.",
            "direct",
            "The governor",
            "tweet",
            1,
        ),
    ],
)
def test_quotes_kinds_speakers_and_cues(
    nlp: Language, text: str, kind: str, speaker: str, cue: str | None, segments: int
) -> None:
    quotes = _quotes(nlp, text)
    assert quotes, text
    q = quotes[0]
    assert (q.kind, q.speaker.text if q.speaker else None, q.cue, len(q.segments)) == (
        kind,
        speaker,
        cue,
        segments,
    )


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        ("The governor told reporters that the bridge would reopen in May.", "reporters"),
        ("“It is a fine day for both countries,” Kim told Lee at the lunch.", "Lee"),
    ],
)
def test_quotes_addressee_named(nlp: Language, text: str, addressee: str) -> None:
    q = _quotes(nlp, text)[0]
    assert q.addressee is not None and q.addressee.text == addressee


def test_quotes_reply_is_addressed_to_previous_speaker(nlp: Language) -> None:
    text = (
        "“It is a fine day for both countries,” Kim told Lee at the lunch.\n\n"
        "“Yes, we had a very good visit this morning,” Lee replied."
    )
    quotes = _quotes(nlp, text)
    assert [q.speaker.text if q.speaker else None for q in quotes] == ["Kim", "Lee"]
    assert quotes[1].cue == "reply"
    assert quotes[1].addressee is not None and quotes[1].addressee.text == "Kim"


def test_quotes_continuation_takes_previous_speaker(nlp: Language) -> None:
    text = "“We have made progress,” the envoy said. “There is more work to do before the summit.”"
    quotes = _quotes(nlp, text)
    assert [(q.kind, q.speaker.text if q.speaker else None) for q in quotes] == [
        ("direct", "the envoy"),
        ("direct", "the envoy"),
    ]


def test_quotes_speaker_never_from_another_paragraph(nlp: Language) -> None:
    text = (
        "The coach wrote one line. ''Now you need rules for this? Pathetic.''\n\n"
        "''We are an open and welcoming club,'' the club said in a statement."
    )
    speakers = [q.speaker.text if q.speaker else None for q in _quotes(nlp, text)]
    assert speakers[-1] == "the club"


def test_quotes_multi_paragraph_quote_is_one_quote(nlp: Language) -> None:
    text = (
        "The mayor spoke at length about the budget.\n\n"
        "“We have balanced the books for the first time in a decade.\n\n"
        "“Next year we will cut taxes for every family in the city,” she said."
    )
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    assert quotes[0].kind == "direct" and len(quotes[0].segments) == 2
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "she"


def test_quotes_speaker_links_to_mention_actor(nlp: Language) -> None:
    text = "“We will win the vote next week,” Smith said."
    start = text.index("Smith")
    mention = Mention(start, start + 5, "Smith", actor="a1", label="PERSON")
    q = _quotes(nlp, text, mentions=(mention,))[0]
    assert q.speaker is not None and q.speaker.actor == "a1"


def test_quotes_headline_quote_linked_to_body_speaker(nlp: Language) -> None:
    text = (
        "‘Peace is within reach’: Lee hails talks in Seoul\n\n"
        "The president spoke after the meeting.\n\n"
        "“Peace is within reach, and we will get there together,” Lee said."
    )
    start = text.rindex("Lee")
    head = text.index("Lee")
    mentions = (
        Mention(head, head + 3, "Lee", actor="a1"),
        Mention(start, start + 3, "Lee", actor="a1"),
    )
    quotes = _quotes(nlp, text, roles=("headline", "body", "body"), mentions=mentions)
    headline = quotes[0]
    assert headline.text == "Peace is within reach"
    assert headline.speaker is not None
    assert (headline.speaker.actor, headline.speaker.start) == ("a1", head)


def test_quotes_ids_in_text_order_and_spans_slice(nlp: Language) -> None:
    text = (
        "The minister said that the talks would resume next week.\n\n"
        "“We are ready,” the envoy said. The opposition accused the minister of stalling."
    )
    quotes = _quotes(nlp, text)
    assert [q.id for q in quotes] == [f"q{i}" for i in range(1, len(quotes) + 1)]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for q in quotes:
        assert text[q.start : q.end] == q.text
        for seg in q.segments:
            assert text[seg.start : seg.end] == seg.text


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The senator said that he would offer a prayer but did not suggest a name.",
            "that he would offer a prayer",
        ),
        (
            "Police said people should stay home and follow instructions from officials.",
            "people should stay home and follow instructions from officials",
        ),
    ],
)
def test_quotes_indirect_content_bounds(nlp: Language, text: str, content: str) -> None:
    assert _quotes(nlp, text)[0].text == content


def test_quotes_mixed_quote_keeps_every_segment_of_its_clause(nlp: Language) -> None:
    text = (
        "The envoy tweeted that she and the minister had “useful talks” and that they "
        "“will keep working on the deal,” officials said."
    )
    mixed = [q for q in _quotes(nlp, text) if q.kind == "mixed"]
    assert len(mixed) == 1
    assert [s.text for s in mixed[0].segments] == ["useful talks", "will keep working on the deal,"]
    # a statement reported inside another is the outer source's (PolNeAR's convention)
    assert mixed[0].speaker is not None and mixed[0].speaker.text == "officials"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "A campaign operative decided to change course, a source said.",
            "to change course",
            "a source",
        ),
        (
            "Police said the mayor told reporters that she would resign.",
            "that she would resign",
            "Police",
        ),
    ],
)
def test_quotes_nested_statement_takes_the_outer_speaker(
    nlp: Language, text: str, content: str, speaker: str
) -> None:
    _assert_one_quote(nlp, text, content, speaker)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“He scares me. He cannot answer a question.” ― Sonya Herridge", "Sonya Herridge"),
        ("“We will build it again, and better.” — Maria Lopez, a nurse", "Maria Lopez"),
    ],
)
def test_quotes_dash_byline_signs_a_direct_quote(nlp: Language, text: str, speaker: str) -> None:
    direct = [q for q in _quotes(nlp, text) if q.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].speaker is not None and direct[0].speaker.text == speaker


def test_quotes_scare_quote_without_cue_is_not_a_quote(nlp: Language) -> None:
    assert _quotes(nlp, "The so-called “sharing economy” keeps growing in big cities.") == ()


def test_quotes_cue_table_loads() -> None:
    cues = load_cues()
    assert {"say", "tell", "accuse", "tweet", "warn", "add", "insist"} <= set(cues)
    assert cues["tell"].addressee and cues["reply"].reply


_ALPHABET = st.sampled_from([*"ab Ts.,:\n“”‘’\"'«»„", " said ", "\n\n", " he ", "Kim "])


@given(st.lists(_ALPHABET, max_size=60).map("".join))
@settings(max_examples=300, deadline=None)
def test_quotes_segments_never_raise_and_slice(text: str) -> None:
    for group in find_segments(text, _paragraphs(text)):
        for s, e in group:
            assert 0 <= s < e <= len(text)


@given(st.lists(_ALPHABET, max_size=40).map("".join))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_quotes_extract_never_raises_and_spans_slice(nlp: Language, text: str) -> None:
    for q in _quotes(nlp, text):
        assert text[q.start : q.end] == q.text
        for span in (*q.segments, q.speaker, q.addressee):
            if span is not None:
                assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Jeb Bush says he’s “excited where we stand” as he faces a critical test in the primary.",
            "he’s “excited where we stand”",
            "Jeb Bush",
        ),
        (
            "Trump said the deadlock has “kept us safe” before claiming that open borders are "
            "“tearing families apart.”",
            "that open borders are “tearing families apart.”",
            "Trump",
        ),
    ],
)
def test_quotes_content_stops_before_the_writers_frame(
    nlp: Language, text: str, content: str, speaker: str
) -> None:
    _assert_one_quote(nlp, text, content, speaker)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("When Rubio thanked Miami, a man yelled “Stay there!”", "direct"),
        ("The crowd chanted “Shame, shame!” as he spoke.", "direct"),
    ],
)
def test_quotes_short_exclamation_after_a_cue_is_direct(nlp: Language, text: str, kind: str) -> None:
    assert [q.kind for q in _quotes(nlp, text) if q.segments] == [kind]


def _assert_one_quote(
    nlp: Language, text: str, content: str, speaker: str, *, cue: str | None = None, kind: str | None = None
) -> None:
    """Exactly one quote has ``content``, and ``speaker`` says it (with ``cue``, of ``kind``,
    when given)."""
    quotes = _quotes(nlp, text)
    found = [q for q in quotes if q.text == content]
    assert len(found) == 1, [q.text for q in quotes]
    assert found[0].speaker is not None and found[0].speaker.text == speaker
    if cue is not None:
        assert found[0].cue == cue
    if kind is not None:
        assert found[0].kind == kind


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # an as-clause ahead of the clause it reports
        (
            "As the local paper reported, the mayor will resign at the end of the month.",
            "the mayor will resign at the end of the month.",
            "the local paper",
            "report",
        ),
        (
            "As the minister noted on Monday, the new port will open in the spring.",
            "the new port will open in the spring.",
            "the minister",
            "note",
        ),
        # nouns of saying with a that-clause or an infinitive, owned by a possessor or the
        # subject of the verb that takes them
        (
            "The agency issued a warning that the river could flood the lower town.",
            "that the river could flood the lower town",
            "The agency",
            "warning",
        ),
        (
            "Her promise to cut property taxes won loud applause in the hall.",
            "to cut property taxes",
            "Her",
            "promise",
        ),
        (
            "The union leader voiced doubts that the deal would survive the vote.",
            "that the deal would survive the vote",
            "The union leader",
            "doubt",
        ),
        # a second clause with its own speech verb is its own statement
        (
            "Most voters said the mayor is honest, and half said the same of her rival.",
            "the mayor is honest",
            "Most voters",
            "say",
        ),
        (
            "Most voters said the mayor is honest, and half said the same of her rival.",
            "the same of her rival",
            "half",
            "say",
        ),
        # the content stops before the next attribution and the writer's relative clause
        (
            "Voters said the economy matters most to them, according to an exit poll.",
            "the economy matters most to them",
            "an exit poll",  # the outer source (PolNeAR's convention for nested statements)
            "say",
        ),
        (
            "The senator criticised the new fuel tax, which took effect in May.",
            "the new fuel tax",
            "The senator",
            "criticise",
        ),
        # cues of stance and action on a proposition
        (
            "The company has offered to pay for the repairs to the school roof.",
            "to pay for the repairs to the school roof",
            "The company",
            "offer",
        ),
        (
            "The court ruled that the new map broke the state constitution.",
            "that the new map broke the state constitution",
            "The court",
            "rule",
        ),
    ],
)
def test_quotes_reported_constructions(
    nlp: Language, text: str, content: str, speaker: str, cue: str
) -> None:
    _assert_one_quote(nlp, text, content, speaker, cue=cue, kind="indirect")


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        (
            "The governor seems unlikely to sign the budget before the summer recess.",
            "The governor seems unlikely to sign the budget before the summer recess",
            "seem",
        ),
        (
            "It appears that the talks between the two unions have stalled again.",
            "that the talks between the two unions have stalled again",
            "appear",
        ),
        (
            "There are fears that the old bridge will close for most of next year.",
            "that the old bridge will close for most of next year",
            "fear",
        ),
    ],
)
def test_quotes_stance_without_a_source(nlp: Language, text: str, content: str, cue: str) -> None:
    """The writer's judgement ("X seems ...") and sourceless fears are attributions with no speaker."""
    quotes = _quotes(nlp, text)
    assert [(q.kind, q.text, q.cue, q.speaker) for q in quotes] == [("indirect", content, cue, None)]


def test_quotes_direct_quote_ending_in_a_nested_quote(nlp: Language) -> None:
    text = (
        "“The plan is what they call ‘a bridge too far,’” Jane Ruiz, a planner at the city "
        "office, told the council."
    )
    quotes = _quotes(nlp, text)
    assert [(q.kind, q.speaker.text if q.speaker else None) for q in quotes] == [("direct", "Jane Ruiz")]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # a participle describing its noun's stance: the noun is the source
        (
            "A group supporting the new dam spent heavily on radio ads this spring.",
            "the new dam",
            "A group",
            "support",
        ),
        # "for" + infinitive after a cue that takes "for"
        (
            "The mayor called for the state to pay for the new bridge.",
            "the state to pay for the new bridge",
            "The mayor",
            "call",
        ),
        # a passive cue with a predicate: the whole clause, on behalf of the "by" phrase
        (
            "The old mill, seen by many residents as an eyesore, will be torn down.",
            "The old mill, seen by many residents as an eyesore",
            "many residents",
            "see",
        ),
        (
            "The minister remarked on the strong growth in exports this year.",
            "the strong growth in exports",
            "The minister",
            "remark",
        ),
    ],
)
def test_quotes_stance_constructions(nlp: Language, text: str, content: str, speaker: str, cue: str) -> None:
    _assert_one_quote(nlp, text, content, speaker, cue=cue)


def test_quotes_passive_expectation_has_no_source(nlp: Language) -> None:
    text = "The new bridge is expected to open before the end of the year."
    assert [(q.text, q.cue, q.speaker) for q in _quotes(nlp, text)] == [
        ("The new bridge is expected to open before the end of the year", "expect", None)
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a participle clause after the main clause is the subject's own act, not a frame
        "The shop stayed open late, noting strong demand from tourists.",
        # "continued to" takes an infinitive: not a parenthetical "..., she continued"
        "Prices kept rising as traders continued to hoard grain in the port.",
    ],
)
def test_quotes_no_parenthetical_for_verbs_with_complements(nlp: Language, text: str) -> None:
    head_clause = text.split(",")[0].split(" as ")[0]
    assert all(not q.text.startswith(head_clause) for q in _quotes(nlp, text))


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "In a new poll, the mayor leads her rival by ten points.",
            "the mayor leads her rival by ten points",
            "a new poll",
            "in",
        ),
        (
            "According to a survey out Thursday, most drivers want lower fuel taxes.",
            "most drivers want lower fuel taxes",
            "a survey",
            "according to",
        ),
        # a gerund clause the parse hangs on the verb as its complement
        (
            "Local farmers, like their neighbours, say taxing diesel hurts small growers.",
            "taxing diesel hurts small growers",
            "Local farmers",
            "say",
        ),
        (
            "Experts see the vote as a test of the new law.",
            "the vote as a test of the new law",
            "Experts",
            "see",
        ),
        # a modal conjunct is still what was reported
        (
            "The governor warned that the plan would raise taxes and would hurt farmers.",
            "that the plan would raise taxes and would hurt farmers",
            "The governor",
            "warn",
        ),
    ],
)
def test_quotes_sources_and_complements(
    nlp: Language, text: str, content: str, speaker: str, cue: str
) -> None:
    _assert_one_quote(nlp, text, content, speaker, cue=cue)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Asked about the delay, the mayor blamed the weather.", "the delay"),
        ("The minister was asked about the budget during the hearing.", "the budget"),
    ],
)
def test_quotes_passive_question_names_no_speaker(nlp: Language, text: str, content: str) -> None:
    """Whoever was asked is not the speaker; the asker is not named."""
    found = [q for q in _quotes(nlp, text) if q.cue == "ask"]
    assert [(q.text, q.speaker) for q in found] == [(content, None)]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # the occasion after the quoted label is not what was said
        (
            "The senator criticised the farm bill as a “total mess” during a visit to Ohio.",
            "the farm bill as a “total mess”",
            "The senator",
            "criticise",
        ),
        (
            "The board rated the new school as “excellent” in its annual report.",
            "the new school as “excellent”",
            "The board",
            "rate",
        ),
    ],
)
def test_quotes_mixed_object_and_label(
    nlp: Language, text: str, content: str, speaker: str, cue: str
) -> None:
    quotes = _quotes(nlp, text)
    assert [(q.kind, q.text, q.speaker.text if q.speaker else None, q.cue) for q in quotes] == [
        ("mixed", content, speaker, cue)
    ]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "Senator Jane Smith Endorses Mayor Lee For Governor",
            "Mayor Lee For Governor",
            "Senator Jane Smith",
            "endorse",
        ),
        (
            "Donald Trump Tweets A Wildly Inaccurate Graphic About Crime",
            "A Wildly Inaccurate Graphic About Crime",
            "Donald Trump",
            "tweet",
        ),
    ],
)
def test_quotes_title_case_headline(nlp: Language, text: str, content: str, speaker: str, cue: str) -> None:
    """A headline verb the parser reads as part of a name still cues what follows it."""
    quotes = _quotes(nlp, text, roles=("headline",))
    assert [(q.text, q.speaker.text if q.speaker else None, q.cue) for q in quotes] == [
        (content, speaker, cue)
    ]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "Activists point to a number of factors behind the protests.",
            "a number of factors behind the protests",
            "Activists",
            "point",
        ),
        (
            "The governor cast the vote as a test of the new law.",
            "the vote as a test of the new law",
            "The governor",
            "cast",
        ),
        # a noun of stance names its target, even a single name
        ("His repeated attacks on Jenkins drew criticism from both parties.", "Jenkins", "His", "attack"),
        ("Thousands cast a vote for Lopez in the first round.", "Lopez", "Thousands", "vote"),
        (
            "The mayor voiced her concerns about the budget at the meeting.",
            "the budget",
            "The mayor",
            "concern",
        ),
        # spaCy's small model lemmatises "hoping" as "hop"
        (
            "The candidate is hoping to win the vote in his home state.",
            "to win the vote in his home state",
            "The candidate",
            "hope",
        ),
    ],
)
def test_quotes_stance_targets(nlp: Language, text: str, content: str, speaker: str, cue: str) -> None:
    _assert_one_quote(nlp, text, content, speaker, cue=cue)


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # a conjoined verb on the content's own auxiliary is still what was said
        (
            "The council said it would review the budget and look into the contracts.",
            "it would review the budget and look into the contracts",
            "The council",
            "say",
        ),
        (
            "Critics say the council is wasting money and ignoring the schools.",
            "the council is wasting money and ignoring the schools",
            "Critics",
            "say",
        ),
        # a list after a comma is not the writer's aside
        (
            "He said he and Trump differ on Israel, the nuclear deal and the choice of judges.",
            "he and Trump differ on Israel, the nuclear deal and the choice of judges",
            "He",
            "say",
        ),
        # an infinitive the parse hung as an adverbial clause after a time phrase
        (
            "The governor sought on Friday to calm fears about the new dam.",
            "to calm fears about the new dam",
            "The governor",
            "seek",
        ),
        # "by ..." after the object is how it was done, not what was said
        (
            "The mayor dismissed the charges by pointing out that the audit was clean.",
            "the charges",
            "The mayor",
            "dismiss",
        ),
        # a second that-clause joined to the cue
        (
            "Both leaders think the talks went well, but that more work is needed.",
            "the talks went well, but that more work is needed",
            "Both leaders",
            "think",
        ),
        # what a poll shows; nouns of stance and mention with their prepositions
        (
            "A new poll shows the mayor with a narrow lead over her rival.",
            "the mayor with a narrow lead over her rival",
            "A new poll",
            "show",
        ),
        ("He spoke in support of the new stadium.", "the new stadium", "He", "support"),
        ("The senator made no mention of the tax plan.", "the tax plan", "The senator", "mention"),
        # verbs of saying with a topic
        ("The candidate joked about moving to the coast.", "moving to the coast", "The candidate", "joke"),
        # a yes-no question the parse hung as an adverbial clause
        (
            "HuffPost asked the senator if he has been preparing for the presidency.",
            "if he has been preparing for the presidency",
            "HuffPost",
            "ask",
        ),
        # a noun of stance in apposition is the stance of the one it renames
        (
            "The issue matters most to Adelson, a fierce supporter of the new stadium.",
            "the new stadium",
            "Adelson",
            "supporter",
        ),
    ],
)
def test_quotes_content_extent_and_topics(
    nlp: Language, text: str, content: str, speaker: str, cue: str
) -> None:
    _assert_one_quote(nlp, text, content, speaker, cue=cue, kind="indirect")


@pytest.mark.parametrize(
    "text",
    [
        "The judge looked at the two lawyers.",  # looking at someone is no statement
        "The governor is seeking the nomination again.",  # seeking an office is no stance
        "He cut his spending in order to remain a viable candidate.",  # a purpose, not an order
    ],
)
def test_quotes_acts_that_are_not_statements(nlp: Language, text: str) -> None:
    assert [q.text for q in _quotes(nlp, text)] == []


def test_quotes_object_stops_before_according_to(nlp: Language) -> None:
    quotes = _quotes(nlp, "The mayor criticized the budget according to two aides.")
    assert [(q.cue, q.text) for q in quotes if q.cue == "criticize"] == [("criticize", "the budget")]


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([(0, 10)], True),  # 8 of the 10 letters
        ([(0, 9)], False),  # 7 of 10
        ([(0, 6), (2, 9)], False),  # overlapping spans: each letter counts once (7 of 10)
        ([(11, 13), (0, 4), (6, 10)], True),  # in any order
        ([], False),
    ],
)
def test_quotes_mostly_inside_counts_letters_and_digits(spans: list[tuple[int, int]], expected: bool) -> None:
    text = "abcd, efgh ij"
    assert mostly_inside(text, 0, len(text), spans) is expected
