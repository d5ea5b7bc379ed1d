"""When two spellings are one name: the documented rules the matcher trusts.

Certain, linked automatically:
- British and American spellings, word by word (BRITISH_AMERICAN):
  "Organisation" is "Organization", "Co-operation" is "Cooperation";
- an acronym in capitals or with only its first letter capitalized, whatever case
  the record uses: "ITAR-TASS", "Itar-Tass" and "Itar-TASS" are one name, and so are
  "NATO" and "Nato" (acronyms of three letters or more; never all lower case, so the
  pronoun "us" is never "US");
- a full name whose words all agree by the transliteration rules (TRANSLITERATION)
  and of which the first name or the surname is spelled exactly as recorded:
  "Nursultan Nazarbaev", "Emomali Rakhmon", "Alexander Lukashenka", "Dmitri Medvedev".

Less certain, proposed to an editor and never linked: a surname alone that agrees
only by the rules ("Nazarbaev"), and near misses (corpus/ingest/matching.py).
"""

import itertools
import re
import unicodedata

# (British, American), matched at the start of a word, case kept from the text.
BRITISH_AMERICAN = [
    ("Organisation", "Organization"),
    ("Organisations", "Organizations"),
    ("Co-operation", "Cooperation"),
    ("Co-ordination", "Coordination"),
    ("Co-ordinating", "Coordinating"),
    ("Defence", "Defense"),
    ("Centre", "Center"),
    ("Programme", "Program"),
    ("Labour", "Labor"),
    ("Harbour", "Harbor"),
    ("Armoured", "Armored"),
    ("Honour", "Honor"),
    ("Neighbourhood", "Neighborhood"),
    ("Modernisation", "Modernization"),
    ("Stabilisation", "Stabilization"),
]
_BRITISH = {british: american for british, american in BRITISH_AMERICAN}
_AMERICAN = {american: british for british, american in BRITISH_AMERICAN}

# The transliteration rules, in order: each rewrites a lower-case word toward one
# skeleton, so two spellings that the rules make equal are one name.
TRANSLITERATION = [
    (r"[’'ʹʼ`]", "", "soft and hard signs dropped: Gol’ts, Golts"),
    (r"kh", "h", "kh/h: Rakhmon, Rahmon"),
    (r"x", "ks", "x/ks: Alexander, Aleksander"),
    (r"ye", "e", "ye/e: Yevgeny, Evgeny; Nazarbayev, Nazarbaev (-yev/-ev)"),
    (r"yo", "e", "yo/e: Fyodor, Fedor"),
    (r"y", "i", "y/i: Dmitry, Dmitri; Nikolay, Nikolai"),
    (r"ii\b", "i", "-ii/-i/-y: Dmitrii, Dmitri"),
    (r"ie", "e", "-iev/-ev: Bakiev, Bakiyev"),
    (r"enka\b", "enko", "Belarusian -enka, Russian -enko: Lukashenka, Lukashenko"),
    (r"(\w)\1", r"\1", "double letters: Aleksandr Golts, Aleksandr Gollts"),
    (r"aleksandr\b", "aleksander", "Aleksandr, Alexander"),
]
_RULES = [(re.compile(pattern), replacement) for pattern, replacement, _ in TRANSLITERATION]

ACRONYM_PART = re.compile(r"^[A-Za-z]{1,6}$")


def skeleton(word: str) -> str:
    """The word by the transliteration rules: lower case, accents dropped, each rule
    applied. Two spellings with one skeleton differ only by documented rules."""
    text = unicodedata.normalize("NFKD", word.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def name_skeleton(name: str) -> tuple[str, ...]:
    return tuple(skeleton(word) for word in name.split())


def british_american_variants(name: str) -> set[str]:
    """Every spelling of `name` that swaps British and American words (itself excluded)."""
    choices = []
    for word in name.split(" "):
        other = _BRITISH.get(word) or _AMERICAN.get(word)
        choices.append((word, other) if other else (word,))
    spellings = {" ".join(combination) for combination in itertools.product(*choices)}
    spellings.discard(name)
    return spellings


def is_acronym_like(name: str) -> bool:
    """An acronym ("CSTO") or a name of short parts joined by hyphens ("Itar-Tass"),
    with three letters or more."""
    if " " in name or sum(ch.isalpha() for ch in name) < 3:
        return False
    parts = name.split("-")
    if not all(ACRONYM_PART.match(part) for part in parts):
        return False
    return name.isupper() or (len(parts) > 1 and all(len(part) <= 5 for part in parts))


def acronym_case_variants(name: str) -> set[str]:
    """The same acronym in capitals and with first letters capitalized, part by part
    ("Itar-Tass": "ITAR-TASS", "Itar-TASS", "ITAR-Tass"), itself excluded."""
    if not is_acronym_like(name):
        return set()
    parts = name.split("-")
    choices = [(part.upper(), part[0].upper() + part[1:].lower()) for part in parts]
    spellings = {"-".join(combination) for combination in itertools.product(*choices)}
    spellings.discard(name)
    return spellings


def certain_variants(name: str) -> set[str]:
    """The spellings of `name` that the rules make certain (not transliterations,
    which the matcher finds by skeleton)."""
    return british_american_variants(name) | acronym_case_variants(name)
