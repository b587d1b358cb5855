"""Detection and coding: the words a lexicon pattern names become draft events with their parties
and mood; background, descriptions and accusation contents are skipped; reported violence,
claims of responsibility, wishes and "must" requests."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ..eventroles import (
    PLACE_ENTS,
    SUBJ,
    Party,
    Reader,
    children,
    conjuncts,
    is_town,
    match_pattern,
    np_text,
    objects,
    preps,
    speech_clause,
    speech_verb,
    subject,
)
from ..geo import geocode
from ..lexicon import Lexicon, Pattern
from .defaults import troops
from .draft import EXPULSIONS, FORCE_ROOTS, VIOLENT_ROOTS, Draft, convert
from .mood import COND_AUX, FUTURE_AUX, aux_words, conditional, in_purpose, negated, potential


def _with_modifiers(toks: list[Token]) -> set[str]:
    """The lemmas of words and of their compound and adjective modifiers ("a gas cylinder")."""
    out: set[str] = set()
    for t in toks:
        out.add(t.lemma_.lower())
        out.update(c.lemma_.lower() for c in t.children if c.dep_ in ("compound", "amod", "nmod"))
    return out


def _blast_mishap(tok: Token, lex: Lexicon) -> bool:
    """Whether an explosion word (set ``explosion``) names no attack: something that explodes by
    accident (set ``mishap``: "a gas explosion", "the boiler exploded", "a blast at a chemical
    plant"), or a figure of speech ("tensions exploded", "an explosion of anger", "the alarm went
    off"). A weapon that explodes (set ``explosive``: "a bomb exploded", "a car bomb blast") or
    a party that sets something off ("the IRA detonated 20 bombs") makes it an attack."""
    lemma = tok.lemma_.lower()
    verbal = tok.pos_ in ("VERB", "AUX")
    rows = (lex.verbs if verbal else lex.nouns).get(lemma)
    if lemma not in lex.word_set("explosion") or not rows:
        return False
    pattern = match_pattern(rows, tok, verb=verbal)  # "went off", not "went home"
    if pattern is None or pattern.code[:2] not in VIOLENT_ROOTS:
        return False
    subj = subject(tok)[0] if verbal else []  # "the bombs began to explode": the bombs
    if any(t.lower_ in ("it", "they", "which", "that") for t in subj):
        return False  # "they exploded at one a minute": what "they" are is not known here
    if any(c.dep_ == "poss" and c.lower_ in ("his", "her", "my", "your", "our") for c in tok.children):
        return True  # "his blast landed in the bleachers": a person's blast is a figure of speech
    if tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() == "have":
        return True  # "he is going to have a blast"
    objs = objects(tok)
    of = [p for _l, p in preps(tok, ("of",))]
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    # what explodes is the head word ("a rocket engine exploded" is an engine's explosion)
    heads = {t.lemma_.lower() for t in subj + objs + of}
    if (heads | mods) & lex.word_set("explosive"):
        return False
    where = [p for _l, p in preps(tok, ("at", "in", "inside", "near", "on"))]
    if (_with_modifiers(subj + objs + of + where) | mods) & lex.word_set("mishap"):
        return True
    if verbal:
        # intransitive, with no weapon as its subject: "tensions exploded", "the alarm went off"
        return not objs and not children(tok, "nsubjpass")
    return bool(of)  # "an explosion of anger", "a blast of cold air"


def _accident(tok: Token, lex: Lexicon) -> bool:
    """Whether a killing is the work of an accident or a disaster ("caused the aircraft to crash,
    killing ten", "the earthquake killed 300", "killed in a gas explosion"), not of an
    attacker."""
    words = lex.word_set("accident")

    def mishap(t: Token) -> bool:
        return t.lemma_.lower() in words or _blast_mishap(t, lex)

    heads = [tok] + ([tok.head] if tok.dep_ in ("advcl", "conj", "xcomp") else [])
    for h in heads:
        if h is not tok and mishap(h):
            return True
        if any(mishap(s) for s in h.children if s.dep_ in ("nsubj", "nsubjpass")):
            return True
        if any(mishap(p) for _l, p in preps(h, ("in", "by", "after"))):
            return True
    if tok.tag_ == "VBG" and tok.dep_ == "advcl" and not children(tok, SUBJ):
        # "... caused the aircraft to crash in woods, killing ten": a consequence of the crash
        return any(t.lemma_.lower() in words - {"fire"} for t in tok.sent if t.i < tok.i)
    return False


#: sectors of private people and of armed or criminal men with no office: their trips, calls and
#: conversations are no diplomacy ("a gunman arrived in Lyon", "a woman telephoned the police")
_PRIVATE_SECTORS = frozenset({"CVL", "UNK", "UAF", "CRM"})


def _private(p: Party, *, uncoded: bool) -> bool:
    """A party that holds no office: a civilian, an unnamed man or woman, a gunman or a criminal;
    with ``uncoded``, also a name the actors stage could code neither by country nor by sector
    (the small model labels many surnames as organisations, so an uncoded name is read as a
    person's)."""
    if p.sector in _PRIVATE_SECTORS:
        return True
    return uncoded and p.code is None and p.sector is None and p.kind in ("person", None)


def _private_consult(code: str, sources: list[Party], targets: list[Party]) -> bool:
    """A consultation that is none (CAMEO 04 is diplomacy): the trip of someone with no office
    ("McVeigh arrived in Junction City", 042) or phone call ("phoned the anti-terror hotline",
    "a woman telephoned the police", 041), a conversation of such a person with no one named
    ("our conversation"), or one among private people only (040)."""
    if code[:2] != "04" or not sources:
        return False
    if code in ("041", "042"):
        return all(_private(p, uncoded=True) for p in sources)
    if not targets and all(_private(p, uncoded=True) for p in sources):
        return True  # "I told him about our conversation"
    return all(_private(p, uncoded=False) for p in sources + targets)


def _participle_complement(tok: Token, pattern: Pattern, lex: Lexicon) -> Pattern:
    """ "ordered the man held", "ordered the newspaper closed": the small model reads what is
    ordered as a participle describing the object; it is the verb's complement, and a verb row
    with that complement (``comp=``) is the better match."""
    if pattern.kind != "verb" or pattern.comp is not None:
        return pattern
    states = {
        c.lemma_.lower() for o in objects(tok) for c in o.children if c.dep_ == "acl" and c.tag_ == "VBN"
    }
    if not states:
        return pattern
    for row in lex.verbs.get(tok.lemma_.lower(), ()):
        if row.comp is not None and row.comp & states and row.code != "-" and row.obj is None:
            return row
    return pattern


def _noun_infinitive(tok: Token, found: dict[int, tuple[Token, Pattern]]) -> bool:
    """ "now is the time to annihilate the aggressors", "the right to protest": an infinitive
    that describes a noun names what may be done, not what was done (the purpose of an event,
    "a rally to protest the law", is no such description)."""
    return (
        tok.dep_ in ("acl", "relcl")
        and tok.head.pos_ == "NOUN"
        and tok.head.i not in found
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def _looming(tok: Token, lex: Lexicon) -> bool:
    """ "war between Pyongyang and the US continued to loom": an event named as the subject of
    a verb of expectation (set ``hypo``), or of a verb whose complement is one, is still to come."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    hypo = lex.word_set("hypo")
    verb = tok.head
    return verb.lemma_.lower() in hypo or any(
        x.lemma_.lower() in hypo for x in verb.children if x.dep_ == "xcomp"
    )


def _existential(tok: Token) -> bool:
    """ "There were ten soldiers killed in Ukraine": a participle on the noun a "there is" introduces
    is the news of the sentence, not a description."""
    noun = tok.head
    be = noun.head
    return (
        tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and noun.dep_ in ("attr", "nsubj")
        and be.lemma_ == "be"
        and any(c.dep_ == "expl" for c in be.children)
    )


def _background(tok: Token, found: dict[int, tuple[Token, Pattern]], lex: Lexicon) -> bool:
    """Verbs that only give the background or the reason of another event.

    "jailed for helping militants" (a gerund after a preposition), "the mayor, jailed a year
    ago" (a participle describing a noun), "bombarded the city, killing eight", "held talks, offering
    support" (a participle that goes with another event).
    """
    if tok.dep_ == "pcomp":
        if _temporal_gerund(tok):
            return False  # "carried the bombs to the street before detonating them": a step of the news
        return _blamed(tok) is None
    if tok.lemma_ == "warn":  # "warned that small firms would suffer" is no threat
        complement = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
        return not any(t.i in found for c in complement for t in c.subtree)
    if (
        tok.dep_ == "relcl"
        and not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and _issuer(tok, lex) is None
    ):
        return True  # "the group that has seized parts of Iraq": a description, not the news
    if tok.lemma_ in ("help", "assist") and not any(c.dep_ in ("dobj", "dative") for c in tok.children):
        return True  # "helped to plan the killings": not aid
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return not _existential(tok)
    if tok.dep_ == "amod" and tok.head.dep_ != "conj":
        return True  # "an alleged Boko Haram leader", "wounded soldiers": a description
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.i in found


def _temporal_gerund(tok: Token) -> bool:
    """ "before detonating them", "after accusing the agency": a gerund that tells what its
    clause's subject did before or after, not the reason or the manner of the clause's act."""
    gov = tok.head.head
    return (
        tok.dep_ == "pcomp"
        and tok.tag_ == "VBG"
        and tok.head.lower_ in ("before", "after", "upon")
        and gov.pos_ in ("VERB", "AUX")
        and gov is not tok.head
    )


def _to_do(tok: Token) -> bool:
    """Whether a verb has a clause of what is to be done ("obliged them to vote")."""
    return any(
        c.dep_ in ("xcomp", "ccomp")
        or (c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
        for c in tok.children
    )


_BLAME_ADJS = frozenset({"guilty", "responsible", "culpable"})


def _blamed(tok: Token) -> Token | None:
    """The clause that blames its subject for an event: "X was guilty of violating the truce",
    "X is responsible for mass killings" (the event, with X as its actor, is asserted)."""
    prep = tok.head
    adj = prep.head
    if (
        tok.dep_ in ("pcomp", "pobj")
        and prep.lower_ in ("of", "for")
        and adj.lemma_.lower() in _BLAME_ADJS
        and adj.dep_ in ("acomp", "amod")
    ):
        return adj.head if adj.dep_ == "acomp" else None
    return None


def _stance(tok: Token, lex: Lexicon) -> Pattern | None:
    """An adjective row ("said it is skeptical of", "is optimistic about"): a predicate adjective
    of "be" whose subject is a party that holds the stance."""
    if tok.pos_ != "ADJ" or tok.dep_ != "acomp" or tok.head.lemma_ not in ("be", "remain"):
        return None
    rows = lex.adjs.get(tok.lemma_.lower()) or lex.adjs.get(tok.lower_)
    return match_pattern(rows, tok, verb=False) if rows else None


def _stance_holder(tok: Token, reader: Reader) -> list[Party]:
    """Who holds a stance: the subject of "be", or for "it"/"we"/"they" in a reported clause,
    the speaker ("The ministry said it was skeptical")."""
    be = tok.head
    return _reported_speaker(be, reader) or reader.parties(subject(be)[0])


_SPEAKER_PRONOUNS = frozenset({"it", "they", "we"})


def _reported_speaker(verb: Token, reader: Reader) -> list[Party]:
    """The speaker that "it"/"they"/"we" stands for as the subject of a reported clause ("The
    ELN said it would release ...", "Rebel leaders said they will lay down their arms")."""
    subj = subject(verb)[0]
    if not subj or subj[0].lower_ not in _SPEAKER_PRONOUNS or not speech_clause(verb, reader.lex):
        return []
    speaker = verb
    while speaker.dep_ in ("ccomp", "parataxis", "conj") and speaker.head is not speaker:
        speaker = speaker.head
        if speaker.lemma_ in reader.lex.word_set("speech"):
            return reader.parties(subject(speaker)[0])
    return []


def _issuer(tok: Token, lex: Lexicon) -> Token | None:
    """The verb that issued the document a clause describes: "issued a statement calling on X
    to ...", "in a report that urges ...", "sent a letter asking ..." (the issuer's subject is
    the actor of the appeal)."""
    noun = tok.head
    if tok.dep_ not in ("acl", "relcl") or noun.lemma_.lower() not in lex.word_set("document"):
        return None
    gov = noun.head
    if noun.dep_ == "pobj" and gov.dep_ == "prep":
        gov = gov.head
    elif noun.dep_ not in ("dobj", "obj"):
        return None
    return gov if gov.pos_ in ("VERB", "AUX") and gov is not noun else None


def _event_word(tok: Token, lex: Lexicon) -> bool:
    """Whether a word names a peaceful event ("talks", "the meeting"); an attack may stand for
    its attacker ("US drone strikes killed ...")."""
    if tok.pos_ != "NOUN":
        return False
    rows = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_) or ()
    return bool(rows) and all(p.code[:2] not in FORCE_ROOTS and p.code[:2] != "14" for p in rows)


def _accusation_content(tok: Token, found: dict[int, tuple[Token, Pattern]]) -> bool:
    """A noun inside what someone is accused of ("accused Rwanda of making accusations", "by
    alleging ...", "alleged that X carried out killings") is the content of the accusation, not a
    second event."""
    t = tok
    for _ in range(6):
        if t.head is t:
            return False
        if t.dep_ == "pcomp" and t.head.lower_ in ("of", "by", "for"):
            gov = t.head.head
            return gov.i in found and found[gov.i][1].code[:2] == "11"
        if t.dep_ == "ccomp" and t.head.i in found and found[t.head.i][1].code[:2] == "11":
            return True  # "alleged that the army helped carry out killings"
        t = t.head
    return False


_WH = frozenset({"whether", "if", "how", "why", "what", "when", "where", "who", "which"})


def _question(tok: Token) -> bool:
    """ "asked how it was possible", "asked him whether he would resign": a question asked,
    not an appeal (an appeal asks someone *to* do something or *for* something)."""
    if tok.lemma_.lower() not in ("ask", "wonder", "question", "inquire"):
        return False
    for c in tok.children:
        if c.dep_ in ("ccomp", "advcl") and (
            any(m.dep_ == "mark" and m.lower_ in _WH for m in c.children) or c.left_edge.lower_ in _WH
        ):
            return True
    return tok.lemma_.lower() == "ask" and not any(
        c.dep_ in ("dobj", "obj", "dative", "xcomp", "ccomp", "prep") for c in tok.children
    )  # "the question people will be asking"


def read_drafts(doc: Doc, reader: Reader) -> dict[int, Draft]:
    lex = reader.lex
    found: dict[int, tuple[Token, Pattern]] = {}
    for tok in doc:
        pattern = reader.match(tok) or _stance(tok, lex)
        if pattern is not None:
            found[tok.i] = (tok, _participle_complement(tok, pattern, lex))
    # nouns that a verb pattern consumed as its object ("impose sanctions", "arrange a summit")
    for tok, pattern in list(found.values()):
        if pattern.kind == "verb" and pattern.obj is not None:
            for c in tok.children:
                if c.dep_ in ("dobj", "obj", "nsubjpass", "attr") or c.dep_ == "prep":
                    for o in [c] if c.dep_ != "prep" else [p for p in c.children if p.dep_ == "pobj"]:
                        for x in conjuncts(o):
                            if (
                                x.i in found
                                and found[x.i][1].kind == "noun"
                                and bool({x.lemma_.lower(), x.lower_} & pattern.obj)
                            ):
                                del found[x.i]
    drafts: dict[int, Draft] = {}
    for i, (tok, pattern) in found.items():
        code = pattern.code
        if code == "019" and (
            children(tok, "xcomp") or any(p.lower_ in ("on", "to") for p in children(tok, "prep"))
        ):
            code = "030"  # "agreed with Iran to hold talks / on a ceasefire": an agreement, not accord
        verbal = pattern.kind == "verb"
        if verbal and _background(tok, found, lex):
            head = drafts.get(tok.head.i)
            if (
                tok.dep_ == "advcl"
                and head is not None
                and not head.recipients
                and (head.root == code[:2] or {head.root, code[:2]} <= VIOLENT_ROOTS)
            ):
                # "opened fire, killing ten soldiers", "a bomb exploded, killing two guards": whom
                keys = {p.key for p in head.actors}
                head.recipients = [p for p in reader.parties(objects(tok)) if p.key not in keys]
            continue
        if verbal and code[:2] in VIOLENT_ROOTS and _accident(tok, lex):
            continue
        if code[:2] in VIOLENT_ROOTS and _blast_mishap(tok, lex):
            continue  # "a gas explosion", "tensions exploded": no attack
        if verbal and code[:2] == "02" and _question(tok):
            continue  # "he asked how it was possible", "asked whether China would investigate"
        if (
            verbal
            and tok.lemma_.lower() in ("allow", "permit")
            and children(tok, "auxpass")
            and not preps(tok, ("by",))
        ):
            continue  # "South Korea is allowed to build missiles under the deal": a standing permission
        if not verbal and _accusation_content(tok, found):
            continue
        if not verbal and tok.dep_ == "compound":
            continue  # "the attack capability", "arrest warrants": a modifier, not an event
        if pattern.kind == "adj":
            sources, targets = _stance_holder(tok, reader), []
        elif verbal and _existential(tok):  # a reduced passive: the noun is the patient
            sources = reader.parties([p for _l, p in preps(tok, ("by",))])
            targets = reader.parties([tok.head])
        elif verbal:
            sources, targets = reader.verb_roles(tok, pattern)
            if _temporal_gerund(tok):
                # "carried the bombs to the street before detonating them": the carrier detonates
                sources = reader.parties(subject(tok.head.head)[0]) or sources
            issuer = _issuer(tok, lex) if not sources else None
            if issuer is not None:
                sources = reader.parties(subject(issuer)[0])
            if not sources and code[:2] not in VIOLENT_ROOTS and code[:2] != "17":
                sources = _reported_speaker(tok, reader)  # "the ELN said it will release ..."
            if not sources and (code[:2] in VIOLENT_ROOTS or code in EXPULSIONS):
                sources = _passive_attacker(tok, reader)
        else:
            sources, targets = reader.noun_roles(tok, pattern)
        blamer = _blamed(tok) if not sources else None
        if blamer is not None:  # "X was guilty of violating ...", "X is responsible for killings"
            sources = reader.parties(subject(blamer)[0])
        # an event word is no actor ("after talks there with Japan's prime minister during which
        # he pledged ... would coordinate", mis-read with "talks" as the subject of "coordinate")
        subj_toks = subject(tok)[0] if verbal and not children(tok, "auxpass") else []
        if any(_event_word(t, lex) for t in subj_toks):
            sources = []
        elif (
            subj_toks
            and subj_toks[0].i in found
            and found[subj_toks[0].i][1].kind == "noun"
            and {code[:2], found[subj_toks[0].i][1].code[:2]} <= VIOLENT_ROOTS
            and subj_toks[0].lemma_.lower() not in lex.word_set("explosion")
        ):
            # "US air strikes killed ten militants", "the Nice attack killed 86": the attack's own
            # attacker (none for a place), not the attack read as a party. An explosion, like the
            # bomb that makes it, names no attacker of its own: the killing keeps its subject's.
            attack = subj_toks[0]
            sources = reader.noun_roles(attack, found[attack.i][1])[0] or (
                [] if any(is_town(m) for m in attack.subtree if m.i != attack.i) else sources
            )
        if verbal and not targets and code[:2] == "17" and pattern.comp is not None:
            # "the judge ordered Matanov held": whom the ordered clause is about
            targets = reader.parties(
                [
                    s
                    for c in tok.children
                    if c.dep_ in ("ccomp", "xcomp")
                    for s in children(c, SUBJ | {"nsubjpass"})
                ]
            )
        if _private_consult(code, sources, targets):
            continue
        if (
            code[:2] == "19"
            and tok.lemma_.lower() in ("raid", "operation")
            and sources
            and all(p.sector == "COP" for p in sources)
        ):
            code = "171"  # "police launched raids in east London": searches (COERCE seize), no fighting
        if code[:2] == "14" and tok.lemma_.lower() == "march" and sources and all(troops(p) for p in sources):
            # "German troops marched into Paris": an army on the march occupies (192) or deploys
            # (154); it does not protest
            code = "192" if preps(tok, ("into",)) else "154"
        if (
            verbal
            and tok.lemma_.lower() in lex.word_set("explosion")
            and not objects(tok)
            and any(t.pos_ == "PRON" for t in subject(tok)[0])
        ):
            sources = []  # "it exploded after officers took it inside": what explodes is no actor
        if not verbal and code[:2] in VIOLENT_ROOTS and targets:
            # "the battle for Teixeira": who or what is fought for is no victim ("the battle for
            # Mosul" is fought there)
            prizes = [
                (p.left_edge.idx, p.right_edge.idx + len(p.right_edge))
                for _l, p in preps(tok, ("for",))
                if p.ent_type_ not in PLACE_ENTS
            ]
            targets = [t for t in targets if not any(a <= t.start < b for a, b in prizes)]
        # a party on both sides is reciprocal, not a target of itself
        keys = {p.key for p in sources}
        targets = [p for p in targets if p.key not in keys]
        if verbal and tok.lemma_.lower() in lex.word_set("to_do") and not _to_do(tok):
            continue  # "the team obliged the crowd": only "obliged them to vote" coerces
        if not targets and tok.lemma_.lower() in lex.word_set("to_party"):
            continue  # "how they would fund their spending commitments": paid to no party, no aid
        sent = tok.sent
        d = Draft(
            trigger=tok,
            code=code,
            event=pattern.event,
            mode=pattern.mode,
            actors=sources,
            recipients=targets,
            verbal=verbal,
            sentence=(sent.start_char, sent.end_char),
            in_quote=reader.ctx.tok_quote[tok.i] >= 0,
            base=code,
        )
        d.negated = negated(tok) or (pattern.kind == "adj" and negated(tok.head))
        up = tok
        for _ in range(2):
            if up.dep_ not in ("acl", "relcl", "xcomp", "dobj", "obj"):
                break
            up = up.head
            if up.pos_ in ("VERB", "AUX") and negated(up) and up.i not in found:
                d.negated = True
                break
        if verbal:
            aux = aux_words(tok)
            speech = speech_verb(tok, lex)
            if (
                aux & FUTURE_AUX
                or (speech is not None and "would" in aux)
                or (aux & {"can", "ca"} and d.negated)
            ):
                d.hypothetical = True  # "cannot accept more refugees": a refusal, like "will not"
                d.future = True
                d.forecast = speech is not None and speech.i < tok.i and _forecast(speech, sources, reader)
            elif (
                aux & COND_AUX
                or conditional(tok)
                or in_purpose(tok)
                or potential(tok)
                or _noun_infinitive(tok, found)
            ):
                d.hypothetical = True
        else:
            mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}
            if mods & lex.word_set("hypo_mod") or _looming(tok, lex):
                d.hypothetical = True
        drafts[i] = d
    _must_requests(doc, reader, drafts)
    _suggestions(doc, reader, drafts)
    _wishes(reader, drafts)
    return drafts


def _force_word(tok: Token, reader: Reader) -> bool:
    """Whether a word names an attack ("shelling", "air strike", "fire")."""
    if tok.pos_ not in ("NOUN", "VERB"):
        return False
    table = reader.lex.nouns if tok.pos_ == "NOUN" else reader.lex.verbs
    rows = table.get(tok.lemma_.lower()) or table.get(tok.lower_) or ()
    return any(p.code[:2] in VIOLENT_ROOTS for p in rows) or tok.lemma_.lower() in ("fire", "shelling")


def _passive_attacker(tok: Token, reader: Reader) -> list[Party]:
    """The attacker of a passive attack with no ``by`` agent, when the clause names it otherwise.

    "a mortar bomb was fired at it from the Gaza Strip": the place it came from ("expelled from
    North Korea": the state that expels); "killed in
    Israeli tank shelling" (read by the small model as "in Israeli tank" + "shelling"): the
    country modifying the weapon.
    """
    _subj, passive = subject(tok)
    if not (passive or any(c.dep_ == "auxpass" for c in tok.children)):
        return []
    for _l, p in preps(tok, ("from",)):
        if p.ent_type_ in PLACE_ENTS:
            loc = geocode(np_text(p)[0].removeprefix("the "))
            if loc is not None and loc.country:
                return [Party(None, loc.country, None, np_text(p)[0], p.idx, "place")]
    doc = tok.doc
    for _l, p in preps(tok, ("in", "by")):
        after = doc[p.i + 1] if p.i + 1 < len(doc) else None
        if after is None or not _force_word(after, reader) or p.pos_ != "NOUN":
            continue
        mods = [c for c in p.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")]
        found = [x for x in reader.parties(mods) if x.code]
        if found:
            return found
    return []


def _forecast(speech: Token, actors: list[Party], reader: Reader) -> bool:
    """Whether a future event is another party's forecast ("Tillerson said North Korea will
    attack Japan"), not the speaker's own announcement ("Iran said it will attack"): both sides
    are coded and share no party or country. A forecast attack is no threat by the attacker."""
    who, passive = subject(speech)
    speakers = [] if passive else [p for p in reader.parties(who) if p.code]
    doers = [p for p in actors if p.code]
    if not speakers or not doers:
        return False
    return not (
        {p.key for p in speakers} & {p.key for p in doers}
        or {p.code for p in speakers} & {p.code for p in doers}
    )


def _named(p: Party) -> bool:
    """Whether a party is named ("the Taliban", "Houthi rebels"), not described ("gunmen")."""
    return any(w[:1].isupper() for w in p.text.split() if w.lower() != "the")


def reported_violence(drafts: dict[int, Draft], reader: Reader) -> None:
    """A party's own report of violence is news of its own (the PETRARCH and CAMEO reading).

    "Israel said a mortar bomb was fired at it from the Gaza Strip", "the US claimed that ISIL had
    attacked Iraq": the speaker accuses the attacker (CAMEO 112); "the US claimed that they had
    attacked Iraq": it claims responsibility (CAMEO 015). Only a fronted report by a party ("X
    said Y attacked Z"), not a trailing source ("Y attacked Z, X said") or the media's report.
    The reported attack itself stays an event.
    """
    lex = reader.lex
    accusing = lex.word_set("accuse_speech")
    owning = lex.word_set("claim_own")
    media = lex.word_set("media")
    for d in sorted(drafts.values(), key=lambda d: d.trigger.i):
        if d.root not in VIOLENT_ROOTS or d.negated or d.hypothetical or not d.verbal:
            continue
        clause = d.trigger
        while clause.dep_ == "conj" and clause.head is not clause:
            clause = clause.head
        gov = clause.head
        lemma = gov.lemma_.lower()
        if (
            clause.dep_ != "ccomp"
            or gov.i > d.trigger.i
            or gov.i in drafts
            or lemma not in accusing | owning
            or negated(gov)
            or any(c.dep_ == "aux" and c.lower_ in COND_AUX | FUTURE_AUX for c in clause.children)
        ):
            continue
        who, passive = subject(gov)
        speakers = [
            p for p in (reader.parties(who) if not passive else [])
            if (p.code or p.actor) and p.kind not in ("place", None)
            and (p.kind != "group" or (lemma in owning and _named(p)))
            and not set(p.text.lower().split()) & media
        ]  # fmt: skip  # a named party, not "officials and witnesses" or the media; a named armed
        # group may claim its own attacks ("the Taliban claimed that they had attacked ...")
        if not speakers:
            continue
        keys = {p.key for p in speakers}
        own = {p.code for p in speakers if p.code}
        doers = [p for p in d.actors if p.key not in keys and not (p.code and p.code in own)]
        if doers and any(p.kind == "group" for p in speakers):
            continue  # a group's report of another's violence is no accusation ("officials said")
        if doers:
            code, recipients = "112", [replace(p) for p in doers]
        elif d.actors and lemma in owning:
            code, recipients = "015", [replace(p) for p in d.recipients]
        else:
            continue
        drafts[gov.i] = _governing_draft(gov, code, speakers, recipients, reader)


def _governing_draft(
    gov: Token,
    code: str,
    actors: list[Party],
    recipients: list[Party],
    reader: Reader,
    *,
    is_negated: bool = False,
) -> Draft:
    """A draft for the verb that governs another event's clause (the report, wish or demand)."""
    sent = gov.sent
    return Draft(
        trigger=gov,
        code=code,
        event=None,
        mode=None,
        actors=actors,
        recipients=recipients,
        negated=is_negated,
        sentence=(sent.start_char, sent.end_char),
        in_quote=reader.ctx.tok_quote[gov.i] >= 0,
        base=code,
    )


def claimed_attacks(drafts: dict[int, Draft]) -> list[tuple[Draft, Draft]]:
    """ "al-Shabab claimed responsibility for the attack on a mall in Kenya": whoever claims an
    attack is its attacker, and the claim is aimed at the attack's victims (else the country
    where it happened, as PETRARCH codes a claim)."""
    out: list[tuple[Draft, Draft]] = []
    for d in drafts.values():
        if d.code != "015":
            continue
        for o in objects(d.trigger):
            for _l, p in preps(o, ("for",)):
                attack = drafts.get(p.i)
                if attack is None or attack.root not in VIOLENT_ROOTS:
                    continue
                if not attack.actors:
                    attack.actors = [replace(x) for x in d.actors]
                out.append((d, attack))
    return out


_TO_APPEAL = {"04": "026", "05": "022", "06": "021", "07": "023", "08": "025", "045": "028"}


def _wishes(reader: Reader, drafts: dict[int, Draft]) -> None:
    """ "Obama wants Putin to attack Switzerland": wanting another party to act is an appeal to
    it (CAMEO 02, PLOVER REQUEST); what is wanted is not an event (yet)."""
    wish = reader.lex.word_set("wish")
    for d in sorted(drafts.values(), key=lambda d: d.trigger.i):
        tok = d.trigger
        gov = tok.head
        if (
            not d.verbal
            or tok.dep_ not in ("ccomp", "xcomp")
            or gov.lemma_.lower() not in wish
            or gov.i in drafts
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            continue
        doer = children(tok, SUBJ) or (objects(gov) if tok.dep_ == "xcomp" else [])
        who, passive = subject(gov)
        if not doer or passive or not who:
            continue
        wanters = reader.parties(who)
        keys = {p.key for p in wanters}
        asked = [p for p in reader.parties(doer) if p.key not in keys]
        if not wanters or not asked:
            continue
        d.absorbed = True
        code = convert(_TO_APPEAL, d.code, "020")
        drafts[gov.i] = _governing_draft(gov, code, wanters, asked, reader, is_negated=negated(gov))


def _must_requests(doc: Doc, reader: Reader, drafts: dict[int, Draft]) -> None:
    """ "Russia said Sudan must return the helicopter": a demand by the speaker (PLOVER REQUEST)."""
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("ccomp", "acl", "relcl"):
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children):
            continue
        gov = tok.head
        if gov.pos_ in ("NOUN", "PROPN"):
            gov = gov.head
        if gov is tok or gov.pos_ not in ("VERB", "AUX") or gov.i in drafts:
            continue
        who, passive = subject(gov)
        if passive or not who:
            continue
        sources = reader.parties(who)
        targets = reader.parties(children(tok, SUBJ))
        if not sources or not targets:
            continue
        if tok.i in drafts:
            drafts[tok.i].absorbed = True
        recipients = [p for p in targets if p.key not in {q.key for q in sources}]
        drafts[gov.i] = _governing_draft(gov, "100", sources, recipients, reader)


_SUGGEST = frozenset({"suggest", "propose"})


def _suggestions(doc: Doc, reader: Reader, drafts: dict[int, Draft]) -> None:
    """ "Blair suggested that she get into the commodities market", "Russia proposed that Iran
    should halt enrichment": suggesting that another party do something appeals to it (CAMEO 02
    takes suggestions). Only a subjunctive or "should" complement: "suggested that an apology
    could open old wounds" is an opinion."""
    for tok in doc:
        if tok.lemma_.lower() not in _SUGGEST or tok.pos_ != "VERB" or tok.i in drafts:
            continue
        who, passive = subject(tok)
        if passive or not who:
            continue
        for c in tok.children:
            if c.dep_ != "ccomp" or c.pos_ not in ("VERB", "AUX"):
                continue
            aux = aux_words(c)
            if not ((c.tag_ == "VB" and not aux) or aux == {"should"}):
                continue
            sources = reader.parties(who)
            keys = {p.key for p in sources}
            targets = [p for p in reader.parties(children(c, SUBJ)) if p.key not in keys]
            if not sources or not targets:
                continue
            if c.i in drafts:
                drafts[c.i].absorbed = True  # what is suggested is no event yet
            drafts[tok.i] = _governing_draft(tok, "020", sources, targets, reader, is_negated=negated(tok))
            break
