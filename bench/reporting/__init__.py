"""What a run found: each target met or missed (targets.py), and the Markdown
table written to bench/results/ (markdown.py)."""
