"""Annotations in and out of the archive's own formats: reading W3C Web Annotation
JSON-LD and Hypothesis exports, checking them against the W3C conformance MUSTs,
and importing them as drafts placed by the archive's anchoring."""
