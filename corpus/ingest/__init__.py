"""Bringing sources in: parsing raw files, finding known names in their text,
importing them as articles, and loading the seeds with their curation."""
