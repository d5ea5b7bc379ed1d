"""What stands around a name in a text: whether a known name sits inside a longer
proper name ("Uzbekistan" in "Islamic Movement of Uzbekistan", "Kazakhstan" in
"Interfax-Kazakhstan"), and whether another first name stands before a surname
("Janysh Bakiyev" is not Kurmanbek Bakiyev).

Not a longer name: an acronym before a common noun ("the CSTO Summit", ATTRIBUTIVE_NOUNS),
a state inside its own formal name ("Republic of Kazakhstan", "Democratic Republic of
Afghanistan"), and a name right before another known name ("the Republic of Kazakhstan
Nursultan Nazarbayev")."""

import re

from corpus.ingest.names.words import (
    ATTRIBUTIVE_NOUNS,
    COMMON,
    DEMONYMS,
    NOT_A_NAME,
    STATE_NOUNS,
    STATE_QUALIFIERS,
    is_initial,
    is_name_word,
    plain,
)

BEFORE_HYPHEN = re.compile(r"([^\s\-–—/(“\"]+)-$")
AFTER_HYPHEN = re.compile(r"^-([^\s\-–—/)”\",;:]+)")
# "Islamic Movement of Uzbekistan": capitalized words, then "of" or "for" (the).
CONNECTED = re.compile(r"((?:[^\W\d_][\w’'.-]*\s+)+)(?:of|for)(?:\s+the)?\s+$")
WORD_AFTER = re.compile(r"^ ([^\W\d_][\w’'-]*)")
WORD_BEFORE = re.compile(r"(?:^|\s)([^\s]+) $")
LOOKAROUND = 80


def _capitalized_unknown(word: str, known) -> bool:
    """A capitalized word that is no known name, title or common word; an acronym
    beside a name ("Russia-UK talks") stands for something else, not a longer name."""
    word = plain(word)
    if not word or word.isupper() or word in NOT_A_NAME or known(word):
        return False
    return is_name_word(word)


def _capitalized_tail(words: list[str]) -> list[str]:
    """The capitalized words at the end of `words`: the name before "of"."""
    tail = []
    for word in reversed(words):
        if not word[0].isupper() or word.endswith((",", ";", ":", ".", ")", "”")):
            break
        tail.insert(0, word)
    return tail


def _formal_state_title(words: list[str]) -> bool:
    """Whether the words before "of" are a state's formal title: "Republic",
    "Democratic Republic", "People’s Republic", "Kingdom"."""
    names = [plain(word) for word in words]
    return any(name in STATE_NOUNS for name in names) and all(
        name in STATE_NOUNS or name in STATE_QUALIFIERS or name in DEMONYMS for name in names
    )


def inside_longer_name(
    text: str,
    start: int,
    end: int,
    known,
    *,
    acronym: bool = False,
    state: bool = False,
    names_at: frozenset[int] | set[int] = frozenset(),
) -> bool:
    """Whether text[start:end] is part of a longer proper name that the archive does
    not know as a whole; `known(word)` says whether a word is itself a known name.
    `acronym` and `state` say what the name found there is; `names_at` holds where
    other known names begin in the text."""
    before = text[max(0, start - LOOKAROUND) : start]
    after = text[end : end + LOOKAROUND]
    if (match := BEFORE_HYPHEN.search(before)) and _capitalized_unknown(match[1], known):
        return True
    if (match := AFTER_HYPHEN.match(after)) and _capitalized_unknown(match[1], known):
        return True
    if match := CONNECTED.search(before):
        words = _capitalized_tail(match[1].split())
        while words and words[0] in COMMON:
            words.pop(0)
        formal = state and words and _formal_state_title(words)
        if not formal and any(_capitalized_unknown(word, known) for word in words):
            return True
    if not (match := WORD_AFTER.match(after)) or end + 1 in names_at:
        return False
    if acronym and match[1] in ATTRIBUTIVE_NOUNS:
        return False
    return _capitalized_unknown(match[1], known)


def word_before(text: str, start: int) -> str:
    """The word right before `start`, one space apart ("" at a line's or sentence's edge)."""
    match = WORD_BEFORE.search(text[max(0, start - LOOKAROUND) : start])
    return match[1] if match else ""


def other_first_name(text: str, start: int, first_names: set[str]) -> bool:
    """Whether a first name other than `first_names` (or an initial that none of them
    begins with) stands right before the surname at `start`."""
    word = word_before(text, start)
    if not word or word.endswith((",", ";", ":", ")", "]", "”", '"')):
        return False
    if is_initial(word):
        return not any(name.startswith(word[0]) for name in first_names)
    name = plain(word)
    if name != word:
        return False  # "Russia’s Lavrov", "said. Lavrov": no first name

    return is_name_word(name) and name not in NOT_A_NAME and name not in first_names
