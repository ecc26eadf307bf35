"""Finds catalog skills and certifications in text: by name, alias, plural, version or near form.

Text and catalog names go through the same tokeniser and normalisation
(planner.catalog.posting_tokens), and one set of token tuples is walked longest-first, so a
long posting costs one pass. Short or capitalised aliases ("Go", "R", "Spark", "Ray") must
keep their case: "go", "spark interest" and "a ray of hope" are English. Multi-word names
also match a near form ("fault-tolerant" for "fault tolerance") scored by rapidfuzz.

The matcher for a catalog is built once and cached for as long as the catalog lives.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Literal, NamedTuple

from rapidfuzz import fuzz, process

from planner.catalog.catalog import Catalog
from planner.catalog.posting_cues import (
    AMBIGUOUS_TERMS,
    IMPLIED_CATEGORIES,
    JOB_NOUN_KEEPS,
    JOB_NOUNS,
    NOT_SKILLS,
    PATTERN_HINT_STARTS,
    PATTERN_HINTS,
    SKILL_HINTS,
    STEMMED_CATEGORIES,
)
from planner.catalog.posting_tokens import Tokens, ization_forms, singular, soft_stem

# "none" marks a phrase that contains a skill's name but names something else.
TermKind = Literal["skill", "certification", "none"]

_VERSIONED = re.compile(r"^([a-z][a-z+#]*?)\d+(?:\.\d+)*$")
_SHORT_EXACT = 3  # aliases this short must match with their case
_SHORT_NAME_EXACT = 2  # and names this short ("Go", "R")
# rapidfuzz ratio (0-100) a near form of a multi-word name must reach.
_FUZZY_CUTOFF = 85.0
_STEM = 4  # a near form must share the first letters of every word after the first
_MIN_STEMMED_WORD = 6
_MIN_CERT_PREFIX = 3
# A tool name this close to a catalog name (a typo, a spelling) is not offered as new.
_KNOWN_CUTOFF = 90.0


@dataclass(frozen=True)
class Term:
    """A catalog name or alias, as the matcher looks for it."""

    kind: TermKind
    target: str  # skill or certification id
    text: str  # the name or alias as the catalog writes it
    exact: bool  # must match with the catalog's case (or in capitals)


class TermMatch(NamedTuple):
    term: Term
    first: int  # token positions, end exclusive (-1 for a pattern hint)
    last: int
    start: int  # character offsets in the text
    end: int
    fuzzy: bool = False


def _is_exact(text: str, words: Sequence[str]) -> bool:
    """Whether an alias must keep its case: short ones, and capitalised single words."""
    if len(words) != 1 or any(ch.isdigit() for ch in text):
        return False
    letters = text.replace("+", "").replace("#", "")
    return len(letters) <= _SHORT_EXACT or (text[:1].isupper() and text[1:].islower())


def _skill_names(name: str, aliases: Iterable[str]) -> list[tuple[str, bool]]:
    """Name and aliases (flagged True), plus the forms a name is also written in."""
    names = [(name, False), *((a, True) for a in aliases)]
    # "Data pipelines (ETL/ELT)" is also written "Data pipelines".
    if "(" in name:
        names.append((name.split("(")[0], False))
    # "Fault Tolerance and Resilience": each multi-word half stands for the skill.
    for part in re.split(r"\s+and\s+", name) if " and " in name else ():
        if len(part.split()) >= 2:
            names.append((part, False))
    return names


def _initialism_part(tokens: Tokens, match: TermMatch) -> bool:
    """A one-letter name glued to "&" is part of an initialism: the R of "R&D" (while
    "Python & R" names R)."""
    if len(match.term.text) != 1:
        return False
    first, last = match.first, match.last - 1
    glued_before = first > 0 and tokens.words[first - 1] == "&"
    glued_before = glued_before and tokens.ends[first - 1] == tokens.starts[first]
    glued_after = last + 1 < len(tokens) and tokens.words[last + 1] == "&"
    glued_after = glued_after and tokens.starts[last + 1] == tokens.ends[last]
    return glued_before or glued_after


class TermMatcher:
    """Every skill and certification name of one catalog, ready to be found in text."""

    def __init__(self, catalog: Catalog) -> None:
        self._exact: dict[tuple[str, ...], list[Term]] = {}
        self._all_names: set[str] = set()  # ambiguous aliases too: they are still known
        self._prefixes: set[tuple[str, ...]] = set()  # every key and every start of one
        self._stems: dict[str, Term] = {}  # soft skills by word stem
        self._cert_prefixes: dict[tuple[str, ...], Term] = {}
        # (first word, start of second) -> multi-word keys, for the near-form pass
        self._near: dict[tuple[str, str], list[tuple[tuple[str, ...], Term]]] = {}
        self.longest = 1
        for skill in catalog.skills.values():
            stemmed = skill.category in STEMMED_CATEGORIES
            for text, alias in _skill_names(skill.name, skill.aliases):
                self._add("skill", skill.id, text, alias=alias, stemmed=stemmed)
        for skill_id, phrases in SKILL_HINTS.items():
            if skill_id in catalog.skills:
                for phrase in phrases:
                    self._add("skill", skill_id, phrase, alias=False)
        for phrase in NOT_SKILLS:
            self._add("none", "", phrase, alias=False)
        for cert in catalog.certifications.values():
            self._add("certification", cert.id, cert.name, alias=False)
            for cert_alias in cert.aliases:
                self._add("certification", cert.id, cert_alias, alias=True)
        self._implied = self._find_implied(catalog)
        self._names: list[str] | None = None  # every key as text, for is_known

    def _add(
        self, kind: TermKind, target: str, text: str, *, alias: bool, stemmed: bool = False
    ) -> None:
        text = text.strip()
        if text and kind != "none":
            self._all_names.add(" ".join(Tokens(text).norms))
        if not text or text in AMBIGUOUS_TERMS:
            return
        tokens = Tokens(text)
        if not len(tokens):
            return
        key = tuple(tokens.norms)
        exact = _is_exact(text, tokens.words) if alias else len(text) <= _SHORT_NAME_EXACT
        term = Term(kind, target, text, exact=exact)
        self._put(key, term)
        if len(key) >= 2 and all(w.isalnum() for w in key):
            self._put(("".join(key),), term)  # "PowerBI", "DataOps": written without spaces
        if len(key) == 1:
            for form in ization_forms(key[0]):
                self._put((form,), term)
            if stemmed and len(key[0]) >= _MIN_STEMMED_WORD:
                self._stems.setdefault(soft_stem(key[0]), term)
        if len(key) >= 2 and kind == "skill":
            self._near.setdefault((key[0], key[1][:_STEM]), []).append((key, term))
        if kind == "certification":
            # "AWS Certified Solutions Architect" names the first level of the family.
            for n in range(_MIN_CERT_PREFIX, len(key)):
                if {"certified", "certification"} & set(key[:n]):
                    self._cert_prefixes.setdefault(key[:n], term)
                    self._prefixes.add(key[:n])

    def _put(self, key: tuple[str, ...], term: Term) -> None:
        self._prefixes.update(key[:n] for n in range(1, len(key) + 1))
        entries = self._exact.setdefault(key, [])
        if all(
            (t.kind, t.target, t.exact) != (term.kind, term.target, term.exact) for t in entries
        ):
            entries.append(term)
        self.longest = max(self.longest, len(key))

    def _find_implied(self, catalog: Catalog) -> dict[str, tuple[str, ...]]:
        """Multi-word skill terms that contain a platform's name ("Azure Data Factory")."""
        implied: dict[str, tuple[str, ...]] = {}
        for key, terms in self._exact.items():
            for term in terms:
                if term.kind != "skill" or len(key) < 2:
                    continue
                others = {
                    t.target
                    for n in range(1, len(key))
                    for i in range(len(key) - n + 1)
                    for t in self._exact.get(key[i : i + n], ())
                    if t.kind == "skill"
                    and t.target != term.target
                    and (not t.exact or t.text in term.text.split())
                    and catalog.skills[t.target].category in IMPLIED_CATEGORIES
                }
                if others:
                    implied[term.text] = tuple(sorted(others))
        return implied

    def is_known(self, text: str) -> bool:
        """Whether ``text`` is a catalog name, or so close to one that it is surely meant."""
        tokens = Tokens(text)
        if " ".join(tokens.norms) in self._all_names or self.find(tokens):
            return True
        if self._names is None:
            self._names = sorted({" ".join(k) for k in self._exact})
        wanted = " ".join(tokens.norms)
        near = process.extractOne(
            wanted, self._names, scorer=fuzz.ratio, score_cutoff=_KNOWN_CUTOFF
        )
        return near is not None

    def implied_by(self, term: Term) -> tuple[str, ...]:
        """Skills a term names besides its own: "Azure Data Factory" also names Azure."""
        return self._implied.get(term.text, ()) if term.kind == "skill" else ()

    def find(self, tokens: Tokens) -> list[TermMatch]:
        """Every term in ``tokens``, longest first, not overlapping, left to right."""
        norms = tokens.norms
        found: list[TermMatch] = []
        i = 0
        while i < len(norms):
            word = norms[i]
            match = None
            if (word,) in self._prefixes:
                match = self._exact_at(tokens, i)
                if match is not None and _initialism_part(tokens, match):
                    match = None
            if match is None and (len(word) >= _MIN_STEMMED_WORD or word[-1:].isdigit()):
                match = self._word_form_at(tokens, i)
            if match is None and i + 1 < len(norms) and (word, norms[i + 1][:_STEM]) in self._near:
                match = self._near_at(tokens, i)
            if match is None:
                i += 1
                continue
            found.append(match)
            i = match.last
        return found

    def _exact_at(self, tokens: Tokens, i: int) -> TermMatch | None:
        """The longest term starting at token ``i``: one walk down the prefix set."""
        norms = tokens.norms
        best: tuple[int, Term] | None = None
        for n in range(1, min(self.longest, len(norms) - i) + 1):
            key = tuple(norms[i : i + n])
            if key not in self._prefixes:
                break
            term = self._accept(self._exact.get(key, ()), tokens.written(i, i + n))
            if term is None and n >= _MIN_CERT_PREFIX:
                term = self._cert_prefixes.get(key)
            if term is not None:
                best = (n, term)
        if best is None:
            return None
        n, term = best
        return TermMatch(term, i, i + n, tokens.starts[i], tokens.ends[i + n - 1])

    def _word_form_at(self, tokens: Tokens, i: int) -> TermMatch | None:
        """A single word in another form: "Python3", "collaborative", "mentored"."""
        word = tokens.norms[i]
        term = None
        versioned = _VERSIONED.match(word) if word[-1:].isdigit() else None
        if versioned:  # a version glued to a known name
            term = self._accept(self._exact.get((versioned.group(1),), ()), tokens.words[i])
        if term is None and len(word) >= _MIN_STEMMED_WORD:
            term = self._stems.get(soft_stem(word))
        if term is None:
            return None
        return TermMatch(term, i, i + 1, tokens.starts[i], tokens.ends[i])

    @staticmethod
    def _accept(terms: Iterable[Term], written: str) -> Term | None:
        for term in terms:
            if not term.exact or written in (term.text, term.text.upper()):
                return term
        return None

    def _near_at(self, tokens: Tokens, i: int) -> TermMatch | None:
        """A multi-word skill name written in a near form ("fault-tolerant", "data model")."""
        norms = tokens.norms
        best: tuple[float, TermMatch] | None = None
        for key, term in self._near.get((norms[i], norms[i + 1][:_STEM]), ()):
            words = norms[i : i + len(key)]
            if len(words) < len(key):
                continue
            if any(w[:_STEM] != k[:_STEM] for w, k in zip(words[2:], key[2:], strict=True)):
                continue
            score = fuzz.ratio(" ".join(words), " ".join(key))
            if score >= _FUZZY_CUTOFF and (best is None or score > best[0]):
                last = i + len(key)
                match = TermMatch(term, i, last, tokens.starts[i], tokens.ends[last - 1], True)
                best = (score, match)
        return best[1] if best else None


@cache
def _pattern_hints() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (skill_id, re.compile(pattern, re.IGNORECASE))
        for skill_id, patterns in PATTERN_HINTS.items()
        for pattern in patterns
    )


def pattern_hints(text: str, tokens: Tokens, catalog: Catalog) -> list[TermMatch]:
    """Skills asked for in wording with words between ("analyse large data sets").

    Each hint starts with one of a few verbs, so a pattern is only tried, anchored, where a
    word starts with a verb's first letters: a long posting costs little.
    """
    found = []
    for position, norm in enumerate(tokens.norms):
        if not norm.startswith(PATTERN_HINT_STARTS):
            continue
        for skill_id, pattern in _pattern_hints():
            m = pattern.match(text, tokens.starts[position])
            if m and skill_id in catalog.skills:
                term = Term("skill", skill_id, m.group(), exact=False)
                found.append(TermMatch(term, -1, -1, m.start(), m.end()))
    return found


_JOB_NOUNS = frozenset(singular(n) for n in JOB_NOUNS)


def names_a_job(tokens: Tokens, match: TermMatch, catalog: Catalog) -> bool:
    """Whether the term is part of a job title or a team ("ML Engineers", "DevOps team");
    a tool or language stays a skill ("Python developer")."""
    if not 0 <= match.last < len(tokens) or tokens.norms[match.last] not in _JOB_NOUNS:
        return False
    skill = catalog.skills.get(match.term.target) if match.term.kind == "skill" else None
    return skill is None or skill.category not in JOB_NOUN_KEEPS


_CACHE: dict[int, tuple[weakref.ref[Catalog], TermMatcher]] = {}
# Re-entrant: a catalog collected while a matcher is being built calls _forget on this thread.
_CACHE_LOCK = threading.RLock()


def matcher_for(catalog: Catalog) -> TermMatcher:
    """The catalog's matcher, built on first use and kept while the catalog is alive."""
    key = id(catalog)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0]() is catalog:
            return cached[1]
        matcher = TermMatcher(catalog)
        _CACHE[key] = (weakref.ref(catalog, partial(_forget, key)), matcher)
        return matcher


def _forget(key: int, _ref: weakref.ref[Catalog]) -> None:
    """A catalog went away: drop its matcher (its id may be reused by a new catalog)."""
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] is _ref:
            del _CACHE[key]
