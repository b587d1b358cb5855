"""``Reader``: the parties of one token (a mention, a pronoun, a description, a place), and
the sources and recipients of a verb or noun event."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..geo import geocode
from ..kb import historical_code
from ..lexicon import Pattern
from .parties import Context, Party, own
from .syntax import (
    FIRST,
    MALE_FEMALE,
    MEMBER_NOUNS,
    NON_STATES,
    NONSTATE_SECTORS,
    PARTY_PREPS,
    PASS_SUBJ,
    PLACE_ENTS,
    PLACE_KINDS,
    PLACE_WORDS_BEFORE,
    RECIPROCAL_ROOTS,
    SECOND,
    STATIVE_PASSIVES,
    SUBJ,
    TARGET_PREPS,
    THIRD_NONPERSON,
    agent_clauses,
    children,
    conjuncts,
    ent_text,
    governor,
    infinitival,
    infinitive_chain,
    is_town,
    match_pattern,
    np_text,
    objects,
    preps,
    stance,
    subject,
    verb_guesses,
)


class Reader:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.lex = ctx.lex

    def parties(self, toks: Sequence[Token], *, exclude: Sequence[Token] = ()) -> list[Party]:
        out: list[Party] = []
        seen: set[str] = set()
        for tok in toks:
            group = conjuncts(tok)
            mi = self.ctx.tok_mention[tok.i]
            if mi >= 0:  # "Barack Obama and Vladimir Putin" with the conjunct hung on "Obama"
                span = [t for t in tok.doc[max(0, tok.i - 6) : tok.i + 7] if self.ctx.tok_mention[t.i] == mi]
                for t in span:
                    if t.i != tok.i:
                        group += [
                            x for x in conjuncts(t)[1:] if x not in group and self.ctx.tok_mention[x.i] != mi
                        ]
            if tok.lower_ in ("they", "we", "them", "us") and len(group) == 1 and not tok.text.isupper():
                group = self._plural_antecedent(tok) or group
            for t in group:
                for party in self._split_modifiers(t):
                    if party.key not in seen:
                        seen.add(party.key)
                        out.append(party)
        return out

    def _split_modifiers(self, tok: Token) -> list[Party]:
        """ "US and British activists": one party per coordinated country modifier."""
        base = self.party(tok)
        if base is None and tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass"):
            country = self._subtree_country(tok)  # "a report released in the Rwandan capital"
            if country is not None:
                text, start = np_text(tok)
                base = Party(None, country, None, text, start, None)
        if base is not None and base.code is None and tok.pos_ in ("NOUN", "PROPN"):
            base.code = self._subtree_country(tok)  # "refugees fleeing the civil war in Liberia"
        own_mention = self.ctx.tok_mention[tok.i]
        if base is not None and base.code and own_mention < 0 and tok.pos_ == "NOUN":
            coordinated = self._coordinated_prep_parties(tok, base)
            if coordinated:
                return coordinated
        if base is not None and own_mention >= 0 and any(t.dep_ == "cc" for t in tok.subtree):
            # "President Moon Jae-in and foreign minister" parsed as one noun with modifiers
            extra: list[Party] = []
            for c in tok.children:
                mi = self.ctx.tok_mention[c.i]
                if c.dep_ in ("nmod", "compound") and mi >= 0 and mi != own_mention:
                    other = self.ctx.party_from_mention(mi)
                    if other.kind == "person" and all(o.key != other.key for o in extra):
                        extra.append(other)
            if extra:
                return [*extra, base]
        if tok.pos_ != "NOUN":
            return [base] if base is not None else []
        mods = [
            c
            for c in tok.children
            if c.dep_ in ("compound", "amod", "nmod")
            and (self.ctx.tok_mention[c.i] >= 0 or c.ent_type_ in ("NORP", "GPE"))
        ]
        group = conjuncts(mods[0]) if mods else []
        if len(group) < 2:
            return [base] if base is not None else []
        out: list[Party] = []
        own = self.ctx.tok_mention[tok.i]
        for m in group:
            mp = self.party(m, 1) if own < 0 or self.ctx.tok_mention[m.i] != own else None
            if (mp is None or not mp.code) and m.ent_type_ in ("NORP", "GPE"):
                mp = self.ctx.resolve_text(m.text, m.idx)
            if mp is not None and mp.code:
                out.append(
                    Party(
                        None,
                        mp.code,
                        base.sector if base else None,
                        f"{m.text} {tok.text}",
                        mp.start,
                        "group",
                    )
                )
        return out or ([base] if base is not None else [])

    def _coordinated_prep_parties(self, tok: Token, base: Party) -> list[Party]:
        """ "talks between Sudan and South Sudan", "an agreement with Congo and Uganda",
        "counterparts from Japan and South Korea": one party per coordinated object of the
        phrase that gave the noun its party."""
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ not in PARTY_PREPS:
                continue
            for p in c.children:
                group = conjuncts(p) if p.dep_ == "pobj" else []
                if len(group) < 2:
                    continue
                found = [self.party(x, 1) for x in group]
                coded = [f for f in found if f is not None and f.code]
                if len(coded) > 1 and coded[0].code == base.code:
                    for f in coded:  # "his counterparts from Japan and South Korea": officials
                        f.sector = f.sector or base.sector
                    return coded
        return []

    def _plural_antecedent(self, tok: Token) -> list[Token]:
        """ "Obama and Putin said they will attack": the coordinated subject of the speech verb."""
        gov = tok.head
        for _ in range(3):
            if gov.dep_ == "ccomp" and gov.head.lemma_ in self.lex.word_set("speech"):
                subj = children(gov.head, SUBJ)
                if subj and len(conjuncts(subj[0])) > 1:
                    return conjuncts(subj[0])
            if gov.head is gov:
                break
            gov = gov.head
        return []

    def party(self, tok: Token, depth: int = 0) -> Party | None:
        ctx = self.ctx
        low = tok.lower_
        if tok.pos_ == "VERB" and tok.dep_ in SUBJ | PASS_SUBJ and ctx.tok_mention[tok.i] < 0:
            # "The Red Cross operating in Iraq said", read with "operating" as the subject:
            # the participle's own subject is the party
            own = children(tok, SUBJ)
            return self.party(own[0], depth) if own else None
        if tok.ent_type_ in (
            "DATE",
            "TIME",
            "CARDINAL",
            "ORDINAL",
            "MONEY",
            "PERCENT",
            "QUANTITY",
        ) and not any(c.dep_ == "compound" for c in tok.children):
            return None  # "on Friday" (but "Bashar Assad Tuesday", mis-parsed, keeps its name)
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at", "near") and tok.ent_type_ in PLACE_ENTS:
            placed = self._place_party(tok, np_text(tok)[0], tok.idx)  # "in Brussels": the place, not the EU
            if placed is not None:
                return placed
        if tok.pos_ == "PRON" or (
            low in FIRST | SECOND | MALE_FEMALE | THIRD_NONPERSON and not tok.text.isupper()
        ):
            mi = ctx.tok_mention[tok.i]
            if mi >= 0 and ctx.mentions[mi].actor:
                return ctx.party_from_mention(mi)
            return self.pronoun(tok)
        mi = ctx.tok_mention[tok.i]
        if mi >= 0:
            party = ctx.party_from_mention(mi)
            if party.code is None and party.sector is None and party.actor is None:
                return self._place_party(tok, party.text, party.start) or party
            if party.code is None:
                country = self._modifier_country(tok) or self._subtree_country(tok)
                if country is not None:
                    party.code = country
            if party.kind == "person":
                role = self._title_org(tok) or self._title_role(tok)
                if role is not None and role.sector and role.code in (party.code, None):
                    party.sector = role.sector
            if tok.lemma_.lower() in MEMBER_NOUNS and ctx.mentions[mi].text.lower().split()[-1] == low:
                # "leaders of the opposition coalition": of the body they lead or belong to
                body = next((self.party(p, depth + 1) for _l, p in preps(tok, ("of",))), None)
                if body is not None and body.sector and body.code in (party.code, None):
                    party.sector = body.sector
            return party
        same = ctx.same_text_mention(tok)
        if same is not None:  # "the North" named as an actor elsewhere in the article
            return ctx.party_from_mention(same)
        # a head word without a mention: look at its modifiers, then ask the actors stage
        resolved = None
        text, start = np_text(tok)
        if tok.pos_ in ("NOUN", "PROPN"):
            resolved = ctx.resolve_text(text, start)
        found = None
        appos = False
        via_modifier = False
        owner: Token | None = None
        if depth < 3:
            for c in tok.children:
                if c.dep_ == "poss" and c.lower_ in MALE_FEMALE | THIRD_NONPERSON and depth == 0:
                    owner = c  # "his commitment to the Zambian people": the people, not "his"
                    continue
                if c.dep_ in ("compound", "amod", "poss", "nmod", "appos", "npadvmod"):
                    found = (
                        self.party(c, depth + 1) if c.dep_ != "amod" or ctx.tok_mention[c.i] >= 0 else None
                    )
                    if (
                        found is None
                        and c.dep_ == "amod"
                        and c.ent_type_ in ("NORP", "GPE")
                        and not stance(c)
                    ):
                        found = ctx.resolve_text(c.text, c.idx)
                    if found is not None and (found.code or found.actor):
                        appos = c.dep_ == "appos"
                        via_modifier = True
                        break
                    found = None
            if found is None and depth == 0:
                # "an admission by Moscow", "demands from Shona rebels": whose thing it is
                words: tuple[str, ...] = ("of", "by", "in", "from")
                if tok.dep_ not in SUBJ | PASS_SUBJ and tok.pos_ in ("NOUN", "PROPN"):
                    # "his commitment to the Zambian people"
                    words = ("of", "by", "to", "against", "with", "in", "from")
                if tok.lemma_.lower() in self.lex.nouns or tok.lemma_.lower() in ("travel", "evidence"):
                    words = ("of", "by", "to", "against", "with", "on", "in", "from", "between")
                # the nominal's agent first ("the killings of civilians by Venezuelan soldiers"),
                # and a coded party before an uncoded one
                found = self._first_party(
                    [p for _l, p in preps(tok, ("by",))]
                    # "alleged crimes committed by Croat forces": the participle's agent
                    + [p for a in agent_clauses(tok) for _l, p in preps(a, ("by",))]
                    + [p for lemma, p in preps(tok, words) if lemma != "by"],
                    depth + 1,
                )
            if found is None and owner is not None:
                found = self.party(owner, depth + 1)
                if found is not None and not (found.code or found.actor):
                    found = None
        if resolved is not None and found is not None:
            if resolved.code is None or resolved.code == found.code:
                return Party(
                    found.actor if resolved.sector is None else None,
                    found.code,
                    resolved.sector or found.sector,
                    text,
                    start,
                    resolved.kind,
                )
            if appos and found.code and found.kind == "person":
                # "Kenzo Oshima, the United Nations Emergency Relief Coordinator": the text
                # says what the person is at the time, over the knowledge base
                return Party(found.actor, found.code, found.sector, text, start, found.kind)
            return resolved
        if resolved is not None:
            return resolved
        if found is None and depth == 0 and tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN":
            for t in tok.subtree:
                if (
                    t.i != tok.i
                    and ctx.tok_mention[t.i] >= 0
                    and not any(
                        a.dep_ in ("relcl",)
                        for a in t.ancestors
                        if a.i != tok.i and tok.i in {x.i for x in a.ancestors}
                    )
                ):
                    cand = ctx.party_from_mention(ctx.tok_mention[t.i])
                    if cand.code:
                        found = cand
                        break
        if found is not None:
            # "the Kim regime" names its party; in "new measures against the Kim regime" or "DPRK's
            # missile launch" the head word is no party, so the party's own words stand for it
            own_words = depth != 0 or (via_modifier and tok.lemma_.lower() not in self.lex.nouns)
            return Party(
                found.actor,
                found.code,
                found.sector,
                text if depth == 0 else found.text,
                start,
                found.kind,
                shown=None if own_words else found.shown or found.text,
            )
        if tok.ent_type_ in ("NORP", "GPE") and resolved is None:
            ent_text = next((e.text for e in tok.doc.ents if e.start <= tok.i < e.end), tok.text)
            named = ctx.resolve_text(ent_text, tok.idx)  # "Israeli tank shelling"
            if named is not None and named.code:
                return named
        if tok.ent_type_ in PLACE_ENTS:
            placed = self._place_party(tok, text, start)
            if placed is not None:
                return placed
        if tok.pos_ == "PROPN" and depth == 0 and tok.ent_type_ in ("PERSON", "ORG", "NORP"):
            return Party(None, None, None, text, start, None)  # a name the actors stage did not code
        return None

    def _first_party(self, toks: Sequence[Token], depth: int) -> Party | None:
        """The first of ``toks`` that is a coded party, else the first that is an actor."""
        fallback: Party | None = None
        for t in toks:
            found = self.party(t, depth)
            if found is not None and found.code:
                return found
            if found is not None and found.actor and fallback is None:
                fallback = found
        return fallback

    def _title_org(self, tok: Token) -> Party | None:
        """The organisation named in a person's title ("then-CIA chief Pompeo" → CIA)."""
        ctx = self.ctx
        own = ctx.tok_mention[tok.i]
        stack = [c for c in tok.children if c.dep_ in ("compound", "amod")]
        depth = 0
        while stack and depth < 8:
            c = stack.pop()
            depth += 1
            mi = ctx.tok_mention[c.i]
            if mi >= 0 and mi != own:
                p = ctx.party_from_mention(mi)
                if p.kind not in ("person", "place") and p.sector:
                    return p
            stack.extend(x for x in c.children if x.dep_ in ("compound", "amod"))
        return None

    def _subtree_country(self, tok: Token) -> str | None:
        """The first country named anywhere inside a noun phrase, outside relative clauses and
        infinitives ("students at the university ... to protest the decision to send troops to
        Iraq" are not Iraq's)."""
        ctx = self.ctx
        own = ctx.tok_mention[tok.i]
        pruned = {
            x.i
            for d in tok.subtree
            if d.i != tok.i
            and (d.dep_ == "relcl" or (d.dep_ in ("acl", "advcl", "xcomp", "ccomp") and infinitival(d)))
            for x in d.subtree
        }
        for t in tok.subtree:
            if t.i == tok.i or t.i in pruned or stance(t):
                continue
            mi = ctx.tok_mention[t.i]
            if mi >= 0 and mi != own:
                cand = ctx.party_from_mention(mi)
                if cand.code:
                    return cand.code
            if t.ent_type_ in PLACE_ENTS and t.ent_iob_ == "B":
                country = self.place_country(np_text(t)[0]) or self.place_country(ent_text(t))
                if country:
                    return country
            if t.ent_type_ == "NORP" and t.ent_iob_ == "B":
                named = ctx.resolve_text(t.text, t.idx)
                if named is not None and named.code:
                    return named.code
        return None

    def _title_role(self, tok: Token) -> Party | None:
        """The role a title gives a person at the time ("then-CIA chief Pompeo" → SPY)."""
        left = tok.left_edge.i
        words = [
            t for t in tok.doc[left : tok.i] if t.dep_ in ("compound", "amod", "punct", "advmod", "npadvmod")
        ]
        if not words or words[-1].i != tok.i - 1:
            return None
        title = tok.doc[words[0].i : tok.i].text
        for prefix in ("then-", "then ", "former ", "ex-"):
            if title.lower().startswith(prefix):
                title = title[len(prefix) :]
        return self.ctx.resolve_text(title, tok.idx) if title.strip() else None

    def _modifier_country(self, tok: Token, depth: int = 0) -> str | None:
        """The country named in a modifier or an of/in/from phrase ("the mayor of Nablus")."""
        ctx = self.ctx
        own = ctx.tok_mention[tok.i]
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod") and not stance(c):
                mi = ctx.tok_mention[c.i]
                if mi >= 0 and mi != own:
                    held = ctx.party_from_mention(mi)
                    if held.code:
                        return held.code
                if c.ent_type_ in PLACE_ENTS:
                    country = self.place_country(c.text)
                    if country:
                        return country
        if depth < 3:
            for _l, p in preps(tok, ("of", "in", "from")):
                mi = ctx.tok_mention[p.i]
                if mi >= 0 and mi != own:
                    cand = ctx.party_from_mention(mi)
                    if cand.code:
                        return cand.code
                if p.ent_type_ in PLACE_ENTS:
                    # "from military-ruled Myanmar": the phrase, else the name inside it
                    country = self.place_country(np_text(p)[0]) or self.place_country(ent_text(p))
                    if country:
                        return country
                found = self._modifier_country(p, depth + 1)
                if found:
                    return found
        return None

    def _place_party(self, tok: Token, text: str, start: int) -> Party | None:
        country = self.place_country(text)
        if country is None:
            return None
        return Party(None, country, None, text, start, "place")

    def place_country(self, text: str) -> str | None:
        """The country of a place name: geocoded, else without its direction words and kind
        ("east Bosnia", "the occupied West Bank", "Montenegro province"), else the actors KB's
        places (regions, provinces); dated ("Juba" before South Sudan's independence is Sudan's)."""
        text = text.strip()
        words = text.split()
        while words and words[0].lower() in PLACE_WORDS_BEFORE:
            words = words[1:]
        while len(words) > 1 and words[-1].lower() in PLACE_KINDS:
            words = words[:-1]
        bare = " ".join(words)
        country: str | None = None
        for name in dict.fromkeys((text, bare)):  # "Northern Ireland" before "Ireland"
            if not name[:1].isupper() and name != text:
                continue
            loc = geocode(name)
            country = loc.country if loc is not None else None
            if country is None and name[:1].isupper():
                named = self.ctx.resolve_text(name, 0)
                if named is not None and named.kind == "state" and named.sector in (None, "GOV"):
                    country = named.code
            if country is not None:
                break
        return historical_code(country, self.ctx.anchor)

    def pronoun(self, tok: Token) -> Party | None:
        ctx = self.ctx
        low = tok.lower_
        qi = ctx.tok_quote[tok.i]
        if qi >= 0:
            q = ctx.quotes[qi]
            if low in FIRST and q.speaker is not None:
                return self._ref(q.speaker.actor, q.speaker.text, q.speaker.start)
            if low in SECOND:
                if q.addressee is not None:
                    return self._ref(q.addressee.actor, q.addressee.text, q.addressee.start)
                speaker = q.speaker.actor if q.speaker else None
                return ctx.preceding_actor(q.start, person=True, exclude=speaker)
            if low in FIRST | SECOND:
                return None
        if low in ("they", "them", "their", "we", "us", "our"):
            # "Obama and Putin said they will attack": the coordinated subject of the speech verb
            gov = tok.head
            for _ in range(3):
                if gov.dep_ in ("ccomp",) and gov.head.lemma_ in self.lex.word_set("speech"):
                    subj = children(gov.head, SUBJ)
                    if subj and len(conjuncts(subj[0])) > 1:
                        return self.party(subj[0])
                gov = gov.head
        if low in ("it", "its"):
            # "Britain says it will not accept the proposal": the state or group that speaks
            gov = tok.head
            for _ in range(3):
                if gov.dep_ == "ccomp" and gov.head.lemma_ in self.lex.word_set("speech"):
                    subj = [s for s in children(gov.head, SUBJ) if s.lower_ not in MALE_FEMALE | FIRST]
                    talker = self.party(subj[0]) if subj and len(conjuncts(subj[0])) == 1 else None
                    if talker is not None and talker.kind != "person" and (talker.code or talker.actor):
                        return talker
                    break
                if gov.head is gov:
                    break
                gov = gov.head
        if low in MALE_FEMALE:
            # "on his trip, Pompeo said" / "he briefed X on his trip": the clause's own subject
            a = tok.head
            for _ in range(6):
                for c in a.children:
                    if c.dep_ == "nsubj" and c.i != tok.i and tok.i not in {x.i for x in c.subtree}:
                        if c.lower_ in MALE_FEMALE and c.i > tok.i:
                            continue
                        if c.lower_ in MALE_FEMALE:
                            return self.pronoun(c)
                        found = self.party(c)
                        if found is not None and found.kind == "person":
                            return found
                if a.head is a:
                    break
                a = a.head
            return ctx.preceding_actor(tok.idx, person=True)
        if low in THIRD_NONPERSON:
            found = ctx.preceding_actor(tok.idx, person=False)
            if found is not None and found.code is None:
                # "Radical French farmers said they would blockade Paris": code it from its words
                head = next((t for t in tok.doc if t.idx == found.start), None)
                if head is not None:
                    root = head.doc[head.i : head.i + len(found.text.split())].root
                    found.code = self._subtree_country(root) or self._modifier_country(root)
            return found
        return None

    def _ref(self, actor_id: str | None, text: str, start: int) -> Party | None:
        actor = self.ctx.actors.get(actor_id) if actor_id else None
        if actor is None:
            return None
        return Party(actor.id, actor.code, actor.sector, text, start, actor.kind)

    # -- triggers ------------------------------------------------------------------------------

    def match(self, tok: Token) -> Pattern | None:
        lex = self.lex
        if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
            patterns = None
            for guess in verb_guesses(tok):
                patterns = lex.verbs.get(guess)
                if patterns:
                    break
            if patterns:
                return match_pattern(patterns, tok, verb=True)
            return None
        if tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.lower_.endswith("ed") and tok.i < tok.head.i:
            # the small model tags some past participles as adjectives ("dismantled parts")
            for guess in (tok.lower_[:-1], tok.lower_[:-2], tok.lower_[:-3]):
                patterns = lex.verbs.get(guess)
                if patterns:
                    bare = tuple(p for p in patterns if p.obj is None and p.prep is None and p.comp is None)
                    return bare[0] if bare and tok.head.dep_ == "conj" else None
            return None
        if tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP"):
            patterns = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
            if patterns:
                return match_pattern(patterns, tok, verb=False)
        return None

    def verb_roles(self, tok: Token, pattern: Pattern) -> tuple[list[Party], list[Party]]:
        subj, passive = subject(tok)
        passive = passive or bool(children(tok, "auxpass"))
        if passive and tok.lemma_.lower() in STATIVE_PASSIVES and not preps(tok, ("by",)):
            passive = False  # "Israel is opposed to French mediation": Israel opposes
        direct = objects(tok)
        psubj = children(tok, PASS_SUBJ)
        # the object a pattern names ("impose sanctions") is what is done, not to whom
        consumed = {
            o.i for o in direct + psubj
            if (pattern.obj is not None and {o.lemma_.lower(), o.lower_} & pattern.obj)
            or (pattern.mod is not None and not pattern.mod.isdisjoint(  # "a state of siege"
                {x.lemma_.lower() for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                 for x in c.children if x.dep_ == "pobj"}))
        }  # fmt: skip
        if passive:
            src_toks = [p for _l, p in preps(tok, ("by",))]
        else:
            src_toks = subj
        sources = self.parties(src_toks)
        if passive and not sources and not preps(tok, ("by",)):
            # "X has been accused of misusing funds, much of it embezzled, by officials": an
            # agent phrase the parser hung on a later verb of the sentence
            for later in tok.head.children if tok.dep_ in ("ccomp", "conj") else ():
                if later.i > tok.i and later.dep_ == "prep" and later.lower_ == "by":
                    sources = self.parties(
                        [p for p in later.children if p.dep_ == "pobj" and self.ctx.tok_mention[p.i] >= 0]
                    )
        if passive and not sources and pattern.code[:2] in ("18", "19", "20"):
            # "killed in Israeli tank shelling", "killed in an air strike by government forces":
            # the attack's own agent is the killer
            for _l, p in preps(tok, ("in", "by")):
                noun_pattern = self.match(p) if p.pos_ == "NOUN" else None
                if noun_pattern is not None and noun_pattern.code[:2] in ("18", "19", "20"):
                    sources = self.noun_roles(p, noun_pattern)[0]
                    if sources:
                        break
        candidates: list[list[Token]] = []
        if pattern.code[:2] == "13":
            # "threatened to launch an offensive unless Baghdad accepted": the threat's target is
            # whoever must meet the condition
            for c in tok.subtree:
                if (
                    c.dep_ == "advcl"
                    and c.i > tok.i
                    and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children)
                ):
                    candidates.append(children(c, SUBJ))
        if passive:
            candidates.append([t for t in subj if t.i not in consumed])
        dative = children(tok, "dative")
        candidates.append(
            [p for d in dative for p in d.children if p.dep_ == "pobj"]
            + [d for d in dative if d.pos_ != "ADP"]
        )
        if pattern.code[:2] in (
            "03",
            "06",
            "07",
        ):  # "offered its troops to Lebanon": the "to" is the recipient
            candidates.append([p for _l, p in preps(tok, ("to",))])
        if not passive:
            if direct and all(self.ctx.tok_mention[o.i] < 0 for o in direct):
                # "condemned the killings of civilians by Venezuelan soldiers", with "by" hung on
                # the active verb: the agent of the object's deed
                candidates.append([p for _l, p in preps(tok, ("by",)) if self.ctx.tok_mention[p.i] >= 0])
            candidates.append([o for o in direct if o.i not in consumed or self.ctx.tok_mention[o.i] >= 0])
        else:
            candidates.append([t for t in subj if self.ctx.tok_mention[t.i] >= 0])
        if pattern.prep is not None:
            candidates.append([p for _l, p in preps(tok, pattern.prep)])
            candidates.append([p for o in direct + psubj for _l, p in preps(o, pattern.prep)])
        late = [o for o in direct + psubj if o.i in consumed and not children(o, "poss")]
        candidates.append(late)  # "received ministers from the government": the consumed object
        order: tuple[str, ...] = TARGET_PREPS
        if pattern.code[:2] == "11":  # "complained to the UN over Israeli air raids": about whom
            order = ("against", "over", "about", *TARGET_PREPS)
        for prep in order:
            candidates.append([p for _l, p in preps(tok, (prep,))])
        for prep in order:
            candidates.append([p for o in direct + psubj for _l, p in preps(o, (prep,))])
        if pattern.code[:2] in ("02", "03", "10", "11", "12", "13"):
            for c in tok.children:
                if c.dep_ in ("ccomp", "xcomp", "advcl"):
                    own_subj = children(c, SUBJ | PASS_SUBJ)
                    if own_subj or c.dep_ != "xcomp":
                        candidates.append(own_subj)
                    else:  # "threatened to shell Iraqi towns": the complement's object
                        candidates.append(objects(c))
            # "threatened to cut off electricity to Nakhichevan": whom the complement is aimed at
            for c in tok.children:
                if c.dep_ in ("xcomp", "ccomp"):
                    for prep in (*TARGET_PREPS, "in"):
                        candidates.append([p for _l, p in preps(c, (prep,))])
                        candidates.append([p for o in objects(c) for _l, p in preps(o, (prep,))])
                    candidates.append(objects(c))
                    # "willing to send material to help defend Saudi Arabia": down the chain of
                    # infinitives to the first object that is a party
                    # ("refused to allow Pakistani planes to use its airspace": the planes)
                    candidates.extend(children(x, SUBJ) + objects(x) for x in infinitive_chain(c))
        targets: list[Party] = []
        own_forces: list[Party] = []
        src_codes = {p.code for p in sources if p.code}
        for toks in candidates:
            if toks:
                targets = self.parties(toks)
                if targets and all(own(p, src_codes) for p in targets):
                    # "withdraw its troops from Lebanon": the actor's own forces are moved, the
                    # recipient is whom the move is aimed at, when the clause names one
                    own_forces = own_forces or targets
                    targets = []
                    continue
                if targets:
                    break
        targets = targets or own_forces
        if (
            not targets
            and tok.dep_ in ("xcomp", "advcl")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            # "summoned Niger's ambassador to complain": the one summoned hears the complaint;
            # "sent personnel to Bosnia to investigate": where they were sent
            keys = {p.key for p in sources}
            for toks in (objects(tok.head), [p for _l, p in preps(tok.head, ("to",))]):
                targets = [
                    p for p in self.parties(toks) if p.code and p.key not in keys and p.code not in src_codes
                ]  # fmt: skip
                if targets:
                    break
        if pattern.swap:
            sources, targets = targets, sources
        if pattern.mutual:
            keys = {p.key for p in sources}
            sources = sources + [p for p in targets if p.key not in keys]
            targets = []
        self.domestic(tok, pattern.code, sources, targets)
        return sources, targets

    def noun_roles(self, tok: Token, pattern: Pattern) -> tuple[list[Party], list[Party]]:
        ctx = self.ctx
        code = pattern.code
        visit = code in ("042",)
        reciprocal = code[:2] in RECIPROCAL_ROOTS and not visit
        sources: list[Party] = []
        targets: list[Party] = []
        for c in tok.children:
            if c.dep_ == "poss":
                sources += self.parties([c])
        between = [p for _l, p in preps(tok, ("between", "among"))]
        if between and code[:3] == "045":
            targets += self.parties(between)  # a mediation between X and Y: X and Y are recipients
        elif between:
            sources += self.parties(between)
        if not sources:
            sources += self.parties([p for _l, p in preps(tok, ("by", "from"))])
        mods: list[Token] = []
        stack = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
        while stack:
            c = stack.pop(0)
            if ctx.tok_mention[c.i] >= 0 or c.ent_type_ in ("NORP", "GPE", "PERSON", "ORG"):
                if (
                    not mods
                    or ctx.tok_mention[c.i] < 0
                    or all(ctx.tok_mention[m.i] != ctx.tok_mention[c.i] for m in mods)
                ):
                    mods.append(c)
            stack.extend(x for x in c.children if x.dep_ in ("compound", "nmod"))
        if code[:2] == "04" and len(mods) == 1 and mods[0].ent_type_ in ("GPE", "LOC", "FAC"):
            mods = []  # "the Singapore summit": where, not who
        mods = [m for m in mods if not is_town(m)]  # "the Chibok kidnapping", "the Nice attack"
        mod_parties = self.parties(mods)
        if visit:
            targets += mod_parties
        elif not sources:
            sources += mod_parties
        gov_verb = governor(tok)
        light_verb = (
            gov_verb
            if gov_verb is not None
            and tok.dep_ in ("dobj", "obj")
            and gov_verb.lemma_.lower() in self.lex.word_set("light")
            else None
        )
        of_objects = [p for _l, p in preps(tok, ("of",))]
        for prep in ("to", "with", "against", "on", "for", "into", "toward", "towards", "of", "at"):
            if targets:
                break
            if prep == "for" and code[:2] in ("02", "10"):
                continue  # "a demand for a declared end to the war": what is asked, not of whom
            found = [p for _l, p in preps(tok, (prep,))]
            if not found and prep != "of":  # "suspension of air links with Serbia"
                found = [p for o in of_objects for _l, p in preps(o, (prep,))]
            if not found and light_verb is not None and prep != "of":  # "opened investigations ... against"
                found = [p for _l, p in preps(light_verb, (prep,))]
            if found:
                targets += self.parties(found)
        if not sources:
            gov = governor(tok)
            light = gov is not None and gov.lemma_.lower() in self.lex.word_set("light")
            if (
                gov is not None
                and gov.pos_ in ("VERB", "AUX")
                and (light or (reciprocal and targets) or visit)
            ):
                if tok.dep_ in ("dobj", "obj", "nsubjpass") or tok.dep_ == "pobj":
                    subj, passive = subject(gov)
                    if passive:
                        subj = [p for _l, p in preps(gov, ("by",))]
                    sources += self.parties(subj)
        if not sources and reciprocal and targets:
            root = tok.sent.root
            if root.pos_ in ("VERB", "AUX") and root.i != tok.i:
                subj, _passive = subject(root)
                subj = [x for x in subj if tok.i not in {t.i for t in x.subtree}]
                sources += [p for p in self.parties(subj) if p.key not in {t.key for t in targets}]
        gov = governor(tok)
        if (
            gov is not None
            and tok.dep_ in ("dobj", "obj")
            and gov.lemma_.lower() in ("face", "receive", "suffer", "undergo", "come")
        ):
            subj, _passive = subject(gov)  # "Obama faces pressure from Congress"
            if sources:
                targets = self.parties(subj) or targets
        if reciprocal and code in ("040", "046") and tok.lemma_.lower() in ("talk", "talks", "negotiation"):
            keys = {p.key for p in sources}
            sources = sources + [p for p in targets if p.key not in keys]
            targets = []
        if reciprocal and len(sources) > 1 and not targets:
            return sources, []
        self.domestic(tok, pattern.code, sources, targets)
        return sources, targets

    def domestic(self, tok: Token, code: str, sources: list[Party], targets: list[Party]) -> None:
        """An uncoded non-state group facing one country's parties in a political exchange, in
        a sentence that names no other country, is of that country: "the Mozambique government
        accepted demands from rebels", "the party will boycott Algeria's elections". Not in
        coercion or violence, where an attacker's country does not follow from its victim's
        (and a state organ's domestic targets are the events stage's business), and not for
        civilians (victims and bystanders), which PETRARCH-style coding leaves uncoded."""
        if code[:2] in ("17", "18", "19", "20"):
            return
        for side, other in ((targets, sources), (sources, targets)):
            uncoded = [p for p in side if p.code is None and p.kind not in ("person", "place") and (
                p.sector in NONSTATE_SECTORS or (p.sector is None and p.actor is not None))]  # fmt: skip
            codes = {p.code for p in other if p.code}
            if not uncoded or len(codes) != 1:
                continue
            country = next(iter(codes))
            if country in NON_STATES or self._sentence_countries(tok) - {country}:
                continue
            for p in uncoded:
                p.code = country

    def _sentence_countries(self, tok: Token) -> set[str]:
        """The countries a sentence names: its coded actors, places and nationality words."""
        ctx = self.ctx
        out: set[str] = set()
        sent = tok.sent
        for t in sent:
            mi = ctx.tok_mention[t.i]
            if mi >= 0:
                code = ctx.party_from_mention(mi).code
                if code and code not in NON_STATES:
                    out.add(code)
        for ent in sent.ents:
            if ent.label_ in ("GPE", "NORP") and ctx.tok_mention[ent.root.i] < 0:
                country = self.place_country(ent.text)
                if country is None and ent.label_ == "NORP":
                    named = ctx.resolve_text(ent.text, ent.start_char)
                    country = named.code if named is not None else None
                if country and country not in NON_STATES:
                    out.add(country)
        return out
