"""Chance, made repeatable: seed sentences split out of the seed articles, new
sentences from a word-bigram chain over them, and Zipf-weighted draws."""

import itertools
import re
from bisect import bisect
from collections import defaultdict


def split_sentences(text: str) -> list[str]:
    """Sentences of running text, long enough to read as prose."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", " ".join(text.split()))
    return [p for p in parts if 40 <= len(p) <= 400 and p[-1] in '.!?"”']


class Chain:
    """A word-bigram chain over the seed sentences: new sentences, seed words only."""

    def __init__(self, sentences, rng):
        self.rng = rng
        self.next = defaultdict(list)
        self.starts = []
        for sentence in sentences:
            words = sentence.split()
            self.starts.append(words[0])
            for a, b in itertools.pairwise([*words, None]):
                self.next[a].append(b)

    def sentence(self, min_words=10, max_words=32) -> str:
        for _ in range(20):
            words = [self.rng.choice(self.starts)]
            while len(words) < max_words:
                following = self.next.get(words[-1])
                word = self.rng.choice(following) if following else None
                if word is None:
                    break
                words.append(word)
            text = " ".join(words)
            if len(words) >= min_words and text[-1] in ".!?":
                return text
        return text.rstrip(",;:") + "."


class Zipf:
    """Draw items with weight 1/rank^s: the first items are common, the tail rare."""

    def __init__(self, items, rng, s=1.0):
        self.items, self.rng = items, rng
        self.cum = list(itertools.accumulate(1 / (rank + 1) ** s for rank in range(len(items))))

    def draw(self, k: int) -> list:
        """k distinct items (fewer if there aren't k)."""
        k = min(k, len(self.items))
        chosen, total = {}, self.cum[-1]
        while len(chosen) < k:
            index = bisect(self.cum, self.rng.random() * total)
            chosen[index] = self.items[index]
        return list(chosen.values())
