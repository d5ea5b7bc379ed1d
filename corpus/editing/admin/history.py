"""What an edit changed, word by word: the history page's old and new values of a
long text (an article's body, a note) as the words removed and the words added,
with a few words of context around each, instead of "[5561 chars]"."""

import difflib
import re

from django.db import models
from django.utils.html import escape
from django.utils.safestring import mark_safe
from simple_history.template_utils import HistoricalRecordContextHelper

# Unchanged words kept either side of a change; longer unchanged runs fold to "…".
CONTEXT_WORDS = 6
# Words and the spaces after them, so the text rejoins exactly.
WORDS = re.compile(r"\S+\s*|\s+")


def word_diff(old: str, new: str) -> tuple[str, str]:
    """(old, new) as safe HTML: the removed words in <del>, the added in <ins>."""
    before, after = WORDS.findall(old or ""), WORDS.findall(new or "")
    old_parts, new_parts = [], []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    opcodes = matcher.get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = before[i1:i2]
            first, last = n == 0, n == len(opcodes) - 1
            shown = _folded(same, keep_start=not first, keep_end=not last)
            old_parts.append(shown)
            new_parts.append(shown)
            continue
        if i2 > i1:
            old_parts.append(f"<del>{escape(''.join(before[i1:i2]))}</del>")
        if j2 > j1:
            new_parts.append(f"<ins>{escape(''.join(after[j1:j2]))}</ins>")
    return mark_safe("".join(old_parts)), mark_safe("".join(new_parts))  # noqa: S308 - escaped


def _folded(words: list[str], keep_start: bool, keep_end: bool) -> str:
    """An unchanged run, shortened to the words next to the changes around it."""
    head = words[:CONTEXT_WORDS] if keep_start else []
    tail = words[-CONTEXT_WORDS:] if keep_end else []
    if len(head) + len(tail) >= len(words):
        return escape("".join(words))
    return escape("".join(head)) + "… " + escape("".join(tail))


class WordDiffHistory(HistoricalRecordContextHelper):
    """Long texts (TextFields) changed are shown as word-level diffs."""

    def stringify_delta_change_values(self, change, old, new):
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.TextField) and isinstance(old or "", str):
            return word_diff(old or "", new or "")
        return super().stringify_delta_change_values(change, old, new)
