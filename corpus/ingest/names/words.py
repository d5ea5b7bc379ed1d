"""The words around names: titles that stand before a person's name, common words
that are capitalized only because they begin a sentence, demonyms, months and
weekdays. None of them is a first name or part of a longer proper name."""

import re

from corpus.models.dates import MONTH_NAMES


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles and ranks that stand before a name ("President X", "Gen. X").
TITLES = word_set(
    """
    President Vice-President Prime Premier Minister Secretary Secretary-General
    Deputy Chief Chairman Chairwoman Chair Director Director-General Head Leader
    Ambassador Envoy Spokesman Spokeswoman Spokesperson Speaker Governor Mayor Senator
    General Gen Gen. Lt. Lt Lt.-Gen. Col. Col Colonel Major Maj. Captain Capt. Admiral
    Adm. Marshal Commander Sgt. Sergeant Lieutenant Colonel-General Major-General
    King Queen Prince Emir Sheikh Sultan Patriarch Pope Mr. Mrs. Ms. Mr Mrs Ms Dr. Dr
    Prof. Professor Judge Justice Commissioner Ombudsman Chancellor Foreign Defense
    Defence Acting Former Ex-President Presidential
    Adviser Advisor Aide Analyst Expert Colleague Journalist Correspondent Editor
    """
)

# Capitalized at a sentence's start, never a name's part.
COMMON = word_set(
    """
    A An The This That These Those There Here Then Than Now So And But Or Nor Yet For If
    When While Where Whereas Why What Which Who Whom Whose How As At By In On Of Off Out
    Into Onto Upon Over Under Up Down With Without Within From To Toward Towards After
    Before Since Until During Despite Although Though Because Unless Meanwhile However
    Moreover Furthermore Nevertheless Nonetheless Indeed Instead Also Still Even Only
    Just Both Either Neither Each Every All Any Some Many Much Most More Few Several Such
    Other Another Its It He She They We I You His Her Their Our My Your Us Them Him
    No Not Yes Last Next First Second Third Late Early Later Earlier Recently Today
    Yesterday Tomorrow Tonight Now Once Twice Again Already Perhaps Maybe Certainly
    Clearly Obviously Apparently Reportedly According Accounts Account Official
    Officials Sources Source Observers Analysts Experts Critics Western Eastern Northern
    Southern Central Greater Lesser New Old Great Upper Lower Mr Ms
    """
)

MONTHS = frozenset(MONTH_NAMES)
WEEKDAYS = word_set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")

# Adjectives of nationality: "Russian President X", "Kazakh officials".
DEMONYMS = word_set(
    """
    Russian Russians Kazakh Kazakhstani Kyrgyz Tajik Uzbek Turkmen Belarusian Belarussian
    Armenian Azerbaijani Georgian Ukrainian Moldovan Afghan Pakistani Iranian Chinese
    American Americans British English French German Italian Spanish Turkish Indian
    Japanese Korean European Asian Soviet Western Eastern Arab Islamic Muslim Christian
    Tatar Chechen Dagestani Ossetian Abkhaz Pashtun Baloch Uighur Uyghur Mongolian
    """
)

# Words of place names: "Middle East", "Central Asia" are no one's name.
PLACES = word_set(
    """
    East West North South Middle Far Near Asia Europe America Africa Caucasus Gulf Sea
    River Lake Mountains Valley Republic Kingdom Region Province Oblast City Street Square
    Island Islands Peninsula Basin Steppe Desert
    """
)

# Common nouns that follow an acronym as its attribute: "the CSTO Summit", "NATO Members"
# name an event or a group of the organization's, not an organization of their own (a
# "Secretariat", "Council" or "Forces" may be one, and is not listed).
ATTRIBUTIVE_NOUNS = word_set(
    """
    Summit Summits Meeting Meetings Session Sessions Conference Talks Exercise Exercises
    Drills Manoeuvres Maneuvers Games Member Members Membership States Countries Nations
    Partners Allies Troops Soldiers Officers Officials Leaders Chairmanship Presidency
    Headquarters Declaration Statement Communique Communiqué Charter Anniversary Agenda
    Budget Enlargement Expansion Framework
    """
)

# The words of a state's formal name: "Republic of Kazakhstan", "Democratic Republic of
# Afghanistan", "Kingdom of Saudi Arabia" name the state itself, not another entity.
STATE_NOUNS = word_set(
    "Republic Kingdom Federation Emirate Sultanate Principality Commonwealth Confederation State"
)
STATE_QUALIFIERS = word_set(
    "Democratic People Peoples Popular Federal Federative Socialist United Independent Sovereign"
)

# Lower-case words that may stand inside a name: "Nikolai van der Berg", "bin Laden".
PARTICLES = word_set("de del della der den di du da dos das van von la le bin ibn al el ter")

NOT_A_NAME = TITLES | COMMON | DEMONYMS | MONTHS | WEEKDAYS | PLACES

INITIAL = re.compile(r"^(?:[A-Z]\.)+$")
APOSTROPHES = "'’"


def is_name_word(word: str) -> bool:
    """A capitalized word that could be part of a name: "Kucera", "O’Brien",
    "Bakiyev-Smith", an initial ("K.") or the same in capitals ("KUCERA")."""
    if INITIAL.match(word):
        return True
    letters = word
    for mark in ("-", *APOSTROPHES):
        letters = letters.replace(mark, "")
    return bool(letters) and letters.isalpha() and word[0].isupper()


def is_initial(word: str) -> bool:
    return bool(INITIAL.match(word))


def plain(word: str) -> str:
    """The word without a possessive ending or surrounding punctuation."""
    word = word.strip('.,;:!?()[]“”"‘')
    for mark in APOSTROPHES:
        if word.endswith(f"{mark}s"):
            return word[:-2]
    return word


def person_like(name: str) -> bool:
    """Whether `name` reads as one person's name: two to five capitalized name words
    (particles allowed inside, initials too), none of them a title, a common word,
    a month or a demonym. "Joshua Kucera" and "J. R. Smith" are; "most accounts",
    "Moscow.", "Reuters" and "The Kremlin" are not."""
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    if words[0] in PARTICLES or words[-1] in PARTICLES or is_initial(words[-1]):
        return False
    for word in words:
        if word in PARTICLES:
            continue
        if not is_name_word(word) or word.rstrip(".") in NOT_A_NAME or word in NOT_A_NAME:
            return False
    return True
