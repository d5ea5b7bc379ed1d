"""Comparing texts for anchoring: edit distance, approximate substring search,
and where the unchanged parts of an edited text went (EditMap)."""

import re
from difflib import SequenceMatcher


def _bit_vectors(pattern: str, text: str, anchored: bool):
    """Myers' bit-parallel edit distance: yield, after each character of
    `text`, the least edit distance between `pattern` and a substring of `text`
    ending there (anchored=False), or the prefix of `text` read so far
    (anchored=True)."""
    m = len(pattern)
    peq: dict[str, int] = {}
    for i, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << i)
    mask, high = (1 << m) - 1, 1 << (m - 1)
    pv, mv, score = mask, 0, m
    carry = 1 if anchored else 0
    for char in text:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        yield score


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two strings."""
    if not a or not b:
        return len(a) + len(b)
    distance = len(a)
    for distance in _bit_vectors(a, b, anchored=True):  # noqa: B007
        pass
    return distance


def similarity(a: str, b: str) -> float:
    """1.0 for equal strings, falling to 0.0 as they share nothing."""
    longest = max(len(a), len(b))
    return 1.0 if longest == 0 else 1.0 - edit_distance(a, b) / longest


def approximate_matches(pattern: str, text: str, max_errors: int) -> list[tuple[int, int, int]]:
    """(start, end, errors) of the substrings of `text` within `max_errors` edits
    of `pattern`: the best one of each run of adjacent candidate ends."""
    if not pattern:
        return []
    runs: list[list[tuple[int, int]]] = []
    for end, errors in enumerate(_bit_vectors(pattern, text, anchored=False), 1):
        if errors <= max_errors:
            if runs and runs[-1][-1][0] == end - 1:
                runs[-1].append((end, errors))
            else:
                runs.append([(end, errors)])
    matches = []
    reversed_pattern = pattern[::-1]
    for run in runs:
        end, errors = min(run, key=lambda item: item[1])
        # Where the match starts: the prefix of the reversed text before `end` closest
        # to the reversed pattern, preferring the length nearest the pattern's.
        window = text[max(0, end - len(pattern) - errors) : end][::-1]
        length, errors = min(
            enumerate(_bit_vectors(reversed_pattern, window, anchored=True), 1),
            key=lambda item: (item[1], abs(item[0] - len(pattern))),
        )
        if length and errors <= max_errors:
            matches.append((end - length, end, errors))
    return matches


# Words with their trailing space, or one punctuation mark: the units a diff aligns.
TOKENS = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")


def common_prefix_length(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


class EditMap:
    """Where the unchanged runs of an old text went in the new one.

    Blocks are (old offset, new offset, length) runs the two texts share: the
    common prefix and suffix, and between them the runs a word-level diff
    aligns, widened character by character as far as the texts agree."""

    def __init__(self, old: str, new: str):
        self.old, self.new = old, new
        prefix = common_prefix_length(old, new)
        full_suffix = common_prefix_length(old[::-1], new[::-1])
        suffix = min(full_suffix, min(len(old), len(new)) - prefix)
        middle = self._middle_blocks(old, new, prefix, len(old) - suffix, len(new) - suffix)
        self.blocks = [(0, 0, prefix), *middle, (len(old) - suffix, len(new) - suffix, suffix)]
        # When prefix and suffix overlap (a repeated run at the edit), both alignments
        # are true; the suffix one serves spans the prefix one cuts.
        self.alternatives = [(len(old) - full_suffix, len(new) - full_suffix, full_suffix)]

    def _middle_blocks(self, old, new, low, old_high, new_high) -> list[tuple[int, int, int]]:
        old_middle, new_middle = old[low:old_high], new[low:new_high]
        if not old_middle or not new_middle:
            return []
        old_tokens, new_tokens = TOKENS.findall(old_middle), TOKENS.findall(new_middle)
        old_at, new_at = _offsets(old_tokens), _offsets(new_tokens)
        matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
        blocks = [
            [low + old_at[i], low + new_at[j], old_at[i + size] - old_at[i]]
            for i, j, size in matcher.get_matching_blocks()
            if size
        ]
        # Widen each block over characters the texts still share at its edges.
        previous_old = previous_new = low
        for index, block in enumerate(blocks):
            a, b, size = block
            while a > previous_old and b > previous_new and old[a - 1] == new[b - 1]:
                a, b, size = a - 1, b - 1, size + 1
            next_old, next_new = (
                (blocks[index + 1][0], blocks[index + 1][1])
                if index + 1 < len(blocks)
                else (old_high, new_high)
            )
            while a + size < next_old and b + size < next_new and old[a + size] == new[b + size]:
                size += 1
            block[:] = a, b, size
            previous_old, previous_new = a + size, b + size
        return [tuple(block) for block in blocks]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The new position of old[start:end] if the edit left it untouched."""
        for old_at, new_at, size in self.blocks + self.alternatives:
            if old_at <= start and end <= old_at + size:
                return start - old_at + new_at, end - old_at + new_at
        return None

    def survivors(self, start: int, end: int) -> tuple[int, int, int]:
        """How many characters of old[start:end] the edit left in place, and the
        new span from the first to the last of them (0, 0, 0 when none)."""
        kept, low, high = 0, None, None
        for old_at, new_at, size in self.blocks:
            first, last = max(start, old_at), min(end, old_at + size)
            if first < last:
                kept += last - first
                low = first - old_at + new_at if low is None else low
                high = last - old_at + new_at
        return (kept, low, high) if kept else (0, 0, 0)

    def offset(self, position: int) -> int:
        """Roughly where an old offset went: a hint for searching."""
        best = position
        for old_at, new_at, size in self.blocks:
            if old_at <= position:
                best = new_at + min(position - old_at, size) + max(0, position - old_at - size)
        return min(best, len(self.new))


def _offsets(tokens: list[str]) -> list[int]:
    offsets, at = [0], 0
    for token in tokens:
        at += len(token)
        offsets.append(at)
    return offsets
