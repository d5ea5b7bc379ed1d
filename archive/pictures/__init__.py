"""Pictures of the corpus as geometry for SVG templates: who appears with whom
(network.py), and when articles appeared (timeline.py)."""
