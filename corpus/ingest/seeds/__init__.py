"""Load the seed articles and apply their curation (seeds/curation/): `SeedLoader`
(loader.py) runs the steps, each in its own module, over the generic step in sync.py."""

from corpus.ingest.seeds.loader import SeedLoader
from corpus.ingest.seeds.sync import CurationError

__all__ = ["CurationError", "SeedLoader"]
