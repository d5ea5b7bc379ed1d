"""Keeping annotations and mentions on their passages: the W3C selectors and how
a passage is found again, text diffs, re-anchoring after an edit, and orphans."""
