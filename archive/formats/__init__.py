"""How the archive writes its records for others: the JSON twins of the pages,
citations, W3C Web Annotations, CSV downloads, and dates in words."""
