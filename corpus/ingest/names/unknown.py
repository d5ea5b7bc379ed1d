"""Names a text holds that the archive does not know: candidate people and
organizations for an editor to create, add as an alias, or dismiss.

Found:
- a name after a title: "President Janysh Bakiyev", "Secretary-General Ivanov";
- an acronym defined in parentheses: "Islamic Movement of Uzbekistan (IMU)";
- a multi-word proper name that reads as a person's ("Aidar Akayev") or an
  organization's ("Islamic Movement of Uzbekistan", "Interfax-Kazakhstan").
Places and other proper names ("Central Asia") are not candidates.
"""

import re
from dataclasses import dataclass

from corpus.ingest.names.words import (
    COMMON,
    DEMONYMS,
    NOT_A_NAME,
    TITLES,
    is_name_word,
    person_like,
    plain,
    word_set,
)

ORGANIZATION_WORDS = word_set(
    """
    Movement Organization Organisation Party Front Union Council Committee Ministry Agency
    Service Institute University Center Centre Bank Company Corporation Group Foundation Fund
    Army Forces Force Guards Guard Command Directorate Department Office Commission Assembly
    Parliament Duma News Times Post Journal Radio Television TV Press Airways Airlines
    Association Alliance League Brigade Division Network Forum Academy School Court Authority
    Federation Coalition Bloc Society Trust Mission Secretariat Agency Monitor Gazette
    """
)
CONNECTORS = ("of", "for", "the", "on", "in", "de")
CAPITAL = r"(?:[A-Z]\.|[^\W\d_a-z][\w’'-]*)"
PROPER_RUN = re.compile(
    rf"(?<![\w’'.-])({CAPITAL}(?:\s+(?:(?:{'|'.join(CONNECTORS)})\s+)*{CAPITAL})*)"
)
DEFINED_ACRONYM = re.compile(r"\s*\((?P<acronym>[A-Z][A-Za-z]{1,9})\)")
HYPHENATED = re.compile(r"(?<![\w’'-])([^\W\d_a-z][\w’']+(?:-[^\W\d_a-z][\w’']+)+)")
WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class UnknownName:
    name: str
    kind: str  # "actor" or "organization"
    evidence: str  # the words in the text that show it
    acronym: str = ""


def unknown_names(text: str, is_known) -> list[UnknownName]:
    """Candidate names in `text`, first appearance first, each once. `is_known(start,
    end, name)` says whether the archive knows text[start:end] there (a link or a
    proposal covers it), or, with start -1, whether it knows `name` anywhere."""
    found: dict[str, UnknownName] = {}
    for match in PROPER_RUN.finditer(text):
        words = [(w.start() + match.start(), w[0]) for w in WORD.finditer(match[1])]
        for run in _unknown_stretches(words, is_known):
            for candidate in _from_run(text, run, is_known):
                found.setdefault(candidate.name, candidate)
    for match in HYPHENATED.finditer(text):
        name = plain(match[1])
        parts = name.split("-")
        if all(part in DEMONYMS or part in TITLES for part in parts):
            continue
        if is_known(match.start(), match.start() + len(name), name):
            continue
        if not all(is_known(-1, -1, part) for part in parts):
            found.setdefault(name, UnknownName(name, "organization", _around(text, match.start())))
    return sorted(found.values(), key=lambda c: text.find(c.name))


def _unknown_stretches(words: list[tuple[int, str]], is_known) -> list[list[tuple[int, str]]]:
    """The run split around the words the archive already knows there."""
    stretches, current = [], []
    for start, word in words:
        if is_known(start, start + len(plain(word)), plain(word)):
            stretches.append(current)
            current = []
        else:
            current.append((start, word))
    return [stretch for stretch in [*stretches, current] if stretch]


def _from_run(text: str, run: list[tuple[int, str]], is_known) -> list[UnknownName]:
    acronym = DEFINED_ACRONYM.match(text, run[-1][0] + len(run[-1][1]))
    if acronym and not is_known(-1, -1, acronym["acronym"]):
        words = [word for _, word in run]
        name = _defined_by(words, acronym["acronym"])
        if name:
            evidence = f"{name} ({acronym['acronym']})"
            return [UnknownName(name, "organization", evidence, acronym=acronym["acronym"])]
    # Words capitalized only by the sentence: "The", "However".
    run = _trimmed([pair for pair in run], COMMON)
    # A person's name after titles and demonyms: "Kyrgyz President Roza Otunbayeva".
    titles = [word for _, word in _leading(run, TITLES | DEMONYMS) if word in TITLES]
    person = _trimmed(run, TITLES | DEMONYMS | COMMON)
    if titles and person:
        name = plain(" ".join(word for _, word in person))
        single = len(person) == 1 and is_name_word(name) and name not in ORGANIZATION_WORDS
        if (person_like(name) or single) and name not in NOT_A_NAME:
            if _known(person, name, is_known):
                return []
            return [UnknownName(name, "actor", f"{' '.join(titles)} {name}")]
    # An organization keeps its demonym and titles: "Islamic Movement of Uzbekistan",
    # "Kazakh Foreign Ministry".
    words = [word for _, word in run]
    # ... and has a word of its own: "the Foreign Ministry" is nobody's name.
    generic = ORGANIZATION_WORDS | TITLES | frozenset(CONNECTORS)
    named = [word for word in words if plain(word) not in generic]
    if named and len(words) > 1 and any(plain(word) in ORGANIZATION_WORDS for word in words):
        name = plain(" ".join(words))
        if _known(run, name, is_known):
            return []
        return [UnknownName(name, "organization", _around(text, run[0][0]))]
    if person and len(person) > 1:
        name = plain(" ".join(word for _, word in person))
        if person_like(name) and not _known(person, name, is_known):
            return [UnknownName(name, "actor", _around(text, person[0][0]))]
    return []


def _leading(run: list[tuple[int, str]], words: frozenset[str]) -> list[tuple[int, str]]:
    """The words at the start of `run` that are in `words`."""
    lead = 0
    while lead < len(run) and run[lead][1] in words:
        lead += 1
    return run[:lead]


def _trimmed(run: list[tuple[int, str]], leading: frozenset[str]) -> list[tuple[int, str]]:
    """`run` without its leading `leading` words and its trailing connectors."""
    run = run[len(_leading(run, leading)) :]
    while run and run[-1][1] in CONNECTORS:
        run = run[:-1]
    return run


def _known(run: list[tuple[int, str]], name: str, is_known) -> bool:
    start = run[0][0]
    return is_known(start, start + len(name), name) or is_known(-1, -1, name)


def _defined_by(words: list[str], acronym: str) -> str:
    """The shortest end of `words` whose capitals spell `acronym`: "IMU" in
    "the Islamic Movement of Uzbekistan"."""
    for first in range(len(words) - 1, -1, -1):
        initials = "".join(word[0] for word in words[first:] if word[0].isupper())
        if initials.upper() == acronym.upper():
            return " ".join(words[first:])
    return ""


def _around(text: str, at: int, width: int = 40) -> str:
    """The words around `at`, to show where the name was found."""
    start = text.rfind(" ", 0, max(0, at - width)) + 1
    end = text.find(" ", at + width)
    return " ".join(text[start : end if end > 0 else len(text)].split())
