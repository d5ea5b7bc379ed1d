"""A synthetic corpus for measuring the archive at scale (`manage.py synthesize`):
its words (vocabulary.py), chance made repeatable (drawing.py), its cast
(cast.py), the articles, passages and claims (generator.py), the rows it is
written as (rows.py), and the COPY load (loading.py)."""

from bench.synthetic.drawing import Zipf, split_sentences
from bench.synthetic.generator import Synthesizer
from bench.synthetic.rows import COLUMNS, SOURCE_PREFIX, SYNTHETIC_NOTE, Entity, Plan

__all__ = [
    "COLUMNS",
    "SOURCE_PREFIX",
    "SYNTHETIC_NOTE",
    "Entity",
    "Plan",
    "Synthesizer",
    "Zipf",
    "split_sentences",
]
